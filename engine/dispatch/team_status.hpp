#pragma once
// Team status lifecycle: available -> dispatched -> on_scene -> returning -> available, with
// off_duty (离岗/休整) reachable from any state and left only to available. A returning team may
// be sent straight to a new incident; a dispatched team may be recalled before arriving.
#include "model/team.hpp"

namespace erde {

bool can_change_status(TeamStatus from, TeamStatus to);

// Throws erde::Error naming the team, both states and the allowed next states.
void change_status(Team& team, TeamStatus to);

}  // namespace erde
