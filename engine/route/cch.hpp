#pragma once
// Customizable contraction hierarchy (Dibbelt, Strasser, Wagner 2016): index-class query speed
// with live closures.
//
// 1. Metric-independent preprocessing, once per graph and profile topology: a nested-dissection
//    order of the nodes and the chordal supergraph it induces (every node's upward neighbours,
//    fill-in included), stored as upward and downward CSR arrays indexed by rank, plus the
//    elimination tree.
// 2. Customization, whenever weights change: each arc's upward and downward weight from the
//    graph edges inside it and its lower triangles (basic customization). Closing roads only
//    changes weights, so a closure costs a (partial) re-customization, never a rebuild.
// 3. Queries (route/cch_query.hpp): elimination-tree searches up from both ends.
//
// The index holds every edge that the profile's base weights allow. Closures only ever raise a
// weight or make it kUnreachable, so any effective weights of that profile fit the same index.
#include <cstdint>
#include <span>
#include <vector>

#include "graph/road_graph.hpp"

namespace erde {

struct CchIndex {
  // Nodes are numbered by rank (position in the nested-dissection order); every array below
  // except edge_arc is indexed by rank or by arc.
  std::vector<uint32_t> rank;          // graph node -> rank
  std::vector<NodeId> node_at_rank;    // rank -> graph node
  std::vector<uint32_t> parent;        // elimination tree: lowest upward neighbour, kInvalidId at a root

  // Upward arcs: rank x has arcs first_up[x] .. first_up[x+1]-1 to ranks up_head[...], ascending.
  std::vector<uint32_t> first_up;      // size node_count()+1
  std::vector<uint32_t> up_head;
  std::vector<uint32_t> up_tail;       // the lower end of each arc

  // Downward view: the arcs whose upper end is rank y are down_arc[first_down[y] .. first_down[y+1]-1],
  // ascending by lower end. The lower triangles of arc (y, z) are the lower ends both lists share.
  std::vector<uint32_t> first_down;    // size node_count()+1
  std::vector<uint32_t> down_arc;

  // Graph edges inside arc a (either direction): arc_edge[first_arc_edge[a] .. first_arc_edge[a+1]-1].
  std::vector<uint32_t> first_arc_edge;  // size arc_count()+1
  std::vector<EdgeId> arc_edge;
  std::vector<uint8_t> arc_edge_upward;  // 1 when that edge runs from the lower to the upper end
  std::vector<uint32_t> edge_arc;        // per graph edge; kInvalidId if never usable or a loop
  std::vector<uint8_t> edge_in_index;    // per graph edge: usable when the index was built

  uint32_t node_count() const { return static_cast<uint32_t>(rank.size()); }
  uint32_t arc_count() const { return static_cast<uint32_t>(up_head.size()); }
  uint64_t triangle_count() const;  // lower triangles of all arcs (customization work), counted

  // The arc between ranks low < high, kInvalidId if there is none.
  uint32_t find_arc(uint32_t low, uint32_t high) const;
  size_t memory_bytes() const;  // of every array
};

// A nested-dissection order (position -> node) of the graph restricted to edges with usable[e]:
// recursive inertial-flow bisection (coordinates projected on four directions, the first and
// last quarter joined by a minimum vertex cut) down to small pieces; separators come last.
std::vector<NodeId> nested_dissection_order(const RoadGraph& graph, std::span<const uint8_t> usable);

// Contracts the graph (edges with usable[e]) along `order` into the chordal supergraph.
CchIndex build_cch(const RoadGraph& graph, std::span<const NodeId> order, std::span<const uint8_t> usable);
// Both steps for the edges whose base weight is not kUnreachable.
CchIndex build_cch(const RoadGraph& graph, std::span<const uint32_t> base_weights);

// Depth of the elimination tree (nodes on the longest path to a root): what every query walks.
uint32_t elimination_tree_depth(const CchIndex& index);

// Weights of every arc for one set of edge weights.
struct CchMetric {
  // A via is the arc (x, y) of the lower triangle (x, y, z) that gives arc (y, z) its weight,
  // or kEdgeVia | graph edge, or kInvalidId when the weight is kUnreachable.
  static constexpr uint32_t kEdgeVia = 0x80000000u;
  std::vector<uint32_t> up;        // ms from the lower end to the upper end
  std::vector<uint32_t> down;      // ms from the upper end to the lower end
  std::vector<uint32_t> up_via;
  std::vector<uint32_t> down_via;
  size_t memory_bytes() const;
};

// Basic customization. weights: one per graph edge (ms, kUnreachable = may not be used); an edge
// the index left out must have weight kUnreachable (erde::Error otherwise).
CchMetric customize(const CchIndex& index, std::span<const uint32_t> weights);
// Brings `metric` up to date after the weights of `changed` edges changed (each listed once or
// more): recomputes their arcs and, transitively, every arc whose lower triangles changed.
// The result equals customize(index, weights). Returns how many arcs were recomputed.
size_t recustomize(const CchIndex& index, std::span<const uint32_t> weights, std::span<const EdgeId> changed,
                   CchMetric& metric);

// Appends the graph edges of the arc in the given direction (up: lower -> upper end) to `out`.
void unpack_arc(const CchIndex& index, const CchMetric& metric, uint32_t arc, bool up, std::vector<EdgeId>& out);

}  // namespace erde
