#include "dispatch/first_due.hpp"

#include <algorithm>
#include <cmath>

#include "dispatch/travel_time.hpp"
#include "geo/wkb_bounds.hpp"

namespace erde {

std::vector<int> first_due_areas(std::span<const TeamNow> teams, std::span<const ResponsibilityArea> areas, LonLat at) {
  std::vector<int> out(teams.size(), -1);
  for (size_t k = 0; k < areas.size(); ++k) {
    if (!wkb_holds_point(areas[k].boundary.wkb, at).value_or(false)) continue;
    for (size_t i = 0; i < teams.size(); ++i)
      if (out[i] < 0 && teams[i].team.id == areas[k].team_id) out[i] = static_cast<int>(k);
  }
  return out;
}

namespace {

bool fits_a_slot(const Team& team, const ResponsePlan& response) {
  for (const TeamRequirement& r : response.teams) {
    if (team.has(r.capability)) return true;
    for (const TeamSubstitute& s : response.substitutes)
      if (s.slot == r.capability && team.has(s.by)) return true;
  }
  return false;
}

std::string why_not_sent(const TeamNow& row, double eta_s, const ResponsePlan& response) {
  const Team& t = row.team;
  if (!dispatchable(t.status))
    return "not available: " + std::string(to_string(t.status)) + (row.incident.empty() ? "" : " at " + row.incident);
  if (!fits_a_slot(t, response)) return "has none of the capabilities this plan asks for";
  if (!reachable(eta_s)) return "cannot reach the scene by road";
  const double margin = response.first_due ? response.first_due->faster_by_s : 0.0;
  return "teams arriving more than " + std::to_string(static_cast<long long>(std::lround(margin))) +
         " s sooner fill the slots it could fill";
}

}  // namespace

std::vector<FirstDueTeam> first_due_report(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                           std::span<const ResponsibilityArea> areas, const std::vector<int>& area_of,
                                           const ResponsePlan& response, const TeamSelection& selection) {
  std::vector<FirstDueTeam> out;
  for (size_t i = 0; i < teams.size() && i < area_of.size(); ++i) {
    if (area_of[i] < 0) continue;
    const Team& t = teams[i].team;
    const ResponsibilityArea& area = areas[static_cast<size_t>(area_of[i])];
    FirstDueTeam entry{t.id, t.name, area.id, area.name, false, {}};
    entry.sent = std::any_of(selection.assigned.begin(), selection.assigned.end(),
                             [&](const TeamAssignment& a) { return a.team_id == t.id; });
    if (!entry.sent) entry.note = why_not_sent(teams[i], eta_s[i], response);
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const FirstDueTeam& a, const FirstDueTeam& b) { return a.team_id < b.team_id; });
  return out;
}

}  // namespace erde
