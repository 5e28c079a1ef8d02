#pragma once
// A synthetic city road graph for scale benchmarks: a jittered grid (about 100 m blocks) with
// arterials every 10th line, alternating one-way streets and a few missing links, built straight
// into a RoadGraph. Deterministic for a seed; 10 thousand to a few million nodes.
#include <cstdint>

#include "graph/road_graph.hpp"

namespace erde::demo {

// Node count is within 1 % of approx_nodes (at least 4).
RoadGraph generate_city(uint32_t approx_nodes, uint64_t seed);

}  // namespace erde::demo
