#include "route/cch.hpp"

#include <algorithm>
#include <queue>
#include <string>

#include "graph/profile.hpp"
#include "util/error.hpp"

namespace erde {

uint32_t CchIndex::find_arc(uint32_t low, uint32_t high) const {
  const auto begin = up_head.begin() + first_up[low], end = up_head.begin() + first_up[low + 1];
  const auto it = std::lower_bound(begin, end, high);
  return it != end && *it == high ? static_cast<uint32_t>(it - up_head.begin()) : kInvalidId;
}

namespace {
template <typename... V>
size_t bytes_of(const V&... v) {
  return (... + (v.capacity() * sizeof(typename V::value_type)));
}
}  // namespace

size_t CchIndex::memory_bytes() const {
  return bytes_of(rank, node_at_rank, parent, first_up, up_head, up_tail, first_down, down_arc, first_arc_edge,
                  arc_edge, arc_edge_upward, edge_arc, edge_in_index);
}

uint64_t CchIndex::triangle_count() const {
  // Every pair of x's upward neighbours closes one.
  uint64_t count = 0;
  for (uint32_t x = 0; x < node_count(); ++x) {
    const uint64_t d = first_up[x + 1] - first_up[x];
    if (d > 1) count += d * (d - 1) / 2;
  }
  return count;
}
size_t CchMetric::memory_bytes() const { return bytes_of(up, down, up_via, down_via); }

CchIndex build_cch(const RoadGraph& g, std::span<const NodeId> order, std::span<const uint8_t> usable) {
  const uint32_t n = g.node_count();
  if (order.size() != n)
    throw Error("cch: the order has " + std::to_string(order.size()) + " nodes, the graph " + std::to_string(n));
  if (usable.size() != g.edge_count())
    throw Error("cch: " + std::to_string(usable.size()) + " usable flags for " + std::to_string(g.edge_count()) + " edges");
  CchIndex ix;
  ix.node_at_rank.assign(order.begin(), order.end());
  ix.rank.assign(n, kInvalidId);
  for (uint32_t r = 0; r < n; ++r) {
    if (order[r] >= n || ix.rank[order[r]] != kInvalidId) throw Error("cch: the order is not a permutation of the nodes");
    ix.rank[order[r]] = r;
  }

  // Eliminating x in rank order joins its upward neighbours into a clique; by chordality it is
  // enough to hand them to the lowest of them (x's parent in the elimination tree).
  std::vector<std::vector<uint32_t>> up(n);
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    if (!usable[e] || g.tail[e] == g.head[e]) continue;
    const uint32_t a = ix.rank[g.tail[e]], b = ix.rank[g.head[e]];
    up[std::min(a, b)].push_back(std::max(a, b));
  }
  ix.parent.assign(n, kInvalidId);
  ix.first_up.assign(n + 1, 0);
  for (uint32_t x = 0; x < n; ++x) {
    std::vector<uint32_t>& u = up[x];
    std::sort(u.begin(), u.end());
    u.erase(std::unique(u.begin(), u.end()), u.end());
    if (!u.empty()) {
      ix.parent[x] = u[0];
      std::vector<uint32_t>& p = up[u[0]];
      p.insert(p.end(), u.begin() + 1, u.end());
    }
    ix.first_up[x + 1] = ix.first_up[x] + static_cast<uint32_t>(u.size());
  }
  ix.up_head.reserve(ix.first_up[n]);
  ix.up_tail.reserve(ix.first_up[n]);
  for (uint32_t x = 0; x < n; ++x) {
    for (uint32_t y : up[x]) {
      ix.up_head.push_back(y);
      ix.up_tail.push_back(x);
    }
    std::vector<uint32_t>().swap(up[x]);
  }
  const uint32_t arcs = ix.arc_count();

  // Graph edges per arc.
  ix.edge_arc.assign(g.edge_count(), kInvalidId);
  ix.edge_in_index.assign(usable.begin(), usable.end());
  ix.first_arc_edge.assign(arcs + 1, 0);
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    if (!usable[e] || g.tail[e] == g.head[e]) continue;
    const uint32_t a = ix.rank[g.tail[e]], b = ix.rank[g.head[e]];
    ix.edge_arc[e] = ix.find_arc(std::min(a, b), std::max(a, b));
    ++ix.first_arc_edge[ix.edge_arc[e] + 1];
  }
  for (uint32_t a = 0; a < arcs; ++a) ix.first_arc_edge[a + 1] += ix.first_arc_edge[a];
  ix.arc_edge.resize(ix.first_arc_edge[arcs]);
  ix.arc_edge_upward.resize(ix.first_arc_edge[arcs]);
  {
    std::vector<uint32_t> fill(ix.first_arc_edge.begin(), ix.first_arc_edge.end() - 1);
    for (EdgeId e = 0; e < g.edge_count(); ++e)
      if (ix.edge_arc[e] != kInvalidId) {
        const uint32_t i = fill[ix.edge_arc[e]]++;
        ix.arc_edge[i] = e;
        ix.arc_edge_upward[i] = ix.rank[g.tail[e]] < ix.rank[g.head[e]];
      }
  }

  // Downward view; arcs are numbered by lower end, so each list comes out ascending.
  ix.first_down.assign(n + 1, 0);
  for (uint32_t y : ix.up_head) ++ix.first_down[y + 1];
  for (uint32_t x = 0; x < n; ++x) ix.first_down[x + 1] += ix.first_down[x];
  ix.down_arc.resize(arcs);
  {
    std::vector<uint32_t> fill(ix.first_down.begin(), ix.first_down.end() - 1);
    for (uint32_t a = 0; a < arcs; ++a) ix.down_arc[fill[ix.up_head[a]]++] = a;
  }
  return ix;
}

