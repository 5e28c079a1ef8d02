// Nested dissection by inertial flow (Schild, Sommer 2015): sort a piece's nodes along a direction,
// take the first and last quarter as source and sink, and cut them apart with a minimum vertex
// cut (unit node capacities, augmenting paths). The smallest cut of four directions splits the
// piece; both sides are ordered recursively and the cut goes last.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "graph/distance.hpp"
#include "route/cch.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

// An undirected simple graph over local ids 0..n-1.
struct Piece {
  std::vector<uint32_t> first;  // size n+1
  std::vector<uint32_t> adj;
  uint32_t size() const { return static_cast<uint32_t>(first.size() - 1); }
};

struct Cut {
  std::vector<uint32_t> separator, side_a, side_b;  // local ids
};

class Dissector {
 public:
  Dissector(const RoadGraph& g, std::span<const uint8_t> usable) : n_(g.node_count()) {
    // Undirected simple adjacency of the usable edges.
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
      if (!usable[e] || g.tail[e] == g.head[e]) continue;
      pairs.push_back({g.tail[e], g.head[e]});
      pairs.push_back({g.head[e], g.tail[e]});
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    first_.assign(n_ + 1, 0);
    for (auto [u, v] : pairs) ++first_[u + 1];
    for (uint32_t u = 0; u < n_; ++u) first_[u + 1] += first_[u];
    adj_.reserve(pairs.size());
    for (auto [u, v] : pairs) adj_.push_back(v);
    // A layout for the inertial-flow directions, not a measurement (graph/distance.hpp's
    // spherical plane around the mean latitude). The order is sensitive to it: laying the nodes
    // out in geo/local_projection.hpp instead (an aspect 0.7 % different) gave Heidelberg as
    // many arcs and the same depth but 20-50 % slower queries (docs/PERFORMANCE.md).
    double lat0 = 0;
    for (NodeId u = 0; u < n_; ++u) lat0 += g.node_lat[u];
    lat0 = n_ ? lat0 / n_ : 0;
    const LocalPlane plane(0, lat0);
    x_.resize(n_);
    y_.resize(n_);
    for (NodeId u = 0; u < n_; ++u) {
      x_[u] = plane.x(g.node_lon[u]);
      y_[u] = plane.y(g.node_lat[u]);
    }
    local_.assign(n_, kInvalidId);
  }

  std::vector<NodeId> order() {
    std::vector<uint32_t> all(n_);
    std::iota(all.begin(), all.end(), 0u);
    order_.reserve(n_);
    dissect(std::move(all));
    return std::move(order_);
  }

 private:
  static constexpr uint32_t kSmall = 8;

  // Appends an order of `nodes` (global ids) to order_.
  void dissect(std::vector<uint32_t> nodes) {
    if (nodes.empty()) return;
    Piece p = induced(nodes);
    std::vector<std::vector<uint32_t>> parts = components(p, nodes);
    if (parts.size() > 1) {
      for (auto& part : parts) dissect(std::move(part));
      return;
    }
    if (nodes.size() <= kSmall) {
      // Fewest neighbours first: leaves of a tiny piece cause no fill.
      std::vector<uint32_t> local(nodes.size());
      std::iota(local.begin(), local.end(), 0u);
      std::stable_sort(local.begin(), local.end(), [&](uint32_t a, uint32_t b) {
        return p.first[a + 1] - p.first[a] < p.first[b + 1] - p.first[b];
      });
      for (uint32_t l : local) order_.push_back(nodes[l]);
      return;
    }
    Cut cut = best_cut(p, nodes);
    auto global = [&](const std::vector<uint32_t>& local) {
      std::vector<uint32_t> out;
      out.reserve(local.size());
      for (uint32_t l : local) out.push_back(nodes[l]);
      return out;
    };
    std::vector<uint32_t> sep = global(cut.separator), a = global(cut.side_a), b = global(cut.side_b);
    nodes.clear();
    nodes.shrink_to_fit();
    dissect(std::move(a));
    dissect(std::move(b));
    for (uint32_t v : sep) order_.push_back(v);
  }

