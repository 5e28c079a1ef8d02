#include "route/matrix.hpp"

#include "route/goal_search.hpp"

namespace erde {

TimeMatrix matrix(const Network& net, std::span<const RoutePoint> sources, std::span<const RoutePoint> targets,
                  bool with_distances) {
  TimeMatrix m;
  m.rows = sources.size();
  m.cols = targets.size();
  m.time_ms.assign(m.rows * m.cols, kUnreachable);
  if (with_distances) m.distance_m.assign(m.rows * m.cols, -1.0);
  const bool forward = sources.size() <= targets.size();
  std::span<const RoutePoint> origins = forward ? sources : targets;
  GoalSearch s;
  s.direction = forward ? Direction::forward : Direction::reverse;
  s.goals = forward ? targets : sources;
  SearchSpace& space = thread_search_space();
  std::vector<GoalHit> hits;
  for (size_t o = 0; o < origins.size(); ++o) {
    s.origin = origins[o];
    if (!s.origin.valid()) continue;
    for (uint32_t g : search_goals(net, space, s, hits)) {
      const size_t cell = forward ? o * m.cols + g : g * m.cols + o;
      m.time_ms[cell] = hits[g].cost;
      if (with_distances) m.distance_m[cell] = goal_route(net, space, s, g, hits[g], false).distance_m;
    }
  }
  return m;
}

}  // namespace erde
