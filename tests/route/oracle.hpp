#pragma once
// The independent oracle: Boost.Graph's dijkstra_shortest_paths on the road graph with every
// test point split into its segment as a vertex of its own (edge pieces costed by rounding
// weight * fraction, so pieces add up to the whole weight).
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "graph/profile.hpp"
#include "graph/road_graph.hpp"
#include "route/network.hpp"

namespace erde::test {

inline constexpr uint64_t kOracleInf = std::numeric_limits<uint64_t>::max();

class Oracle {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                      boost::property<boost::edge_weight_t, uint64_t>>;

  Oracle(const RoadGraph& g, std::span<const uint32_t> weights, std::span<const RoutePoint> points)
      : node_count_(g.node_count()) {
    // Distinct interior fractions per segment get a vertex each; ends are the graph's nodes.
    std::map<uint32_t, std::map<double, uint32_t>> interior;
    uint32_t next = node_count_;
    vertex_.resize(points.size(), UINT32_MAX);
    for (size_t i = 0; i < points.size(); ++i) {
      const RoutePoint& p = points[i];
      if (p.segment == kInvalidId) continue;
      const EdgeId along = g.segment_edge[2 * p.segment];
      if (p.fraction <= 0) {
        vertex_[i] = g.tail[along];
      } else if (p.fraction >= 1) {
        vertex_[i] = g.head[along];
      } else {
        auto [it, fresh] = interior[p.segment].emplace(p.fraction, next);
        if (fresh) ++next;
        vertex_[i] = it->second;
      }
    }
    forward_ = std::make_unique<Graph>(next);
    reverse_ = std::make_unique<Graph>(next);
    auto add = [&](uint32_t a, uint32_t b, uint64_t w) {
      boost::add_edge(a, b, w, *forward_);
      boost::add_edge(b, a, w, *reverse_);
    };
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
      const uint32_t w = weights[e];
      if (w == kUnreachable) continue;
      auto found = interior.find(g.segment[e]);
      if (found == interior.end()) {
        add(g.tail[e], g.head[e], w);
        continue;
      }
      std::vector<std::pair<double, uint32_t>> cuts;  // fraction along e, vertex
      for (auto [t, v] : found->second) cuts.push_back({g.forward[e] ? t : 1.0 - t, v});
      std::sort(cuts.begin(), cuts.end());
      uint32_t prev = g.tail[e];
      uint64_t prev_offset = 0;
      for (auto [f, v] : cuts) {
        const auto offset = static_cast<uint64_t>(std::llround(static_cast<double>(w) * f));
        add(prev, v, offset - prev_offset);
        prev = v;
        prev_offset = offset;
      }
      add(prev, g.head[e], w - prev_offset);
    }
  }

  uint32_t vertex(size_t point) const { return vertex_[point]; }
  uint32_t vertex_count() const { return static_cast<uint32_t>(boost::num_vertices(*forward_)); }

  // Times from vertex v to every vertex (forward) or from every vertex to v (reverse).
  std::vector<uint64_t> times(uint32_t v, bool reverse = false) const {
    const Graph& graph = reverse ? *reverse_ : *forward_;
    std::vector<uint64_t> dist(boost::num_vertices(graph), kOracleInf);
    boost::dijkstra_shortest_paths(graph, v, boost::distance_map(dist.data()));
    return dist;
  }

 private:
  uint32_t node_count_;
  std::vector<uint32_t> vertex_;
  std::unique_ptr<Graph> forward_, reverse_;
};

// The answer for a point pair as the engine reports it: kUnreachable for no trip.
inline uint32_t as_ms(uint64_t t) { return t == kOracleInf ? kUnreachable : static_cast<uint32_t>(t); }

}  // namespace erde::test