  Piece induced(const std::vector<uint32_t>& nodes) {
    for (uint32_t i = 0; i < nodes.size(); ++i) local_[nodes[i]] = i;
    Piece p;
    p.first.assign(nodes.size() + 1, 0);
    for (uint32_t i = 0; i < nodes.size(); ++i) {
      const uint32_t u = nodes[i];
      for (uint32_t k = first_[u]; k < first_[u + 1]; ++k) {
        const uint32_t l = local_[adj_[k]];
        if (l != kInvalidId && l < nodes.size() && nodes[l] == adj_[k]) p.adj.push_back(l);
      }
      p.first[i + 1] = static_cast<uint32_t>(p.adj.size());
      std::sort(p.adj.begin() + p.first[i], p.adj.end());
    }
    for (uint32_t u : nodes) local_[u] = kInvalidId;
    return p;
  }

  static std::vector<std::vector<uint32_t>> components(const Piece& p, const std::vector<uint32_t>& nodes) {
    std::vector<uint32_t> comp(p.size(), kInvalidId);
    std::vector<std::vector<uint32_t>> parts;
    std::vector<uint32_t> stack;
    for (uint32_t s = 0; s < p.size(); ++s) {
      if (comp[s] != kInvalidId) continue;
      const auto c = static_cast<uint32_t>(parts.size());
      parts.emplace_back();
      comp[s] = c;
      stack.push_back(s);
      while (!stack.empty()) {
        const uint32_t u = stack.back();
        stack.pop_back();
        parts[c].push_back(nodes[u]);
        for (uint32_t k = p.first[u]; k < p.first[u + 1]; ++k)
          if (comp[p.adj[k]] == kInvalidId) {
            comp[p.adj[k]] = c;
            stack.push_back(p.adj[k]);
          }
      }
    }
    return parts;
  }

  Cut best_cut(const Piece& p, const std::vector<uint32_t>& nodes) {
    const uint32_t n = p.size();
    static constexpr double kDirections[4][2] = {{1, 0}, {0, 1}, {0.7071, 0.7071}, {0.7071, -0.7071}};
    Cut best;
    bool have = false;
    std::vector<uint32_t> sorted(n);
    std::vector<double> key(n);
    for (const auto& d : kDirections) {
      for (uint32_t i = 0; i < n; ++i) key[i] = d[0] * x_[nodes[i]] + d[1] * y_[nodes[i]];
      std::iota(sorted.begin(), sorted.end(), 0u);
      std::sort(sorted.begin(), sorted.end(), [&](uint32_t a, uint32_t b) { return key[a] < key[b]; });
      const uint32_t ends = std::max<uint32_t>(1, n / 4);
      const uint32_t bound = have ? static_cast<uint32_t>(best.separator.size()) : n;
      Cut c;
      if (!min_vertex_cut(p, std::span(sorted).first(ends), std::span(sorted).last(ends), bound, c)) continue;
      const size_t balance = std::min(c.side_a.size(), c.side_b.size());
      if (!have || c.separator.size() < best.separator.size() ||
          (c.separator.size() == best.separator.size() &&
           balance > std::min(best.side_a.size(), best.side_b.size()))) {
        best = std::move(c);
        have = true;
      }
    }
    if (!have) {  // cannot happen (a cut of all nodes is always below n), but stay total
      best.separator.resize(n);
      std::iota(best.separator.begin(), best.separator.end(), 0u);
    }
    return best;
  }

