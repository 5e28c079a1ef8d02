#pragma once
// The duty officer's plan for one incident: teams, materials, evacuation and warnings, built
// from the response plan (预案) and travel times the caller supplies (routing, or a test).
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "dispatch/concession.hpp"
#include "dispatch/evacuation.hpp"
#include "dispatch/first_due.hpp"
#include "dispatch/materials.hpp"
#include "dispatch/mutual_aid.hpp"
#include "dispatch/preemption.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/team_selection.hpp"
#include "dispatch/walking.hpp"
#include "dispatch/warnings.hpp"
#include "geo/geos_context.hpp"
#include "model/admin_area.hpp"
#include "model/depot.hpp"
#include "model/risk_point.hpp"

namespace erde {

struct Incident {
  std::string id;
  IncidentType type = IncidentType::fire;
  Severity severity = Severity::general;
  LonLat location;
  Geometry hazard_zone;  // optional WGS84 polygon (a mapped flood extent); replaces the evacuation circle
};

// Walking seconds from each origin to each destination (origins x destinations).
using WalkingTimesFn = std::function<TravelMatrix(std::span<const LonLat> from, std::span<const LonLat> to)>;

struct PlanInputs {
  std::span<const TeamNow> teams;       // the team table: who is free, as it is now
  std::span<const double> team_eta_s;   // per row of `teams`, to the incident
  std::span<const Depot> depots;
  std::span<const double> depot_eta_s;  // per depot, to the incident
  std::span<const AdminArea> areas;
  std::span<const Shelter> shelters;
  std::span<const RiskPoint> risk_points;
  std::span<const ResponsibilityArea> responsibility_areas;  // used when the plan has a first-due rule
  // The other incidents in force, for pre-emption proposals (rows dispatched to them need a
  // travel time in team_eta_s to be proposed).
  std::span<const IncidentInForce> in_force;
  // Needed only when people are to be evacuated: `walking` (times and routes, from the roads) if
  // set, else `walking_s` (times only).
  WalkingTripsFn walking;
  WalkingTimesFn walking_s;
};

struct IncidentPlan {
  Incident incident;
  ResponsePlan response;
  TeamSelection teams;
  std::vector<FirstDueTeam> first_due;  // the teams whose area holds the incident (with a first-due rule)
  MaterialPlan materials;
  std::optional<EvacuationPlan> evacuation;
  WarningList warnings;
  Geometry evacuation_zone;  // WGS84 WKB; empty when nobody is evacuated
  Geometry warning_zone;     // WGS84 WKB; empty when the plan warns nobody
  std::vector<AreaName> incident_areas;      // the administrative areas holding it, coarsest first
  std::vector<MutualAidRequest> mutual_aid;  // what the district cannot meet, by recipient
  std::vector<PreemptionOption> preemption;  // teams it may take for its short slots, on confirmation
  std::vector<Concession> gave_up;  // planned with others as one event: what it gave up to them
  bool complete() const {
    return teams.complete() && materials.complete() && (!evacuation || evacuation->unplaced_total == 0);
  }
};

// Per row of `teams`, the responsibility area holding `at` (first_due.hpp); empty when the
// response plan has no first-due rule or there are no areas.
std::vector<int> incident_first_due_areas(const ResponsePlan& response, std::span<const TeamNow> teams,
                                          std::span<const ResponsibilityArea> areas, LonLat at);

// Teams for `slots` under the response plan's substitutes and first-due rule (area_of from
// incident_first_due_areas), each first-due team marked with its area. Plans and re-plans both.
TeamSelection select_incident_teams(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                    std::span<const TeamRequirement> slots, const ResponsePlan& response,
                                    std::span<const ResponsibilityArea> areas, std::span<const int> area_of);

// Pure: reads the ledger for free stock and shelter places, holds nothing (see commit_plan).
IncidentPlan plan_incident(const GeosContext& geos, const Incident& incident, const ResponsePlan& response,
                           const PlanInputs& inputs, const Reservations& ledger);

}  // namespace erde
