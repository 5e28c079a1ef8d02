#include "coverage/site_selection.hpp"

#include <algorithm>
#include <cmath>

#include "dispatch/capacitated_assignment.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

void check(const SiteProblem& p) {
  const size_t n = p.demand.size();
  if (p.existing_s.rows != n || p.existing_s.cols != p.existing_capacity.size() ||
      p.candidate_s.rows != n || p.candidate_s.cols != p.candidate_capacity.size())
    throw Error("site selection: travel matrices do not match demand, shelters and candidates");
}

}  // namespace

bool better(const SiteScore& a, const SiteScore& b) {
  if (a.covered != b.covered) return a.covered > b.covered;
  return a.total_s < b.total_s - 1e-3 * static_cast<double>(std::max<int64_t>(1, a.covered));
}

SiteScore evaluate_sites(const SiteProblem& p, SiteMethod method, std::span<const size_t> chosen) {
  const size_t n = p.demand.size(), ne = p.existing_capacity.size();
  CapacitatedProblem cp;
  cp.supply = p.demand;
  cp.capacity = p.existing_capacity;
  for (size_t c : chosen) cp.capacity.push_back(p.candidate_capacity[c]);
  cp.cost = TravelMatrix(n, cp.capacity.size());
  const double limit = method == SiteMethod::mclp ? p.cover_s : kNoRoute;
  auto allowed = [&](double s) { return reachable(s) && s <= limit ? s : kNoRoute; };
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < ne; ++j) cp.cost.at(i, j) = allowed(p.existing_s.at(i, j));
    for (size_t j = 0; j < chosen.size(); ++j) cp.cost.at(i, ne + j) = allowed(p.candidate_s.at(i, chosen[j]));
  }
  const CapacitatedResult r = solve_capacitated_assignment(cp);
  return {r.placed, r.total_cost};
}

SiteChoice choose_sites(const SiteProblem& p, SiteMethod method, size_t k) {
  check(p);
  const size_t nc = p.candidate_capacity.size();
  k = std::min(k, nc);
  SiteChoice out;
  out.before = evaluate_sites(p, method, {});
  ++out.evaluations;
  SiteScore current = out.before;
  std::vector<uint8_t> used(nc, 0);
  for (size_t step = 0; step < k; ++step) {
    size_t best = nc;
    SiteScore best_score;
    for (size_t c = 0; c < nc; ++c) {
      if (used[c]) continue;
      out.chosen.push_back(c);
      const SiteScore s = evaluate_sites(p, method, out.chosen);
      ++out.evaluations;
      out.chosen.pop_back();
      if (best == nc || better(s, best_score)) best = c, best_score = s;
    }
    used[best] = 1;
    out.chosen.push_back(best);
    current = best_score;
  }
  out.after_greedy = current;
  for (bool improved = k > 0 && k < nc; improved;) {
    improved = false;
    for (size_t i = 0; i < out.chosen.size() && !improved; ++i) {
      for (size_t c = 0; c < nc && !improved; ++c) {
        if (used[c]) continue;
        std::vector<size_t> trial = out.chosen;
        trial[i] = c;
        const SiteScore s = evaluate_sites(p, method, trial);
        ++out.evaluations;
        if (better(s, current)) {
          used[out.chosen[i]] = 0;
          used[c] = 1;
          out.chosen = std::move(trial);
          current = s;
          ++out.swaps;
          improved = true;
        }
      }
    }
  }
  out.after = current;
  return out;
}

SiteChoice brute_force_sites(const SiteProblem& p, SiteMethod method, size_t k) {
  check(p);
  const size_t nc = p.candidate_capacity.size();
  k = std::min(k, nc);
  SiteChoice out;
  out.before = evaluate_sites(p, method, {});
  std::vector<size_t> pick(k);
  for (size_t i = 0; i < k; ++i) pick[i] = i;
  bool first = true;
  while (true) {
    const SiteScore s = evaluate_sites(p, method, pick);
    ++out.evaluations;
    if (first || better(s, out.after)) out.after = s, out.chosen = pick, first = false;
    // Next k-combination in lexicographic order.
    size_t i = k;
    while (i > 0 && pick[i - 1] == nc - k + i - 1) --i;
    if (i == 0) break;
    ++pick[i - 1];
    for (size_t j = i; j < k; ++j) pick[j] = pick[j - 1] + 1;
  }
  out.after_greedy = out.after;
  return out;
}

}  // namespace erde
