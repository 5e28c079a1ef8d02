#pragma once
// The one input of every query: a road graph and the per-edge travel times (ms) to search it
// with. Queries are free functions over this pair; a contraction-hierarchy index can later be
// carried here without changing any caller.
//
// A RoutePoint is a place on a road: a segment and the fraction of the segment's length from its
// first shape point. Both travel directions of the segment can be used from it (if the weights
// allow). The cost of an edge piece is proportional to its share of the edge's length, with the
// offset from the edge's start rounded to whole milliseconds so that pieces add up exactly.
#include <cmath>
#include <cstdint>
#include <span>

#include "graph/profile.hpp"
#include "graph/road_graph.hpp"
#include "model/geometry.hpp"

namespace erde {

struct Network {
  const RoadGraph& graph;
  std::span<const uint32_t> weights;  // per edge, ms; kUnreachable = may not be used
};

struct RoutePoint {
  uint32_t segment = kInvalidId;  // kInvalidId: not on the network (never reached)
  double fraction = 0;            // 0 = the segment's first shape point, 1 = its last
  LonLat point;                   // where on the road (for geometry output)
  bool valid() const { return segment != kInvalidId; }
};

// The point at node n, on one of its segments (an invalid point if n has no edge).
RoutePoint node_point(const RoadGraph& graph, NodeId n);
// The point at fraction `fraction` of segment s (clamped to [0, 1]); computes the location.
RoutePoint segment_point(const RoadGraph& graph, uint32_t segment, double fraction);

// Cost in ms from the start of an edge of weight w to `fraction` (along the edge) of it.
inline uint32_t edge_offset_ms(uint32_t w, double fraction) {
  if (fraction <= 0) return 0;
  if (fraction >= 1) return w;
  return static_cast<uint32_t>(std::llround(static_cast<double>(w) * fraction));
}

// Fraction along edge e (in its travel direction) of a point on e's segment.
inline double fraction_on_edge(const RoadGraph& graph, EdgeId e, double segment_fraction) {
  return graph.forward[e] ? segment_fraction : 1.0 - segment_fraction;
}

}  // namespace erde
