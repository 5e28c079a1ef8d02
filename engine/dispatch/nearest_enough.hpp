#pragma once
// A goal search that stops as soon as the goals found settle the question: goals come in order
// of travel time, `met` says at which of them the need is covered (teams for every slot, stock
// for every material, places for every evacuee), and the search goes on only until a goal
// strictly farther than that one is found, so every goal exactly as near is found too. A search
// that stopped too early is widened (twice the goals) and run again. Goals not found are not
// needed: any goal farther than the covering one can be swapped for a nearer one found.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "route/goal_search.hpp"

namespace erde {

inline constexpr size_t kNotMet = SIZE_MAX;

// Position in `order` (goals found so far, in order of time; hits per goal) of the goal that
// completes the need, or kNotMet.
using NeedMet = std::function<size_t(std::span<const uint32_t> order, std::span<const GoalHit> hits)>;

struct NearestGoals {
  std::vector<uint32_t> order;  // goals found, in order of time
  std::vector<GoalHit> hits;    // per goal; cost kUnreachable when not found
};

// search.goals / search.enabled say which goals count; first_try is how many goals to find in
// the first run. The search space holds the last run's tree afterwards (for goal_route).
NearestGoals nearest_enough(const Network& net, SearchSpace& space, GoalSearch search, size_t first_try,
                            const NeedMet& met);

}  // namespace erde