  // Minimum vertex cut between two disjoint node sets (both cuttable) on the split graph: every
  // node v is v_in -> v_out with capacity 1, every edge {u, v} is u_out -> v_in and v_out -> u_in
  // with unbounded capacity. False when the flow exceeds `bound` (the cut would not be better).
  bool min_vertex_cut(const Piece& p, std::span<const uint32_t> sources, std::span<const uint32_t> sinks,
                      uint32_t bound, Cut& cut) {
    const uint32_t n = p.size();
    // Net flow per directed adjacency entry u->v (the entry v->u holds the negation).
    std::vector<int32_t> flow(p.adj.size(), 0);
    std::vector<uint8_t> node_flow(n, 0), role(n, 0);  // role: 1 source, 2 sink
    for (uint32_t s : sources) role[s] = 1;
    for (uint32_t t : sinks) role[t] = 2;
    // Reverse entry of every adjacency entry.
    std::vector<uint32_t> rev(p.adj.size());
    for (uint32_t u = 0; u < n; ++u)
      for (uint32_t k = p.first[u]; k < p.first[u + 1]; ++k) {
        const uint32_t v = p.adj[k];
        const auto begin = p.adj.begin() + p.first[v], end = p.adj.begin() + p.first[v + 1];
        rev[k] = static_cast<uint32_t>(std::lower_bound(begin, end, u) - p.adj.begin());
      }
    // States: 2v = v_in, 2v+1 = v_out.
    std::vector<uint32_t> pred(2 * n), pred_entry(2 * n), queue;
    std::vector<uint8_t> seen(2 * n);
    uint32_t value = 0;
    for (;;) {
      std::fill(seen.begin(), seen.end(), 0);
      queue.clear();
      for (uint32_t s : sources) {
        seen[2 * s] = 1;
        pred[2 * s] = kInvalidId;
        queue.push_back(2 * s);
      }
      uint32_t reached = kInvalidId;
      auto visit = [&](uint32_t state, uint32_t from, uint32_t entry) {
        if (seen[state]) return;
        seen[state] = 1;
        pred[state] = from;
        pred_entry[state] = entry;
        queue.push_back(state);
      };
      for (size_t head = 0; head < queue.size() && reached == kInvalidId; ++head) {
        const uint32_t state = queue[head], v = state / 2;
        if (state % 2 == 0) {  // v_in
          if (!node_flow[v]) visit(2 * v + 1, state, kInvalidId);
          for (uint32_t k = p.first[v]; k < p.first[v + 1]; ++k)
            if (flow[rev[k]] > 0) visit(2 * p.adj[k] + 1, state, rev[k]);  // undo flow u_out -> v_in
        } else {  // v_out
          if (role[v] == 2) {
            reached = state;
            break;
          }
          if (node_flow[v]) visit(2 * v, state, kInvalidId);
          for (uint32_t k = p.first[v]; k < p.first[v + 1]; ++k) visit(2 * p.adj[k], state, k);
        }
      }
      if (reached == kInvalidId) break;
      if (++value > bound) return false;
      for (uint32_t state = reached; pred[state] != kInvalidId; state = pred[state]) {
        const uint32_t from = pred[state];
        if (from / 2 == state / 2 && pred_entry[state] == kInvalidId) {
          node_flow[state / 2] = state % 2 ? 1 : 0;  // in->out uses the node, out->in frees it
        } else {
          const uint32_t k = pred_entry[state];
          const int32_t delta = from % 2 ? 1 : -1;  // out->in pushes along k, in->out undoes k
          flow[k] += delta;
          flow[rev[k]] -= delta;
        }
      }
    }
    // `seen` is what the source side still reaches: cut nodes are reached in but not out.
    for (uint32_t v = 0; v < n; ++v) {
      if (seen[2 * v + 1])
        cut.side_a.push_back(v);
      else if (seen[2 * v])
        cut.separator.push_back(v);
      else
        cut.side_b.push_back(v);
    }
    return true;
  }

  uint32_t n_;
  std::vector<uint32_t> first_, adj_, local_;
  std::vector<double> x_, y_;
  std::vector<NodeId> order_;
};

}  // namespace

std::vector<NodeId> nested_dissection_order(const RoadGraph& graph, std::span<const uint8_t> usable) {
  if (usable.size() != graph.edge_count())
    throw Error("nested dissection: " + std::to_string(usable.size()) + " usable flags for " +
                std::to_string(graph.edge_count()) + " edges");
  return Dissector(graph, usable).order();
}

}  // namespace erde
