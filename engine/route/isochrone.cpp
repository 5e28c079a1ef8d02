#include "route/isochrone.hpp"

#include <algorithm>

#include "route/access.hpp"

namespace erde {
namespace {

float share(uint64_t budget, uint32_t w) {
  return w == 0 || budget >= w ? 1.0f : static_cast<float>(static_cast<double>(budget) / w);
}

}  // namespace

std::vector<Isochrone> isochrones(const Network& net, std::span<const RoutePoint> points,
                                  std::span<const uint32_t> limits_ms, Direction dir) {
  const RoadGraph& g = net.graph;
  const uint32_t* w = net.weights.data();
  std::vector<Isochrone> out(limits_ms.size());
  if (limits_ms.empty()) return out;
  const uint32_t max_limit = *std::max_element(limits_ms.begin(), limits_ms.end());
  const bool forward = dir == Direction::forward;

  SearchSpace& space = thread_search_space();
  space.start(g.node_count());
  for (const RoutePoint& p : points)
    for (const Access& a : forward ? departures(net, p) : arrivals(net, p)) space.push(a.node, a.cost, kInvalidId);
  std::vector<NodeId> settled;
  std::vector<uint32_t> settled_ms;
  auto collect = [&](NodeId u, uint32_t d) {
    if (d > max_limit) return false;
    settled.push_back(u);
    settled_ms.push_back(d);
    return true;
  };
  if (forward)
    run_dijkstra<Direction::forward>(net, space, collect);
  else
    run_dijkstra<Direction::reverse>(net, space, collect);

  for (size_t l = 0; l < limits_ms.size(); ++l) {
    Isochrone& iso = out[l];
    const uint32_t limit = iso.limit_ms = limits_ms[l];
    // Settled in order of time: the nodes within this limit are a prefix.
    const size_t count = std::upper_bound(settled_ms.begin(), settled_ms.end(), limit) - settled_ms.begin();
    iso.nodes.assign(settled.begin(), settled.begin() + static_cast<std::ptrdiff_t>(count));
    iso.node_ms.assign(settled_ms.begin(), settled_ms.begin() + static_cast<std::ptrdiff_t>(count));
    for (size_t i = 0; i < count; ++i) {
      const NodeId u = settled[i];
      const uint64_t budget = limit - settled_ms[i];
      if (forward) {
        for (EdgeId e = g.first_out[u]; e < g.first_out[u + 1]; ++e)
          if (w[e] != kUnreachable && budget > 0) iso.pieces.push_back({e, 0.0f, share(budget, w[e])});
      } else {
        for (uint32_t j = g.first_in[u]; j < g.first_in[u + 1]; ++j) {
          const EdgeId e = g.in_edge[j];
          if (w[e] != kUnreachable && budget > 0) iso.pieces.push_back({e, 1.0f - share(budget, w[e]), 1.0f});
        }
      }
    }
    // The pieces of the points' own edges that do not pass a node.
    for (const RoutePoint& p : points) {
      if (!p.valid() || p.fraction <= 0 || p.fraction >= 1) continue;
      for (EdgeId e : {g.segment_edge[2 * p.segment], g.segment_edge[2 * p.segment + 1]}) {
        if (w[e] == kUnreachable || limit == 0) continue;
        const auto f = static_cast<float>(fraction_on_edge(g, e, p.fraction));
        const float reach = share(limit, w[e]);
        if (forward)
          iso.pieces.push_back({e, f, std::min(1.0f, f + reach)});
        else
          iso.pieces.push_back({e, std::max(0.0f, f - reach), f});
      }
    }
  }
  return out;
}

}  // namespace erde
