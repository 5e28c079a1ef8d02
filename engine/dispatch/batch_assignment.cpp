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
    if (inc.team_eta_s.size() != teams.size() || (!inc.first_due_area.empty() && inc.first_due_area.size() != teams.size()))
      throw Error("incident " + inc.id + ": team ETAs or first-due areas do not match the teams");
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

namespace {

std::vector<uint8_t> first_due_mask(const BatchIncident& inc) {
  std::vector<uint8_t> out;
  for (const std::string& area : inc.first_due_area) out.push_back(area.empty() ? 0 : 1);
  return out;
}

// The incident's selection marked with the areas of its first-due teams.
void mark_first_due(TeamSelection& sel, std::span<const TeamNow> teams, const BatchIncident& inc) {
  for (TeamAssignment& a : sel.assigned)
    if (a.filled_by == FilledBy::first_due)
      for (size_t t = 0; t < teams.size(); ++t)
        if (teams[t].team.id == a.team_id) a.first_due_area_id = inc.first_due_area[t];
}

}  // namespace

// One assignment problem whose integer costs rank the objectives (as in select_teams): slot r
// of weight w with team j costs w * arrival key, plus w * SUB * (k + 1) for a substitute of rank
// k; an empty slot costs w * EMPTY. SUB is above any sum of arrival terms, EMPTY above any sum
// of filled slots.
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
  // Per edge: its arrival term and its substitute rank (-1: the slot's own capability).
  std::vector<int64_t> arrival(static_cast<size_t>(rows) * cols, -1);
  std::vector<int> rank(static_cast<size_t>(rows) * cols, -1);
  int64_t arrival_bound = 1;
  for (int r = 0; r < rows; ++r) {
    const Slot& s = slots[static_cast<size_t>(r)];
    const BatchIncident& inc = incidents[s.incident];
    int64_t worst = 0;
    for (int j = 0; j < ncand; ++j) {
      const size_t t = cand[static_cast<size_t>(j)];
      const double eta = inc.team_eta_s[t];
      if (!reachable(eta)) continue;
      const size_t e = static_cast<size_t>(r) * cols + j;
      if (!teams[t].team.has(s.cap)) {
        rank[e] = substitute_rank(inc.substitutes, s.cap, teams[t].team);
        if (rank[e] < 0) continue;
      }
      const bool first_due = t < inc.first_due_area.size() && !inc.first_due_area[t].empty();
      arrival[e] = s.weight * arrival_key(eta, first_due, inc.faster_by_s);
      worst = std::max(worst, arrival[e]);
    }
    arrival_bound += worst;
  }
  std::vector<int64_t> cost(static_cast<size_t>(rows) * cols, kForbidden);
  int64_t empty = 1;
  for (int r = 0; r < rows; ++r) {
    int64_t worst = 0;
    for (int j = 0; j < ncand; ++j) {
      const size_t e = static_cast<size_t>(r) * cols + j;
      if (arrival[e] < 0) continue;
      cost[e] = arrival[e] + (rank[e] < 0 ? 0 : slots[static_cast<size_t>(r)].weight * arrival_bound * (rank[e] + 1));
      worst = std::max(worst, cost[e]);
    }
    empty += worst;
  }
  for (int r = 0; r < rows; ++r)
    for (int d = 0; d < rows; ++d) cost[static_cast<size_t>(r) * cols + ncand + d] = slots[static_cast<size_t>(r)].weight * empty;
  const std::vector<int> pick = min_cost_assignment(cost, rows, cols);

  BatchResult out;
  out.selections.resize(incidents.size());
  for (size_t i = 0; i < incidents.size(); ++i) {
    std::vector<Capability> caps;
    std::vector<int> rows_of;
    for (int r = 0; r < rows; ++r) {
      if (slots[static_cast<size_t>(r)].incident != i) continue;
      caps.push_back(slots[static_cast<size_t>(r)].cap);
      const int j = pick[static_cast<size_t>(r)];
      rows_of.push_back(j < ncand ? static_cast<int>(cand[static_cast<size_t>(j)]) : -1);
    }
    const BatchIncident& inc = incidents[i];
    const std::vector<uint8_t> mask = first_due_mask(inc);
    out.selections[i] =
        selection_from_picks(teams, inc.team_eta_s, caps, rows_of, inc.substitutes, {mask, inc.faster_by_s});
    mark_first_due(out.selections[i], teams, inc);
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
    const BatchIncident& inc = incidents[i];
    const std::vector<uint8_t> mask = first_due_mask(inc);
    out.selections[i] = select_teams(pool, inc.team_eta_s, inc.requirements, inc.substitutes, {mask, inc.faster_by_s});
    mark_first_due(out.selections[i], teams, inc);
    for (const auto& a : out.selections[i].assigned)
      change_status(*find_team(pool, a.team_id), TeamStatus::dispatched, inc.id);
  }
  total_up(out, incidents);
  return out;
}

}  // namespace erde