CchIndex build_cch(const RoadGraph& g, std::span<const uint32_t> base_weights) {
  if (base_weights.size() != g.edge_count())
    throw Error("cch: " + std::to_string(base_weights.size()) + " weights for " + std::to_string(g.edge_count()) + " edges");
  std::vector<uint8_t> usable(g.edge_count());
  for (EdgeId e = 0; e < g.edge_count(); ++e) usable[e] = base_weights[e] != kUnreachable;
  const std::vector<NodeId> order = nested_dissection_order(g, usable);
  return build_cch(g, order, usable);
}

uint32_t elimination_tree_depth(const CchIndex& ix) {
  // Parents rank above their children, so one pass from the top gives every depth.
  std::vector<uint32_t> depth(ix.node_count(), 1);
  uint32_t deepest = 0;
  for (uint32_t x = ix.node_count(); x-- > 0;) {
    if (ix.parent[x] != kInvalidId) depth[x] = depth[ix.parent[x]] + 1;
    deepest = std::max(deepest, depth[x]);
  }
  return deepest;
}

namespace {

// Recomputes arc a from its graph edges and its lower triangles (which must be final already).
// Returns whether a weight changed. Ties keep the graph edge, then the lowest middle rank.
inline bool customize_arc(const CchIndex& ix, const uint32_t* w, CchMetric& m, uint32_t a) {
  uint32_t up = kUnreachable, down_w = kUnreachable, up_via = kInvalidId, down_via = kInvalidId;
  for (uint32_t i = ix.first_arc_edge[a]; i < ix.first_arc_edge[a + 1]; ++i) {
    const EdgeId e = ix.arc_edge[i];
    const uint32_t we = w[e];
    if (ix.arc_edge_upward[i]) {
      if (we < up) up = we, up_via = CchMetric::kEdgeVia | e;
    } else if (we < down_w) {
      down_w = we, down_via = CchMetric::kEdgeVia | e;
    }
  }
  // Lower triangles: lower ends x shared by the downward lists of y and z.
  const uint32_t* down = ix.down_arc.data();
  const uint32_t* tail = ix.up_tail.data();
  uint32_t i = ix.first_down[ix.up_tail[a]], j = ix.first_down[ix.up_head[a]];
  const uint32_t i_end = ix.first_down[ix.up_tail[a] + 1], j_end = ix.first_down[ix.up_head[a] + 1];
  while (i < i_end && j < j_end) {
    const uint32_t xy = down[i], xz = down[j];
    if (tail[xy] < tail[xz]) {
      ++i;
    } else if (tail[xz] < tail[xy]) {
      ++j;
    } else {
      // y -> x -> z for up, z -> x -> y for down.
      const uint64_t via_up = uint64_t{m.down[xy]} + m.up[xz];
      const uint64_t via_down = uint64_t{m.down[xz]} + m.up[xy];
      if (via_up < up) up = static_cast<uint32_t>(via_up), up_via = xy;
      if (via_down < down_w) down_w = static_cast<uint32_t>(via_down), down_via = xy;
      ++i;
      ++j;
    }
  }
  const bool changed = up != m.up[a] || down_w != m.down[a];
  m.up[a] = up;
  m.down[a] = down_w;
  m.up_via[a] = up_via;
  m.down_via[a] = down_via;
  return changed;
}

void check_weights(const CchIndex& ix, std::span<const uint32_t> w, std::span<const EdgeId> edges) {
  if (w.size() != ix.edge_in_index.size())
    throw Error("cch: " + std::to_string(w.size()) + " weights for " + std::to_string(ix.edge_in_index.size()) +
                " edges");
  auto check = [&](EdgeId e) {
    if (e >= w.size()) throw Error("cch: edge " + std::to_string(e) + " does not exist");
    if (w[e] != kUnreachable && !ix.edge_in_index[e])
      throw Error("cch: edge " + std::to_string(e) +
                  " has a weight but the index left it out (build the index from the profile's base weights)");
  };
  if (edges.empty())
    for (EdgeId e = 0; e < w.size(); ++e) check(e);
  for (EdgeId e : edges) check(e);
}

}  // namespace

