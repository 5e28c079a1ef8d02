#pragma once
// What stays fixed while erde runs: the road graph, each profile with its base weights, one
// customizable-contraction-hierarchy index per profile (route/cch.hpp) and the snap index. Built
// once; the live roads of the service and of every drill share it read-only (route/live_roads.hpp).
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/profile.hpp"
#include "graph/reach.hpp"
#include "graph/road_graph.hpp"
#include "graph/snap.hpp"
#include "route/cch.hpp"

namespace erde {

struct RoadIndex {
  RoadGraph graph;
  std::vector<Profile> profiles;
  // Per profile, per edge: the profile's rules alone (ms; kUnreachable = not usable). Nothing is
  // cut to a strongly connected component: `reach` says where trips may start and end.
  std::vector<std::vector<uint32_t>> base_weights;
  std::vector<RoadReach> reach;                     // per profile
  std::vector<ProfileReport> reports;               // per profile: what its rules removed
  std::vector<CchIndex> cch;                        // per profile, over the edges its base weights allow
  std::unique_ptr<SnapIndex> snap;                  // over `graph`
  double max_snap_m = 500;                          // farthest a place may be from a usable road
  double build_seconds = 0;                         // weights, order, contraction and snap index

  size_t profile_count() const { return profiles.size(); }
  // Throws erde::Error listing the known profiles when `name` is not one of them.
  size_t profile(std::string_view name) const;
  bool has_profile(std::string_view name) const;
  size_t memory_bytes() const;  // CCH indexes, base weights and snap index
};

// Weighs `graph` with every profile and builds the indexes. The contraction order is computed
// once over the edges any profile may use and shared by all profiles.
std::shared_ptr<const RoadIndex> make_road_index(RoadGraph graph, std::vector<Profile> profiles, double max_snap_m);

// Opens `roads` (OSM .pbf or an OGR line layer) and indexes it for the profiles in
// `profiles_path` (all of them when `names` is empty, else those named, in that order).
std::shared_ptr<const RoadIndex> open_road_index(const std::string& roads, const std::string& profiles_path,
                                                 std::span<const std::string> names, double max_snap_m);

}  // namespace erde
