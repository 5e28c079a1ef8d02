#pragma once
#include <cstdint>
#include <span>

#include "graph/road_graph.hpp"

namespace erde::test {

// `rounds` batches of 48 random points on usable roads; route, matrix, nearest and isochrone
// answers compared with the Boost.Graph oracle on the same weights (gtest assertions).
void check_queries(const RoadGraph& g, std::span<const uint32_t> weights, uint32_t seed, int rounds);

}  // namespace erde::test
