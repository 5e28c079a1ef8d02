#pragma once
// One incident planned against a loaded district, its team table and its road network: travel
// times from the roads, everything else from the data. Used by `erde dispatch`, `erde demo`,
// the drills and the service.
#include <span>
#include <vector>

#include "dispatch/incident_plan.hpp"
#include "dispatch/reservations.hpp"
#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "dispatch/team_status.hpp"
#include "geo/geos_context.hpp"
#include "model/dataset.hpp"

namespace erde {

// `data` supplies the areas, shelters, depots and risk points (its teams are not read); `teams`
// is the team table: every team's status and where it is now, which is where its trip starts.
// `in_force`: the other incidents with plans in force, whose dispatched teams the plan may
// propose to pre-empt (from where they are, so give those rows their estimated positions).
IncidentPlan plan_on_roads(const GeosContext& geos, const Incident& incident, const ResponsePlanBook& book,
                           const Dataset& data, std::span<const TeamNow> teams, const LiveRoads& roads,
                           const Reservations& ledger, std::span<const IncidentInForce> in_force = {});

// Seconds from where each team is now to `at` (kNoRoute where none), per row of `teams`.
std::vector<double> team_times_now(const LiveRoads& roads, std::span<const TeamNow> teams, LonLat at);
// The team's road route from where it is now to `at` with its own profile; empty when none.
std::vector<LonLat> team_route_now(const LiveRoads& roads, const TeamNow& team, LonLat at);


}  // namespace erde
