#pragma once
// Strongly connected components (iterative Tarjan) over the edges a weight vector allows.
#include <cstdint>
#include <span>
#include <vector>

#include "graph/road_graph.hpp"

namespace erde {

struct Components {
  std::vector<uint32_t> of_node;  // component id per node
  uint32_t count = 0;
  uint32_t largest = 0;           // id of the component with most nodes
  uint32_t largest_size = 0;
};

// Edges with weight kUnreachable are ignored; a node without usable edges is its own component.
Components strong_components(const RoadGraph& graph, std::span<const uint32_t> weights);

}  // namespace erde
