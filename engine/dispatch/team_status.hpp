#pragma once
// The team table and the team status lifecycle.
//
// Lifecycle: available -> dispatched -> on_scene -> returning -> available, with off_duty
// (离岗/休整) reachable from any state and left only to available. A returning team may be sent
// straight to a new incident; a dispatched team may be recalled before arriving, or redirected to
// another incident (pre-emption: redirect_team).
//
// The team table: one row per team, as it is now. Each context keeps exactly one (the service
// one, every drill its own) and hands it to dispatch explicitly; a row's status changes only
// through change_status, which keeps the row's incident in step.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/team.hpp"

namespace erde {

struct TeamNow {
  Team team;             // the data set's attributes: team.base is the home base; team.status is
                         // the live status (change it only through change_status)
  LonLat position;       // where the team is now (its base until it moves); while it drives,
                         // where it was at position_at (dispatch/team_position.hpp)
  std::optional<int64_t> position_at;  // when `position` was true (ms); none: since it was loaded
  std::string incident;  // the incident it is assigned to; empty when none
  std::optional<int64_t> updated_at;  // when the service last published a change to it (ms)
};

// One row per team in the given order: at its base, in its loaded status, assigned to nothing.
std::vector<TeamNow> team_table(std::span<const Team> teams);

// The row of the team with this id; nullptr when there is none.
TeamNow* find_team(std::vector<TeamNow>& teams, std::string_view id);
const TeamNow* find_team(const std::vector<TeamNow>& teams, std::string_view id);

bool can_change_status(TeamStatus from, TeamStatus to);

// Whether a team may be sent to an incident: when it is free, or on its way home (re-tasked from
// where it is then).
inline bool dispatchable(TeamStatus s) { return s == TeamStatus::available || s == TeamStatus::returning; }

// Why the lifecycle does not let `team` go to `to` (naming the team, both states and the allowed
// next states); nullopt when it does.
std::optional<std::string> status_change_refusal(const TeamNow& team, TeamStatus to);

// The one way a team's status changes. Throws erde::Error with status_change_refusal's words
// when the lifecycle forbids the change, and when an incident is given for anything but a
// dispatch. Keeps the incident in step: a dispatched team goes to `incident` (nullopt: keeps the
// one it has), a team that goes available or off duty has none, any other keeps its own.
void change_status(TeamNow& team, TeamStatus to, std::optional<std::string> incident = std::nullopt);

// A dispatched team sent on to another incident before it arrives (pre-emption): it stays
// dispatched, now to `incident`. Throws erde::Error when the team is not dispatched or already
// goes there.
void redirect_team(TeamNow& team, std::string incident);

}  // namespace erde
