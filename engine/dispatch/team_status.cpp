#include "dispatch/team_status.hpp"

#include <string>

#include "util/error.hpp"

namespace erde {

bool can_change_status(TeamStatus from, TeamStatus to) {
  using S = TeamStatus;
  if (from == to) return false;
  if (to == S::off_duty) return true;
  switch (from) {
    case S::available: return to == S::dispatched;
    case S::dispatched: return to == S::on_scene || to == S::returning;
    case S::on_scene: return to == S::returning;
    case S::returning: return to == S::available || to == S::dispatched;
    case S::off_duty: return to == S::available;
  }
  return false;
}

void change_status(Team& team, TeamStatus to) {
  if (can_change_status(team.status, to)) {
    team.status = to;
    return;
  }
  auto name = [](TeamStatus s) { return std::string(to_string(s)) + " (" + std::string(chinese_name(s)) + ")"; };
  std::string allowed;
  for (const auto& e : EnumTable<TeamStatus>::entries)
    if (can_change_status(team.status, e.value)) allowed += (allowed.empty() ? "" : ", ") + name(e.value);
  throw Error("team " + team.id + " (" + team.name + "): cannot go from " + name(team.status) + " to " + name(to) +
              "; allowed: " + allowed);
}

}  // namespace erde
