#pragma once
// Live closures: barriers added and removed by id, effective for the next query with no rebuild.
// Base weights of every registered profile stay untouched; the effective weight of an edge is
// recomputed from its base and the barriers still touching it, so removing a barrier restores
// exactly the weights (and so the answers) from before it was added.
//
// Barrier kinds: a closed area (polygon: every segment it touches is closed both ways), a closed
// line (every segment it crosses or touches), a single closed edge (one direction), a slow area
// (segments it touches run at speed_factor of their speed; with several, the slowest applies).
// Not safe to query while adding or removing from another thread.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/geos_context.hpp"
#include "route/network.hpp"
#include "route/segment_grid.hpp"

namespace erde {

enum class BarrierKind : uint8_t { closed_area, closed_line, closed_edge, slow_area };

struct Barrier {
  std::string id;
  BarrierKind kind = BarrierKind::closed_area;
  Geometry geometry;          // WGS84 WKB: (multi)polygon for areas, (multi)linestring for lines
  EdgeId edge = kInvalidId;   // closed_edge
  double speed_factor = 1.0;  // slow_area: 0 < factor <= 1 (0.3 = 30 % of the speed)
};

Barrier closed_area(std::string id, Geometry polygon);
Barrier closed_line(std::string id, Geometry line);
Barrier closed_edge(std::string id, EdgeId edge);
Barrier slow_area(std::string id, Geometry polygon, double speed_factor);

class Closures {
 public:
  explicit Closures(const RoadGraph& graph);
  Closures(const Closures&) = delete;
  Closures& operator=(const Closures&) = delete;

  // Registers a profile's base weights (one per edge); returns its index. Barriers already
  // present apply to it at once.
  size_t add_profile(std::string name, std::vector<uint32_t> base_weights);
  size_t profile_count() const { return profiles_.size(); }
  const std::string& profile_name(size_t p) const { return profiles_[p].name; }
  // Throws erde::Error listing the known profiles when `name` is not one of them.
  size_t profile_index(std::string_view name) const;
  std::span<const uint32_t> base_weights(size_t p) const { return profiles_[p].base; }
  const std::vector<uint32_t>& weights(size_t p) const { return profiles_[p].effective; }
  Network network(size_t p) const { return {graph_, weights(p)}; }
  const RoadGraph& graph() const { return graph_; }

  // Adds a barrier; returns how many edges it touches. Throws erde::Error for a duplicate or
  // empty id, an unreadable or wrong-kind geometry, an unknown edge or a bad speed factor.
  size_t add(const Barrier& barrier);
  // The edges (ascending) `barrier` would touch, without adding it; throws as add() does for a
  // geometry it cannot use (unreadable, wrong kind, invalid polygon, unknown edge).
  std::vector<EdgeId> edges_of(const Barrier& barrier);
  // Removes a barrier; false if no barrier has this id.
  bool remove(std::string_view id);
  void clear();
  size_t size() const { return active_.size(); }
  std::vector<std::string> ids() const;
  // Edges a barrier touches (ascending); empty for an unknown id.
  std::span<const EdgeId> touched_edges(std::string_view id) const;

 private:
  struct Profile {
    std::string name;
    std::vector<uint32_t> base;
    std::vector<uint32_t> effective;
  };
  struct Active {
    Barrier barrier;
    std::vector<EdgeId> edges;  // ascending
  };
  void recompute(EdgeId e);

  const RoadGraph& graph_;
  SegmentGrid grid_;
  std::unique_ptr<GeosContext> geos_;
  std::vector<Profile> profiles_;
  std::vector<Active> active_;
  std::unordered_map<std::string, size_t> index_;  // id -> position in active_
  std::vector<uint32_t> closed_count_;  // per edge: closing barriers touching it
  std::vector<uint32_t> slow_count_;    // per edge: slow areas touching it
  std::vector<uint32_t> candidates_;
};

// The effective weight of an edge of base weight w at speed_factor of its speed.
uint32_t slowed_weight(uint32_t w, double speed_factor);

}  // namespace erde
