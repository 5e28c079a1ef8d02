#include "dispatch/team_status.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace erde {

std::vector<TeamNow> team_table(std::span<const Team> teams) {
  std::vector<TeamNow> out;
  out.reserve(teams.size());
  for (const Team& t : teams) out.push_back({t, t.base, std::nullopt, {}, std::nullopt});
  return out;
}

TeamNow* find_team(std::vector<TeamNow>& teams, std::string_view id) {
  auto it = std::find_if(teams.begin(), teams.end(), [&](const TeamNow& t) { return t.team.id == id; });
  return it == teams.end() ? nullptr : &*it;
}

const TeamNow* find_team(const std::vector<TeamNow>& teams, std::string_view id) {
  auto it = std::find_if(teams.begin(), teams.end(), [&](const TeamNow& t) { return t.team.id == id; });
  return it == teams.end() ? nullptr : &*it;
}

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

std::optional<std::string> status_change_refusal(const TeamNow& now, TeamStatus to) {
  const Team& team = now.team;
  if (can_change_status(team.status, to)) return std::nullopt;
  auto name = [](TeamStatus s) { return std::string(to_string(s)) + " (" + std::string(chinese_name(s)) + ")"; };
  std::string allowed;
  for (const auto& e : EnumTable<TeamStatus>::entries)
    if (can_change_status(team.status, e.value)) allowed += (allowed.empty() ? "" : ", ") + name(e.value);
  return "team " + team.id + " (" + team.name + "): cannot go from " + name(team.status) + " to " + name(to) +
         "; allowed: " + allowed;
}

void change_status(TeamNow& team, TeamStatus to, std::optional<std::string> incident) {
  if (auto refusal = status_change_refusal(team, to)) throw Error(*refusal);
  if (incident && to != TeamStatus::dispatched)
    throw Error("team " + team.team.id + ": an incident is given only when dispatching, not when going " +
                std::string(to_string(to)));
  team.team.status = to;
  if (incident) team.incident = std::move(*incident);
  if (to == TeamStatus::available || to == TeamStatus::off_duty) team.incident.clear();
}

void redirect_team(TeamNow& team, std::string incident) {
  const std::string who = "team " + team.team.id + " (" + team.team.name + ")";
  if (team.team.status != TeamStatus::dispatched)
    throw Error(who + ": only a dispatched team can be redirected, it is " + std::string(to_string(team.team.status)));
  if (team.incident == incident) throw Error(who + " is already dispatched to " + incident);
  team.incident = std::move(incident);
}

}  // namespace erde
