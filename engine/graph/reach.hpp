#pragma once
// Where a trip may start and end on a profile's roads, instead of cutting them to their largest
// strongly connected component: the main component is the largest one; a trip may start on any
// usable edge from which the main component can be reached, and end on any usable edge the main
// component reaches. So a fire station on a one-way exit lane, or an incident on a one-way stub,
// keeps its own road.
#include <cstdint>
#include <span>
#include <vector>

#include "graph/road_graph.hpp"

namespace erde {

namespace reach {
inline constexpr uint8_t kStart = 1;  // a trip may start on this segment
inline constexpr uint8_t kEnd = 2;    // a trip may end on this segment
inline constexpr uint8_t kBoth = kStart | kEnd;
}  // namespace reach

struct RoadReach {
  std::vector<uint8_t> segment;  // per segment: reach::kStart / kEnd bits
  // Nodes with a usable edge, by how they relate to the main component.
  uint32_t main_nodes = 0;
  uint32_t leave_only_nodes = 0;  // can reach the main component, but it cannot reach them
  uint32_t enter_only_nodes = 0;  // reached from the main component, but cannot reach it
  uint32_t isolated_nodes = 0;    // neither
  double leave_only_km = 0, enter_only_km = 0, isolated_km = 0;  // segments usable only that way / not at all
};

// weights: per edge, kUnreachable = not usable.
RoadReach road_reach(const RoadGraph& graph, std::span<const uint32_t> weights);

}  // namespace erde
