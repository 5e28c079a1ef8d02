#pragma once
// Where to build next: choose k of the candidate sites for new shelters.
//  mclp    (maximal covering location): maximise the residents who get a place in a shelter within
//          the walk limit, capacity-aware (max flow over walks <= limit); ties by less total walk.
//  pmedian: place as many residents as possible within the horizon, then minimise their total
//          walking time, capacity-aware (min-cost max-flow).
// Method: greedy (add the best candidate k times), then swap (replace a chosen site by an unchosen
// one while that improves the objective, first improvement, until none does). Both objectives
// are evaluated exactly with the capacitated assignment. For mclp the covered count is a monotone
// submodular function of the open sites, so greedy alone reaches >= (1 - 1/e) of the best possible
// gain; swap never makes it worse. For pmedian there is no such bound; the result is a swap-local
// optimum. brute_force_sites gives the exact optimum for small cases (tests compare).
#include <cstdint>
#include <span>
#include <vector>

#include "dispatch/travel_time.hpp"

namespace erde {

enum class SiteMethod : uint8_t { mclp, pmedian };

struct SiteProblem {
  std::vector<int64_t> demand;              // people per demand point
  std::vector<int64_t> existing_capacity;   // per existing shelter
  std::vector<int64_t> candidate_capacity;  // per candidate site
  TravelMatrix existing_s;                  // demand x existing, seconds; kNoRoute = not allowed
  TravelMatrix candidate_s;                 // demand x candidates
  double cover_s = 900;                     // mclp: a walk counts as coverage up to this
};

struct SiteScore {
  int64_t covered = 0;   // placed within cover_s (mclp) or within the matrix horizon (pmedian)
  double total_s = 0;    // their total walk
};

struct SiteChoice {
  std::vector<size_t> chosen;  // candidate indices, in the order greedy picked them (swaps in place)
  SiteScore before;            // existing shelters only
  SiteScore after_greedy;
  SiteScore after;
  int evaluations = 0;
  int swaps = 0;
};

// True when a is strictly better than b under the method (more covered, then less total walk
// with a 1 ms-per-person tolerance).
bool better(const SiteScore& a, const SiteScore& b);

SiteScore evaluate_sites(const SiteProblem& p, SiteMethod method, std::span<const size_t> chosen);
// k is capped by the number of candidates. Throws erde::Error on inconsistent sizes.
SiteChoice choose_sites(const SiteProblem& p, SiteMethod method, size_t k);
// Every k-subset; exponential, for tests and tiny inputs.
SiteChoice brute_force_sites(const SiteProblem& p, SiteMethod method, size_t k);

}  // namespace erde
