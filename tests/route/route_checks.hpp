#pragma once
// Consistency checks of answers that do not need an oracle: a route is a connected chain of
// usable edges from its start point to its end point whose pieces cost exactly its time.
#include <gtest/gtest.h>

#include <cmath>

#include "route/route.hpp"

namespace erde::test {

inline uint64_t piece_ms(uint32_t w, double a, double b) {
  auto off = [w](double f) -> uint64_t {
    return f <= 0 ? 0 : f >= 1 ? w : static_cast<uint64_t>(std::llround(static_cast<double>(w) * f));
  };
  return off(b) - off(a);
}

inline NodeId node_of(const RoadGraph& g, const RoutePoint& p) {
  const EdgeId along = g.segment_edge[2 * p.segment];
  return p.fraction <= 0 ? g.tail[along] : p.fraction >= 1 ? g.head[along] : kInvalidId;
}

inline ::testing::AssertionResult route_consistent(const Network& net, const RoutePoint& from, const RoutePoint& to,
                                                   const Route& r) {
  const RoadGraph& g = net.graph;
  if (!r.reachable) return ::testing::AssertionSuccess();
  if (r.edges.empty()) {
    if (r.time_ms != 0) return ::testing::AssertionFailure() << "no edges but time " << r.time_ms;
    return ::testing::AssertionSuccess();
  }
  uint64_t total = 0;
  double length = 0;
  for (size_t i = 0; i < r.edges.size(); ++i) {
    const EdgeId e = r.edges[i];
    if (net.weights[e] == kUnreachable) return ::testing::AssertionFailure() << "uses closed edge " << e;
    const double a = i == 0 ? r.first_from : 0.0, b = i + 1 == r.edges.size() ? r.last_to : 1.0;
    if (a > b) return ::testing::AssertionFailure() << "piece backwards on edge " << e;
    total += piece_ms(net.weights[e], a, b);
    length += g.length_m[e] * (b - a);
    if (i + 1 < r.edges.size() && g.head[e] != g.tail[r.edges[i + 1]])
      return ::testing::AssertionFailure() << "edges " << e << " and " << r.edges[i + 1] << " do not connect";
  }
  if (total != r.time_ms) return ::testing::AssertionFailure() << "pieces cost " << total << " ms, route says " << r.time_ms;
  if (std::abs(length - r.distance_m) > 1e-6 * (1 + length))
    return ::testing::AssertionFailure() << "distance " << r.distance_m << " != " << length;
  const EdgeId first = r.edges.front(), last = r.edges.back();
  if (node_of(g, from) != kInvalidId) {
    if (g.tail[first] != node_of(g, from) || r.first_from != 0)
      return ::testing::AssertionFailure() << "does not start at the start node";
  } else if (g.segment[first] != from.segment || r.first_from != fraction_on_edge(g, first, from.fraction)) {
    return ::testing::AssertionFailure() << "does not start at the start point";
  }
  if (node_of(g, to) != kInvalidId) {
    if (g.head[last] != node_of(g, to) || r.last_to != 1)
      return ::testing::AssertionFailure() << "does not end at the end node";
  } else if (g.segment[last] != to.segment || r.last_to != fraction_on_edge(g, last, to.fraction)) {
    return ::testing::AssertionFailure() << "does not end at the end point";
  }
  if (r.geometry.size() < 2) return ::testing::AssertionFailure() << "geometry has " << r.geometry.size() << " points";
  return ::testing::AssertionSuccess();
}

}  // namespace erde::test
