#include "graph/scc.hpp"

#include <algorithm>

#include "graph/profile.hpp"

namespace erde {

Components strong_components(const RoadGraph& g, std::span<const uint32_t> weights) {
  const uint32_t n = g.node_count();
  constexpr uint32_t kNone = UINT32_MAX;
  Components c;
  c.of_node.assign(n, kNone);
  std::vector<uint32_t> index(n, kNone), low(n, 0), next_edge(n, 0);
  std::vector<NodeId> stack, calls;
  std::vector<uint32_t> sizes;
  uint32_t counter = 0;

  for (NodeId root = 0; root < n; ++root) {
    if (index[root] != kNone) continue;
    index[root] = low[root] = counter++;
    next_edge[root] = g.first_out[root];
    stack.push_back(root);
    calls.push_back(root);
    while (!calls.empty()) {
      NodeId v = calls.back();
      if (next_edge[v] < g.first_out[v + 1]) {
        EdgeId e = next_edge[v]++;
        if (weights[e] == kUnreachable) continue;
        NodeId w = g.head[e];
        if (index[w] == kNone) {
          index[w] = low[w] = counter++;
          next_edge[w] = g.first_out[w];
          stack.push_back(w);
          calls.push_back(w);
        } else if (c.of_node[w] == kNone) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      calls.pop_back();
      if (low[v] == index[v]) {
        uint32_t size = 0;
        NodeId w;
        do {
          w = stack.back();
          stack.pop_back();
          c.of_node[w] = c.count;
          ++size;
        } while (w != v);
        sizes.push_back(size);
        ++c.count;
      }
      if (!calls.empty()) low[calls.back()] = std::min(low[calls.back()], low[v]);
    }
  }
  for (uint32_t i = 0; i < c.count; ++i)
    if (sizes[i] > c.largest_size) {
      c.largest_size = sizes[i];
      c.largest = i;
    }
  return c;
}

}  // namespace erde
