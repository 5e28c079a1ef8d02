#pragma once
// Several incidents at once: the live team roster, the stock/shelter ledger and the plans in
// force. Committing a plan dispatches its teams and holds its materials and shelter places;
// closing releases them; losing a team re-plans every incident that relied on it.
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "dispatch/incident_plan.hpp"
#include "dispatch/reservations.hpp"

namespace erde {

struct DispatchState {
  std::vector<Team> teams;
  Reservations ledger;
  std::map<std::string, IncidentPlan> active;  // by incident id
};

Team& find_team(DispatchState& state, const std::string& team_id);

// Throws when the incident is already active or a planned team is no longer available.
void commit_plan(DispatchState& state, const IncidentPlan& plan);

// Releases the incident's materials and shelter places; its dispatched / on-scene teams return.
void close_incident(DispatchState& state, const std::string& incident_id);

// Active incidents with the team among their assigned teams, by incident id.
std::vector<std::string> incidents_relying_on(const DispatchState& state, const std::string& team_id);

// Travel time of every team in `teams` to the incident (the caller's routing).
using TeamEtaFn = std::function<std::vector<double>(const Incident& incident, std::span<const Team> teams)>;

struct Replan {
  std::string incident_id;
  std::string lost_team_id;
  std::vector<TeamAssignment> added;  // replacements now dispatched
  TeamSelection teams;                // the incident's teams after the re-plan
};

// Validated status change. When a dispatched or on-scene team goes off duty (breakdown,
// casualties), every incident relying on it is
// re-planned: the vacated slots go to the best available teams, the rest of its plan stands.
// Most severe incidents re-plan first (then by id).
std::vector<Replan> set_team_status(DispatchState& state, const std::string& team_id, TeamStatus to,
                                    const TeamEtaFn& eta);

}  // namespace erde
