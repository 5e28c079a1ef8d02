#pragma once
// Hand-built graphs for tests: a small grid-like town around (8.69 E, 49.41 N).
#include "graph/road_graph_builder.hpp"

namespace erde::test {

// 0.001 degree steps: about 72 m east-west, 111 m north-south at this latitude.
inline LonLat at(double x, double y) { return {8.69 + 0.001 * x, 49.41 + 0.001 * y}; }

inline SegmentSpec seg(NodeId a, NodeId b, RoadClass c, int64_t id, Oneway o = Oneway::no, uint8_t flags = 0) {
  SegmentSpec s;
  s.from = a;
  s.to = b;
  s.road_class = c;
  s.oneway = o;
  s.flags = flags;
  s.source_id = id;
  return s;
}

}  // namespace erde::test
