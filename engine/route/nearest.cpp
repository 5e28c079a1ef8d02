#include "route/nearest.hpp"

#include <algorithm>

#include "route/goal_search.hpp"
#include "util/error.hpp"

namespace erde {

std::vector<NearestResource> nearest(const Network& net, const RoutePoint& incident,
                                     std::span<const RoutePoint> resources, const NearestOptions& o) {
  if (!o.mask.empty() && o.mask.size() != resources.size())
    throw Error("nearest: the resource mask has " + std::to_string(o.mask.size()) + " entries for " +
                std::to_string(resources.size()) + " resources");
  std::vector<uint8_t> enabled;
  if (o.filter || !o.mask.empty()) {
    enabled.resize(resources.size());
    for (uint32_t r = 0; r < resources.size(); ++r)
      enabled[r] = (o.mask.empty() || o.mask[r]) && (!o.filter || o.filter(r));
  }
  GoalSearch s;
  s.direction = Direction::reverse;
  s.origin = incident;
  s.goals = resources;
  s.enabled = enabled;
  s.stop_after = o.k;
  s.limit_ms = o.max_eta_ms;
  SearchSpace& space = thread_search_space();
  std::vector<GoalHit> hits;
  std::vector<uint32_t> order = search_goals(net, space, s, hits);
  // Finalized in order of cost; make ties deterministic.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return hits[a].cost != hits[b].cost ? hits[a].cost < hits[b].cost : a < b;
  });
  std::vector<NearestResource> out;
  out.reserve(order.size());
  for (uint32_t r : order) out.push_back({r, hits[r].cost, goal_route(net, space, s, r, hits[r], o.with_geometry)});
  return out;
}

}  // namespace erde
