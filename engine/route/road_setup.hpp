#pragma once
// What the route, nearest and isochrone commands share: a road source opened with one profile,
// its weights and a snap index.
#include <memory>
#include <string>
#include <vector>

#include "graph/profile.hpp"
#include "graph/road_graph.hpp"
#include "graph/snap.hpp"
#include "route/network.hpp"

namespace erde {

struct SnappedPoint {
  RoutePoint point;
  LonLat query;
  double distance_m = 0;  // from the query location to the road
  std::string street;     // name of the snapped segment, may be empty
};

struct RoadSetup {
  RoadGraph graph;
  Profile profile;
  std::vector<uint32_t> weights;
  std::unique_ptr<SnapIndex> index;
  double max_snap_m = 500;

  Network network() const { return {graph, weights}; }
  // Throws erde::Error naming `what` when no road the profile may use is within max_snap_m.
  SnappedPoint snap(LonLat where, const std::string& what) const;
};

// Opens `roads` (OSM .pbf or an OGR line layer), loads `profile` from `profiles_path`.
RoadSetup open_road_setup(const std::string& roads, const std::string& profiles_path, const std::string& profile,
                          double max_snap_m);

}  // namespace erde
