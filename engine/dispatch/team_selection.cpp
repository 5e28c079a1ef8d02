#include "dispatch/team_selection.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "dispatch/min_cost_assignment.hpp"
#include "util/error.hpp"

namespace erde {

int64_t to_millis(double seconds) { return std::llround(seconds * 1000.0); }

std::string_view to_string(FilledBy how) {
  switch (how) {
    case FilledBy::nearest: return "nearest";
    case FilledBy::first_due: return "first_due";
    case FilledBy::substitute: return "substitute";
    case FilledBy::preempted: return "preempted";
  }
  return "?";
}

TeamAssignment assignment_of(const TeamNow& row, Capability cap, double eta_s) {
  TeamAssignment out;
  out.capability = cap;
  out.team_id = row.team.id;
  out.team_name = row.team.name;
  out.eta_s = eta_s;
  if (row.team.status == TeamStatus::returning) {
    out.re_tasked = true;
    out.re_tasked_from = row.incident;
  }
  return out;
}

std::string shortfall_reason(std::span<const TeamNow> teams, std::span<const double> eta_s, Capability cap) {
  bool exists = false, free = false, reach = false;
  for (size_t i = 0; i < teams.size(); ++i) {
    const Team& t = teams[i].team;
    if (!t.has(cap)) continue;
    exists = true;
    if (!dispatchable(t.status)) continue;
    free = true;
    if (reachable(eta_s[i])) reach = true;
  }
  std::string name = std::string(to_string(cap)) + " (" + std::string(chinese_name(cap)) + ")";
  if (!exists) return "no team has capability " + name;
  if (!free) return "every team with capability " + name + " is busy or off duty";
  if (!reach) return "no available team with capability " + name + " can reach the scene";
  return "not enough available teams with capability " + name;
}

std::string shortfall_reason(std::span<const TeamNow> teams, std::span<const double> eta_s, Capability cap,
                             std::span<const TeamSubstitute> substitutes) {
  std::string reason = shortfall_reason(teams, eta_s, cap);
  std::string tried;
  for (const TeamSubstitute& sub : substitutes)
    if (sub.slot == cap) tried += (tried.empty() ? "" : ", ") + std::string(to_string(sub.by));
  if (!tried.empty()) reason += "; no substitute (" + tried + ") is free and reachable either";
  return reason;
}

int64_t arrival_key(double eta_s, bool first_due, double faster_by_s) {
  const int64_t ms = to_millis(eta_s);
  return first_due ? std::max<int64_t>(0, 2 * (ms - to_millis(faster_by_s)) - 1) : 2 * ms;
}

int substitute_rank(std::span<const TeamSubstitute> subs, Capability slot, const Team& team) {
  int rank = 0;
  for (const TeamSubstitute& s : subs) {
    if (s.slot != slot) continue;
    if (team.has(s.by)) return rank;
    ++rank;
  }
  return -1;
}

const TeamSubstitute* substitute_of(std::span<const TeamSubstitute> subs, Capability slot, int rank) {
  for (const TeamSubstitute& s : subs)
    if (s.slot == slot && rank-- == 0) return &s;
  return nullptr;
}

namespace {

bool is_first_due(const FirstDuePreference& first_due, size_t row) {
  return row < first_due.team.size() && first_due.team[row] != 0;
}

std::vector<int64_t> time_keys(std::span<const double> eta_s, const std::vector<size_t>& cand,
                               const FirstDuePreference& first_due) {
  std::vector<int64_t> keys(cand.size());
  for (size_t j = 0; j < cand.size(); ++j)
    keys[j] = arrival_key(eta_s[cand[j]], is_first_due(first_due, cand[j]), first_due.faster_by_s);
  return keys;
}

void sort_assigned(TeamSelection& out) {
  std::sort(out.assigned.begin(), out.assigned.end(), [](const TeamAssignment& a, const TeamAssignment& b) {
    if (a.capability != b.capability) return a.capability < b.capability;
    if (a.eta_s != b.eta_s) return a.eta_s < b.eta_s;
    return a.team_id < b.team_id;
  });
}

// The selection `pick` makes: slot r gets candidate cand[pick[r]] (none when pick[r] is past
// the candidates), as the substitute of rank rank(r, pick[r]) when that is >= 0. A shortfall's
// reason names the substitutes for it that were tried.
template <typename Rank>
TeamSelection selection_of(std::span<const TeamNow> teams, std::span<const double> eta_s,
                           const std::vector<size_t>& cand, const std::vector<Capability>& slots,
                           const std::vector<int>& pick, std::span<const TeamSubstitute> subs,
                           const FirstDuePreference& first_due, Rank rank) {
  const int ncand = static_cast<int>(cand.size());
  TeamSelection out;
  std::vector<int> missing(EnumTable<Capability>::entries.size(), 0);
  for (size_t r = 0; r < slots.size(); ++r) {
    if (pick[r] >= ncand) {
      ++missing[static_cast<size_t>(slots[r])];
      continue;
    }
    const double eta = eta_s[cand[pick[r]]];
    TeamAssignment assignment = assignment_of(teams[cand[pick[r]]], slots[r], eta);
    if (const int k = rank(static_cast<int>(r), pick[r]); k >= 0) {
      const TeamSubstitute* sub = substitute_of(subs, slots[r], k);
      assignment.substitute_by = sub->by;
      assignment.substitute_note = sub->note;
      assignment.filled_by = FilledBy::substitute;
    } else if (is_first_due(first_due, cand[pick[r]])) {
      assignment.filled_by = FilledBy::first_due;
    }
    out.assigned.push_back(std::move(assignment));
    out.staffed_eta_s = std::max(out.staffed_eta_s, eta);
    out.total_eta_s += eta;
  }
  sort_assigned(out);
  for (size_t k = 0; k < missing.size(); ++k)
    if (missing[k] > 0) {
      const auto cap = static_cast<Capability>(k);
      out.shortfall.push_back({cap, missing[k], shortfall_reason(teams, eta_s, cap, subs)});
    }
  return out;
}

// select_teams when teams with the slots' own capabilities cannot fill every slot: one
// assignment problem whose integer costs rank the objectives lexicographically. Per slot:
// a team with the capability costs its ETA (ms); a substitute of rank k costs A + C k + ETA;
// leaving the slot empty costs A + B. With C above any sum of ETAs, B above any sum of rank
// terms and A above any sum of B terms over the slots a team can fill, the optimum has the
// most own-capability slots, then the fewest empty ones, then the lowest ranks, then the least
// total time. The bottleneck comes between the last two: the least limit on ETAs that keeps
// the same non-time cost, found by bisection.
TeamSelection select_with_substitutes(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                      const std::vector<Capability>& slots, std::span<const TeamSubstitute> subs,
                                      const FirstDuePreference& first_due) {
  const int rows = static_cast<int>(slots.size());
  std::vector<size_t> cand;
  for (size_t i = 0; i < teams.size(); ++i) {
    const Team& t = teams[i].team;
    if (!dispatchable(t.status) || !reachable(eta_s[i])) continue;
    if (std::any_of(slots.begin(), slots.end(), [&](Capability c) { return t.has(c) || substitute_rank(subs, c, t) >= 0; }))
      cand.push_back(i);
  }
  std::sort(cand.begin(), cand.end(), [&](size_t a, size_t b) { return teams[a].team.id < teams[b].team.id; });
  const int ncand = static_cast<int>(cand.size());
  const std::vector<int64_t> ms = time_keys(eta_s, cand, first_due);
  int64_t time_scale = 1;
  for (int64_t m : ms) time_scale += m;
  // rank_of[r * ncand + j]: -2 not usable, -1 own capability, k >= 0 substitute rank.
  std::vector<int> rank_of(static_cast<size_t>(rows) * ncand, -2);
  int most_ranks = 1;
  for (int r = 0; r < rows; ++r)
    for (int j = 0; j < ncand; ++j) {
      const Team& t = teams[cand[j]].team;
      int k = -2;
      if (t.has(slots[r])) k = -1;
      else if (const int sub = substitute_rank(subs, slots[r], t); sub >= 0) k = sub;
      rank_of[static_cast<size_t>(r) * ncand + j] = k;
      most_ranks = std::max(most_ranks, k + 1);
    }
  const int64_t c = time_scale, b = c * (int64_t{ncand} * most_ranks + 1), a = b * (int64_t{ncand} + 1);
  if (static_cast<double>(a + b) * (rows + 1) > static_cast<double>(kForbidden) / 4)
    throw Error("team selection with substitutes: " + std::to_string(rows) + " slots and " + std::to_string(ncand) +
                " candidate teams are more than it can weigh exactly");
  const int cols = ncand + rows;
  auto class_cost = [&](int r, int j) -> int64_t {  // the non-time part of an edge's cost
    if (j >= ncand) return a + b;
    const int k = rank_of[static_cast<size_t>(r) * ncand + j];
    return k < 0 ? 0 : a + c * k;
  };
  auto solve = [&](int64_t limit, int64_t* classes) {
    std::vector<int64_t> cost(static_cast<size_t>(rows) * cols, kForbidden);
    for (int r = 0; r < rows; ++r) {
      for (int j = 0; j < ncand; ++j)
        if (rank_of[static_cast<size_t>(r) * ncand + j] != -2 && ms[j] <= limit)
          cost[static_cast<size_t>(r) * cols + j] = class_cost(r, j) + ms[j];
      for (int d = 0; d < rows; ++d) cost[static_cast<size_t>(r) * cols + ncand + d] = a + b;
    }
    std::vector<int> pick = min_cost_assignment(cost, rows, cols);
    *classes = 0;
    for (int r = 0; r < rows; ++r) *classes += class_cost(r, pick[r]);
    return pick;
  };
  std::vector<int64_t> limits(ms.begin(), ms.end());
  std::sort(limits.begin(), limits.end());
  limits.erase(std::unique(limits.begin(), limits.end()), limits.end());
  int64_t best = 0, classes = 0;
  std::vector<int> pick = solve(limits.empty() ? 0 : limits.back(), &best);
  if (!limits.empty()) {
    size_t lo = 0, hi = limits.size() - 1;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      solve(limits[mid], &classes);
      if (classes == best) hi = mid;
      else lo = mid + 1;
    }
    pick = solve(limits[lo], &classes);
  }

