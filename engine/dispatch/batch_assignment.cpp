#include "dispatch/batch_assignment.hpp"

#include <algorithm>
#include <numeric>

#include "dispatch/min_cost_assignment.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

void total_up(BatchResult& r, std::span<const BatchIncident> incidents) {
  r.missing_slots = 0;
  r.weighted_missing = 0;
  r.weighted_eta_s = 0.0;
  for (size_t i = 0; i < incidents.size(); ++i) {
    int w = severity_weight(incidents[i].severity);
    for (const auto& s : r.selections[i].shortfall) {
      r.missing_slots += s.missing;
      r.weighted_missing += static_cast<int64_t>(w) * s.missing;
    }
    for (const auto& a : r.selections[i].assigned) r.weighted_eta_s += w * a.eta_s;
  }
}

void check(std::span<const TeamNow> teams, std::span<const BatchIncident> incidents) {
  for (const auto& inc : incidents)
    if (inc.team_eta_s.size() != teams.size())
      throw Error("incident " + inc.id + ": team ETAs do not match the teams");
}

}  // namespace

int severity_weight(Severity s) {
  switch (s) {
    case Severity::general: return 1;
    case Severity::large: return 2;
    case Severity::major: return 4;
    case Severity::especially_major: return 8;
  }
  return 1;
}

BatchResult assign_batch(std::span<const TeamNow> teams, std::span<const BatchIncident> incidents) {
  check(teams, incidents);
  struct Slot { size_t incident; Capability cap; int64_t weight; };
  std::vector<Slot> slots;
  for (size_t i = 0; i < incidents.size(); ++i)
    for (const auto& r : incidents[i].requirements)
      for (int k = 0; k < r.count; ++k) slots.push_back({i, r.capability, severity_weight(incidents[i].severity)});

  std::vector<size_t> cand;
  for (size_t t = 0; t < teams.size(); ++t)
    if (dispatchable(teams[t].team.status)) cand.push_back(t);
  std::sort(cand.begin(), cand.end(), [&](size_t a, size_t b) { return teams[a].team.id < teams[b].team.id; });

  const int rows = static_cast<int>(slots.size()), ncand = static_cast<int>(cand.size()), cols = ncand + rows;
  std::vector<int64_t> cost(static_cast<size_t>(rows) * cols, kForbidden);
  int64_t big = 1;
  for (int r = 0; r < rows; ++r) {
    const Slot& s = slots[r];
    int64_t worst = 0;
    for (int j = 0; j < ncand; ++j) {
      double eta = incidents[s.incident].team_eta_s[cand[j]];
      if (!teams[cand[j]].team.has(s.cap) || !reachable(eta)) continue;
      int64_t c = s.weight * to_millis(eta);
      cost[static_cast<size_t>(r) * cols + j] = c;
      worst = std::max(worst, c);
    }
    big += worst;
  }
  // Leaving a slot empty costs more than any set of arrivals, in proportion to its weight.
  for (int r = 0; r < rows; ++r)
    for (int d = 0; d < rows; ++d) cost[static_cast<size_t>(r) * cols + ncand + d] = slots[r].weight * big;
  std::vector<int> pick = min_cost_assignment(cost, rows, cols);

  BatchResult out;
  out.selections.resize(incidents.size());
  std::vector<std::vector<int>> missing(incidents.size(), std::vector<int>(EnumTable<Capability>::entries.size(), 0));
  for (int r = 0; r < rows; ++r) {
    const Slot& s = slots[r];
    TeamSelection& sel = out.selections[s.incident];
    if (pick[r] >= ncand) {
      ++missing[s.incident][static_cast<size_t>(s.cap)];
      continue;
    }
    const double eta = incidents[s.incident].team_eta_s[cand[pick[r]]];
    sel.assigned.push_back(assignment_of(teams[cand[pick[r]]], s.cap, eta));
    sel.staffed_eta_s = std::max(sel.staffed_eta_s, eta);
    sel.total_eta_s += eta;
  }
  for (size_t i = 0; i < incidents.size(); ++i) {
    auto& sel = out.selections[i];
    std::sort(sel.assigned.begin(), sel.assigned.end(), [](const TeamAssignment& a, const TeamAssignment& b) {
      if (a.capability != b.capability) return a.capability < b.capability;
      if (a.eta_s != b.eta_s) return a.eta_s < b.eta_s;
      return a.team_id < b.team_id;
    });
    for (size_t c = 0; c < missing[i].size(); ++c)
      if (missing[i][c] > 0) {
        auto cap = static_cast<Capability>(c);
        sel.shortfall.push_back({cap, missing[i][c], shortfall_reason(teams, incidents[i].team_eta_s, cap)});
      }
  }
  total_up(out, incidents);
  return out;
}

BatchResult assign_greedy(std::span<const TeamNow> teams, std::span<const BatchIncident> incidents) {
  check(teams, incidents);
  std::vector<size_t> order(incidents.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return incidents[a].severity > incidents[b].severity; });
  std::vector<TeamNow> pool(teams.begin(), teams.end());
  BatchResult out;
  out.selections.resize(incidents.size());
  for (size_t i : order) {
    out.selections[i] = select_teams(pool, incidents[i].team_eta_s, incidents[i].requirements);
    for (const auto& a : out.selections[i].assigned)
      change_status(*find_team(pool, a.team_id), TeamStatus::dispatched, incidents[i].id);
  }
  total_up(out, incidents);
  return out;
}

}  // namespace erde
