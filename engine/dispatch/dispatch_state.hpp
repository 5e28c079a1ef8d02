#pragma once
// Several incidents at once: the team table, the stock/shelter ledger and the plans in force.
// Committing a plan dispatches its teams and holds its materials and shelter places; closing
// releases them; losing a team re-plans every incident that relied on it. Every status change
// goes through change_status (dispatch/team_status.hpp).
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dispatch/incident_plan.hpp"
#include "dispatch/preemption.hpp"
#include "dispatch/reservations.hpp"
#include "dispatch/team_status.hpp"

namespace erde {

struct DispatchState {
  std::vector<TeamNow> teams;  // the context's one team table
  Reservations ledger;
  std::map<std::string, IncidentPlan> active;  // by incident id
};

// Throws erde::Error for an unknown team.
TeamNow& find_team(DispatchState& state, const std::string& team_id);

// Throws when the incident is already active or a planned team is no longer available. The
// plan's teams are dispatched to the incident.
void commit_plan(DispatchState& state, const IncidentPlan& plan);

// Releases the incident's materials and shelter places; the teams dispatched to it or on its
// scene return.
void close_incident(DispatchState& state, const std::string& incident_id);

// Active incidents with the team among their assigned teams, by incident id.
std::vector<std::string> incidents_relying_on(const DispatchState& state, const std::string& team_id);

// The incidents with a plan in force and their severities, by incident id.
std::vector<IncidentInForce> incidents_in_force(const DispatchState& state);

// Travel time of every row of the team table to the incident, from where it is now (the
// caller's routing).
using TeamEtaFn = std::function<std::vector<double>(const Incident& incident, std::span<const TeamNow> teams)>;

struct Replan {
  std::string incident_id;
  std::string lost_team_id;
  std::vector<TeamAssignment> added;  // replacements now dispatched
  TeamSelection teams;                // the incident's teams after the re-plan
};

// The status change of one team (change_status: throws when the lifecycle forbids it; `incident`
// only with a dispatch). When a dispatched or on-scene team goes off duty (breakdown,
// casualties), every incident relying on it is re-planned: the vacated slots go to the best
// available teams, the rest of its plan stands. Most severe incidents re-plan first (then by id).
// A re-plan fills the slots as a plan does (substitutes, and the first-due rule over
// `responsibility_areas`, whose report it renews). `eta` is needed only for a re-plan.
std::vector<Replan> set_team_status(DispatchState& state, const std::string& team_id, TeamStatus to,
                                    const TeamEtaFn& eta, std::optional<std::string> incident = std::nullopt,
                                    std::span<const ResponsibilityArea> responsibility_areas = {});

}  // namespace erde

namespace erde {

struct Preemption {
  std::string incident_id;  // the incident that took the team
  TeamAssignment taken;     // the slot it fills there (filled_by preempted)
  Replan other;             // the incident it was taken from, re-planned
};

// Why `incident_id` may not take `team_id` now (preemption_refusal, or no plan in force, or no
// short slot it fits); nullopt when it may. `slot`: the slot capability asked for; none: the
// first short slot the team has the capability for, else the first it substitutes for.
std::optional<std::string> preemption_refusal(const DispatchState& state, const std::string& incident_id,
                                              const std::string& team_id, std::optional<Capability> slot);

// The duty officer's confirmation of a pre-emption: the team, dispatched to a less severe
// incident, is redirected to `incident_id` and fills a short slot there (its travel time from
// `eta`); the incident it leaves is re-planned as after a lost team (set_team_status), and both
// plans' mutual-aid requests follow. Throws erde::Error with the refusal's words, or when the
// team cannot reach the scene.
Preemption preempt_team(DispatchState& state, const std::string& incident_id, const std::string& team_id,
                        std::optional<Capability> slot, const TeamEtaFn& eta,
                        std::span<const ResponsibilityArea> responsibility_areas = {});

}  // namespace erde