  return selection_of(teams, eta_s, cand, slots, pick, subs, first_due,
                      [&](int r, int j) { return rank_of[static_cast<size_t>(r) * ncand + j]; });
}

}  // namespace

TeamSelection select_teams(std::span<const TeamNow> teams, std::span<const double> eta_s,
                           std::span<const TeamRequirement> requirements, std::span<const TeamSubstitute> substitutes,
                           const FirstDuePreference& first_due) {
  if (eta_s.size() != teams.size()) throw Error("internal: team ETAs do not match the teams");
  std::vector<Capability> slots;
  for (const auto& r : requirements)
    for (int k = 0; k < r.count; ++k) slots.push_back(r.capability);

  // Candidates in id order so ties resolve the same way whatever the input order.
  std::vector<size_t> cand;
  for (size_t i = 0; i < teams.size(); ++i) {
    const Team& t = teams[i].team;
    if (!dispatchable(t.status) || !reachable(eta_s[i])) continue;
    if (std::any_of(slots.begin(), slots.end(), [&](Capability c) { return t.has(c); })) cand.push_back(i);
  }
  std::sort(cand.begin(), cand.end(), [&](size_t a, size_t b) { return teams[a].team.id < teams[b].team.id; });

  const int rows = static_cast<int>(slots.size());
  const int ncand = static_cast<int>(cand.size());
  const std::vector<int64_t> ms = time_keys(eta_s, cand, first_due);
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

  TeamSelection out = selection_of(teams, eta_s, cand, slots, pick, {}, first_due, [](int, int) { return -1; });
  // Slots left empty that a substitute could fill: decide them all together with the others.
  if (!out.shortfall.empty() &&
      std::any_of(out.shortfall.begin(), out.shortfall.end(), [&](const TeamShortfall& sf) {
        return std::any_of(substitutes.begin(), substitutes.end(), [&](const TeamSubstitute& s) { return s.slot == sf.capability; });
      }))
    return select_with_substitutes(teams, eta_s, slots, substitutes, first_due);
  return out;
}

TeamSelection selection_from_picks(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                   const std::vector<Capability>& slots, const std::vector<int>& picks,
                                   std::span<const TeamSubstitute> substitutes, const FirstDuePreference& first_due) {
  std::vector<size_t> rows(teams.size());
  std::iota(rows.begin(), rows.end(), size_t{0});
  std::vector<int> pick(picks.size());
  for (size_t r = 0; r < picks.size(); ++r) pick[r] = picks[r] < 0 ? static_cast<int>(teams.size()) : picks[r];
  return selection_of(teams, eta_s, rows, slots, pick, substitutes, first_due, [&](int r, int j) {
    const Team& t = teams[static_cast<size_t>(j)].team;
    return t.has(slots[static_cast<size_t>(r)]) ? -1 : substitute_rank(substitutes, slots[static_cast<size_t>(r)], t);
  });
}

}  // namespace erde
