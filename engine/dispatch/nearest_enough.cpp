#include "dispatch/nearest_enough.hpp"

#include <algorithm>

namespace erde {

NearestGoals nearest_enough(const Network& net, SearchSpace& space, GoalSearch search, size_t first_try,
                            const NeedMet& met) {
  size_t wanted = 0;
  for (size_t g = 0; g < search.goals.size(); ++g)
    if (search.goals[g].valid() && (search.enabled.empty() || search.enabled[g])) ++wanted;
  NearestGoals out;
  if (wanted == 0) {
    out.hits.assign(search.goals.size(), GoalHit{});
    return out;
  }
  for (size_t k = std::max<size_t>(first_try, 1);; k *= 2) {
    search.stop_after = std::min(k, wanted);
    out.order = search_goals(net, space, search, out.hits);
    if (out.order.size() < search.stop_after || search.stop_after == wanted) return out;  // every goal found
    const size_t m = met(out.order, out.hits);
    if (m != kNotMet && m + 1 < out.order.size() && out.hits[out.order.back()].cost > out.hits[out.order[m]].cost)
      return out;
  }
}

}  // namespace erde
