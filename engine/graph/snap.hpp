#pragma once
// Snapping a location to the nearest road a profile may use, via an R-tree over every straight
// piece of every segment shape, in a local metric plane centred on the graph.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "graph/road_graph.hpp"

namespace erde {

// A usable directed edge through the snapped position; `fraction` is the share of the edge's
// length from its tail to the position (0..1), so a search starts with (1 - fraction) * weight
// and ends with fraction * weight.
struct SnapEdge {
  EdgeId edge = kInvalidId;
  double fraction = 0;
};

struct Snap {
  uint32_t segment = kInvalidId;
  LonLat point;                 // the snapped position on the segment
  double distance_m = 0;        // from the query location to `point`
  double fraction = 0;          // along the segment's shape by length, 0 at its first point
  EdgeId along = kInvalidId;    // edge running along the shape, if the profile may use it
  EdgeId against = kInvalidId;  // edge running against the shape, if the profile may use it
  std::array<SnapEdge, 2> edges{};
  uint8_t edge_count = 0;

  std::span<const SnapEdge> usable_edges() const { return {edges.data(), edge_count}; }
};

class SnapIndex {
 public:
  // Indexes every segment; the graph must outlive the index.
  explicit SnapIndex(const RoadGraph& graph);
  ~SnapIndex();
  SnapIndex(SnapIndex&&) noexcept;
  SnapIndex& operator=(SnapIndex&&) noexcept;

  // Nearest position on a segment with at least one edge usable under `weights` (kUnreachable =
  // not usable). Throws erde::Error when the nearest such road is farther than max_distance_m,
  // saying how far it is, or when no road is usable at all.
  Snap snap(LonLat point, const std::vector<uint32_t>& weights, double max_distance_m) const;
  // Same, among segments whose segment_bits entry has every bit of `need` (graph/reach.hpp).
  Snap snap(LonLat point, const std::vector<uint32_t>& weights, double max_distance_m,
            std::span<const uint8_t> segment_bits, uint8_t need) const;
  // Same, without a limit; nullopt only when no segment is usable.
  std::optional<Snap> nearest(LonLat point, const std::vector<uint32_t>& weights) const;
  // Only among segments whose segment_bits entry has every bit of `need` (graph/reach.hpp).
  std::optional<Snap> nearest(LonLat point, const std::vector<uint32_t>& weights,
                              std::span<const uint8_t> segment_bits, uint8_t need) const;

  size_t memory_bytes() const;

 private:
  struct Tree;
  const RoadGraph* graph_;
  std::unique_ptr<Tree> tree_;
};

}  // namespace erde
