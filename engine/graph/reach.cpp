#include "graph/reach.hpp"

#include "graph/profile.hpp"
#include "graph/scc.hpp"

namespace erde {
namespace {

// Marks every node that reaches (reverse = true) or is reached from the marked ones.
void spread(const RoadGraph& g, std::span<const uint32_t> w, std::vector<uint8_t>& marked, bool reverse) {
  std::vector<NodeId> stack;
  for (NodeId v = 0; v < g.node_count(); ++v)
    if (marked[v]) stack.push_back(v);
  while (!stack.empty()) {
    const NodeId v = stack.back();
    stack.pop_back();
    if (reverse) {
      for (uint32_t k = g.first_in[v]; k < g.first_in[v + 1]; ++k) {
        const EdgeId e = g.in_edge[k];
        if (w[e] != kUnreachable && !marked[g.tail[e]]) stack.push_back(g.tail[e]), marked[g.tail[e]] = 1;
      }
    } else {
      for (EdgeId e = g.first_out[v]; e < g.first_out[v + 1]; ++e)
        if (w[e] != kUnreachable && !marked[g.head[e]]) stack.push_back(g.head[e]), marked[g.head[e]] = 1;
    }
  }
}

}  // namespace

RoadReach road_reach(const RoadGraph& g, std::span<const uint32_t> w) {
  const Components c = strong_components(g, w);
  std::vector<uint8_t> reaches_main(g.node_count(), 0), from_main(g.node_count(), 0), has_edge(g.node_count(), 0);
  for (NodeId v = 0; v < g.node_count(); ++v) reaches_main[v] = from_main[v] = c.largest_size > 1 && c.of_node[v] == c.largest;
  spread(g, w, reaches_main, true);
  spread(g, w, from_main, false);
  RoadReach r;
  r.segment.assign(g.segment_count(), 0);
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    if (w[e] == kUnreachable) continue;
    has_edge[g.tail[e]] = has_edge[g.head[e]] = 1;
    if (reaches_main[g.head[e]]) r.segment[g.segment[e]] |= reach::kStart;
    if (from_main[g.tail[e]]) r.segment[g.segment[e]] |= reach::kEnd;
  }
  for (NodeId v = 0; v < g.node_count(); ++v) {
    if (!has_edge[v]) continue;
    if (reaches_main[v] && from_main[v]) ++r.main_nodes;
    else if (reaches_main[v]) ++r.leave_only_nodes;
    else if (from_main[v]) ++r.enter_only_nodes;
    else ++r.isolated_nodes;
  }
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const EdgeId a = g.segment_edge[2 * s], b = g.segment_edge[2 * s + 1];
    if (w[a] == kUnreachable && w[b] == kUnreachable) continue;
    const double km = g.length_m[a] / 1000.0;
    if (r.segment[s] == reach::kStart) r.leave_only_km += km;
    else if (r.segment[s] == reach::kEnd) r.enter_only_km += km;
    else if (r.segment[s] == 0) r.isolated_km += km;
  }
  return r;
}

}  // namespace erde
