#include "dispatch/team_selection.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "dispatch/min_cost_assignment.hpp"
#include "util/error.hpp"

namespace erde {

int64_t to_millis(double seconds) { return std::llround(seconds * 1000.0); }

std::string shortfall_reason(std::span<const TeamNow> teams, std::span<const double> eta_s, Capability cap) {
  bool exists = false, free = false, reach = false;
  for (size_t i = 0; i < teams.size(); ++i) {
    const Team& t = teams[i].team;
    if (!t.has(cap)) continue;
    exists = true;
    if (t.status != TeamStatus::available) continue;
    free = true;
    if (reachable(eta_s[i])) reach = true;
  }
  std::string name = std::string(to_string(cap)) + " (" + std::string(chinese_name(cap)) + ")";
  if (!exists) return "no team has capability " + name;
  if (!free) return "every team with capability " + name + " is busy or off duty";
  if (!reach) return "no available team with capability " + name + " can reach the scene";
  return "not enough available teams with capability " + name;
}

TeamSelection select_teams(std::span<const TeamNow> teams, std::span<const double> eta_s,
                           std::span<const TeamRequirement> requirements) {
  if (eta_s.size() != teams.size()) throw Error("internal: team ETAs do not match the teams");
  std::vector<Capability> slots;
  for (const auto& r : requirements)
    for (int k = 0; k < r.count; ++k) slots.push_back(r.capability);

  // Candidates in id order so ties resolve the same way whatever the input order.
  std::vector<size_t> cand;
  for (size_t i = 0; i < teams.size(); ++i) {
    const Team& t = teams[i].team;
    if (t.status != TeamStatus::available || !reachable(eta_s[i])) continue;
    if (std::any_of(slots.begin(), slots.end(), [&](Capability c) { return t.has(c); })) cand.push_back(i);
  }
  std::sort(cand.begin(), cand.end(), [&](size_t a, size_t b) { return teams[a].team.id < teams[b].team.id; });

  const int rows = static_cast<int>(slots.size());
  const int ncand = static_cast<int>(cand.size());
  std::vector<int64_t> ms(cand.size());
  for (size_t j = 0; j < cand.size(); ++j) ms[j] = to_millis(eta_s[cand[j]]);
  auto allowed_under = [&](int64_t limit) {
    std::vector<char> allowed(static_cast<size_t>(rows) * ncand, 0);
    for (int r = 0; r < rows; ++r)
      for (int j = 0; j < ncand; ++j)
        allowed[static_cast<size_t>(r) * ncand + j] = teams[cand[j]].team.has(slots[r]) && ms[j] <= limit;
    return allowed;
  };

  // Most slots that can be filled at all, then the least bottleneck that still fills that many.
  std::vector<int64_t> limits(ms.begin(), ms.end());
  std::sort(limits.begin(), limits.end());
  limits.erase(std::unique(limits.begin(), limits.end()), limits.end());
  int64_t limit = limits.empty() ? 0 : limits.back();
  const int most = max_matching(allowed_under(limit), rows, ncand);
  if (most > 0) {
    size_t lo = 0, hi = limits.size() - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (max_matching(allowed_under(limits[mid]), rows, ncand) == most) hi = mid;
      else lo = mid + 1;
    }
    limit = limits[lo];
  }

  // Least total among those: slot x (candidates + one dummy per slot); a dummy costs more than
  // any set of real arrivals, so the optimum fills `most` slots.
  std::vector<char> allowed = allowed_under(limit);
  int64_t big = 1;
  for (int64_t m : ms) big += m;
  const int cols = ncand + rows;
  std::vector<int64_t> cost(static_cast<size_t>(rows) * cols, kForbidden);
  for (int r = 0; r < rows; ++r) {
    for (int j = 0; j < ncand; ++j)
      if (allowed[static_cast<size_t>(r) * ncand + j]) cost[static_cast<size_t>(r) * cols + j] = ms[j];
    for (int d = 0; d < rows; ++d) cost[static_cast<size_t>(r) * cols + ncand + d] = big;
  }
  std::vector<int> pick = min_cost_assignment(cost, rows, cols);

  TeamSelection out;
  std::vector<int> missing(EnumTable<Capability>::entries.size(), 0);
  for (int r = 0; r < rows; ++r) {
    if (pick[r] >= ncand) {
      ++missing[static_cast<size_t>(slots[r])];
      continue;
    }
    const Team& t = teams[cand[pick[r]]].team;
    double eta = eta_s[cand[pick[r]]];
    out.assigned.push_back({slots[r], t.id, t.name, eta, {}});
    out.staffed_eta_s = std::max(out.staffed_eta_s, eta);
    out.total_eta_s += eta;
  }
  std::sort(out.assigned.begin(), out.assigned.end(), [](const TeamAssignment& a, const TeamAssignment& b) {
    if (a.capability != b.capability) return a.capability < b.capability;
    if (a.eta_s != b.eta_s) return a.eta_s < b.eta_s;
    return a.team_id < b.team_id;
  });
  for (size_t c = 0; c < missing.size(); ++c)
    if (missing[c] > 0) {
      auto cap = static_cast<Capability>(c);
      out.shortfall.push_back({cap, missing[c], shortfall_reason(teams, eta_s, cap)});
    }
  return out;
}

}  // namespace erde
