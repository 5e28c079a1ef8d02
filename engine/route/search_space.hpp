#pragma once
// Dijkstra working memory reused across queries: per-node labels stamped with the query round
// (no O(n) clear per query) and a 4-ary min-heap of (time << 32 | node) keys with lazy deletion.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

#include "route/network.hpp"

namespace erde {

enum class Direction : uint8_t { forward, reverse };

class SearchSpace {
 public:
  // Starts a new query over a graph with `node_count` nodes.
  void start(uint32_t node_count) {
    if (labels_.size() != node_count) {
      labels_.assign(node_count, Label{});
      round_ = 0;
    }
    if (++round_ == 0) {  // stamps wrapped: forget everything once
      for (Label& l : labels_) l.stamp = 0;
      round_ = 1;
    }
    heap_.clear();
  }

  uint32_t dist(NodeId n) const { return labels_[n].stamp == round_ ? labels_[n].dist : kUnreachable; }
  // The edge the node was reached by (kInvalidId for a start node or an unreached one).
  EdgeId parent(NodeId n) const { return labels_[n].stamp == round_ ? labels_[n].parent : kInvalidId; }

  void push(NodeId n, uint64_t d, EdgeId parent) {
    if (d >= kUnreachable) return;
    Label& l = touch(n);
    if (l.dist <= d) return;
    l.dist = static_cast<uint32_t>(d);
    l.parent = parent;
    heap_push(d << 32 | n);
  }

  // Next node to settle with its final time; false when nothing is left.
  bool pop(NodeId& n, uint32_t& d) {
    while (!heap_.empty()) {
      const uint64_t key = heap_pop();
      n = static_cast<NodeId>(key & 0xffffffffu);
      d = static_cast<uint32_t>(key >> 32);
      if (labels_[n].dist == d) return true;  // otherwise a stale entry
    }
    return false;
  }

  // Per-query tag on a node (e.g. index of the first goal reached through it), kInvalidId if none.
  uint32_t tag(NodeId n) const { return labels_[n].stamp == round_ ? labels_[n].tag : kInvalidId; }
  void set_tag(NodeId n, uint32_t value) { touch(n).tag = value; }

 private:
  struct Label {
    uint32_t dist = kUnreachable;
    EdgeId parent = kInvalidId;
    uint32_t tag = kInvalidId;
    uint32_t stamp = 0;
  };
  Label& touch(NodeId n) {
    Label& l = labels_[n];
    if (l.stamp != round_) l = {kUnreachable, kInvalidId, kInvalidId, round_};
    return l;
  }
  // A 4-ary min-heap of keys; stale keys stay until popped (lazy deletion).
  void heap_push(uint64_t key) {
    size_t i = heap_.size();
    heap_.push_back(key);
    while (i > 0) {
      const size_t up = (i - 1) / 4;
      if (heap_[up] <= key) break;
      heap_[i] = heap_[up];
      i = up;
    }
    heap_[i] = key;
  }
  uint64_t heap_pop() {
    const uint64_t top = heap_.front();
    const uint64_t last = heap_.back();
    heap_.pop_back();
    const size_t size = heap_.size();
    if (size == 0) return top;
    size_t i = 0;
    for (;;) {
      const size_t first = 4 * i + 1;
      if (first >= size) break;
      size_t best = first;
      const size_t end = std::min(first + 4, size);
      for (size_t c = first + 1; c < end; ++c)
        if (heap_[c] < heap_[best]) best = c;
      if (heap_[best] >= last) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
    return top;
  }

  std::vector<Label> labels_;
  std::vector<uint64_t> heap_;
  uint32_t round_ = 0;
};

// One search space per thread and slot, for queries that do not bring their own.
SearchSpace& thread_search_space(int slot = 0);

// Runs Dijkstra from whatever was pushed into `space`. on_settle(node, time) is called once per
// settled node in order of time and returns false to stop. Forward follows out-edges; reverse
// follows in-edges (times are then times *to* the start nodes).
template <Direction kDir, typename OnSettle>
void run_dijkstra(const Network& net, SearchSpace& space, OnSettle&& on_settle) {
  const RoadGraph& g = net.graph;
  const uint32_t* w = net.weights.data();
  NodeId u;
  uint32_t d;
  while (space.pop(u, d)) {
    if (!on_settle(u, d)) return;
    if constexpr (kDir == Direction::forward) {
      for (EdgeId e = g.first_out[u], end = g.first_out[u + 1]; e < end; ++e)
        if (w[e] != kUnreachable) space.push(g.head[e], uint64_t{d} + w[e], e);
    } else {
      for (uint32_t i = g.first_in[u], end = g.first_in[u + 1]; i < end; ++i) {
        EdgeId e = g.in_edge[i];
        if (w[e] != kUnreachable) space.push(g.tail[e], uint64_t{d} + w[e], e);
      }
    }
  }
}

}  // namespace erde