CchMetric customize(const CchIndex& ix, std::span<const uint32_t> w) {
  check_weights(ix, w, {});
  CchMetric m;
  const uint32_t n = ix.node_count(), arcs = ix.arc_count();
  m.up.assign(arcs, kUnreachable);
  m.down.assign(arcs, kUnreachable);
  m.up_via.assign(arcs, kInvalidId);
  m.down_via.assign(arcs, kInvalidId);
  for (uint32_t a = 0; a < arcs; ++a)
    for (uint32_t i = ix.first_arc_edge[a]; i < ix.first_arc_edge[a + 1]; ++i) {
      const EdgeId e = ix.arc_edge[i];
      uint32_t& weight = ix.arc_edge_upward[i] ? m.up[a] : m.down[a];
      if (w[e] < weight) {
        weight = w[e];
        (ix.arc_edge_upward[i] ? m.up_via[a] : m.down_via[a]) = CchMetric::kEdgeVia | e;
      }
    }
  // Pushing along every lower triangle (x, y, z) in ascending x: the arcs of x are final by then,
  // since their own lower triangles have lower middle ranks. Same values and vias as
  // customize_arc (strict improvements, lowest x first).
  const uint32_t* head = ix.up_head.data();
  for (uint32_t x = 0; x < n; ++x)
    for (uint32_t xy = ix.first_up[x]; xy < ix.first_up[x + 1]; ++xy) {
      uint32_t yz = ix.first_up[head[xy]];
      for (uint32_t xz = xy + 1; xz < ix.first_up[x + 1]; ++xz) {
        while (head[yz] < head[xz]) ++yz;  // x's upward neighbours above y are y's as well
        const uint64_t via_up = uint64_t{m.down[xy]} + m.up[xz];  // y -> x -> z
        const uint64_t via_down = uint64_t{m.down[xz]} + m.up[xy];  // z -> x -> y
        if (via_up < m.up[yz]) m.up[yz] = static_cast<uint32_t>(via_up), m.up_via[yz] = xy;
        if (via_down < m.down[yz]) m.down[yz] = static_cast<uint32_t>(via_down), m.down_via[yz] = xy;
      }
    }
  return m;
}

size_t recustomize(const CchIndex& ix, std::span<const uint32_t> w, std::span<const EdgeId> changed, CchMetric& m) {
  if (changed.empty()) return 0;
  check_weights(ix, w, changed);
  std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> queue;
  std::vector<uint8_t> queued(ix.arc_count(), 0);
  auto push = [&](uint32_t a) {
    if (queued[a]) return;
    queued[a] = 1;
    queue.push(a);
  };
  for (EdgeId e : changed)
    if (ix.edge_arc[e] != kInvalidId) push(ix.edge_arc[e]);
  size_t count = 0;
  while (!queue.empty()) {
    const uint32_t a = queue.top();
    queue.pop();
    queued[a] = 0;
    ++count;
    if (!customize_arc(ix, w.data(), m, a)) continue;
    // Arc (x, y) is a lower arc of every triangle x, y, z with another upward neighbour z of x.
    // The third arc is (z, y) in y's downward list for z < y and (y, z) in y's upward list for
    // z > y (the supergraph is chordal, so it exists); x's neighbours ascend, and so do both
    // lists, so one merge walk finds them all.
    const uint32_t x = ix.up_tail[a], y = ix.up_head[a];
    uint32_t below = ix.first_down[y], above = ix.first_up[y];
    for (uint32_t b = ix.first_up[x]; b < ix.first_up[x + 1]; ++b) {
      const uint32_t z = ix.up_head[b];
      if (z < y) {
        while (ix.up_tail[ix.down_arc[below]] < z) ++below;
        push(ix.down_arc[below]);
      } else if (z > y) {
        while (ix.up_head[above] < z) ++above;
        push(above);
      }
    }
  }
  return count;
}

void unpack_arc(const CchIndex& ix, const CchMetric& m, uint32_t arc, bool up, std::vector<EdgeId>& out) {
  const uint32_t via = up ? m.up_via[arc] : m.down_via[arc];
  if (via & CchMetric::kEdgeVia) {
    out.push_back(via & ~CchMetric::kEdgeVia);
    return;
  }
  const uint32_t xy = via, xz = ix.find_arc(ix.up_tail[xy], ix.up_head[arc]);
  if (up) {  // y -> x -> z
    unpack_arc(ix, m, xy, false, out);
    unpack_arc(ix, m, xz, true, out);
  } else {  // z -> x -> y
    unpack_arc(ix, m, xz, false, out);
    unpack_arc(ix, m, xy, true, out);
  }
}

}  // namespace erde
