#pragma once
// What the route, nearest and isochrone commands share: live roads opened with one profile, and
// snapping that names the place it could not snap.
#include <memory>
#include <string>

#include "route/live_roads.hpp"

namespace erde {

struct SnappedPoint {
  RoutePoint point;
  LonLat query;
  double distance_m = 0;  // from the query location to the road
  std::string street;     // name of the snapped segment, may be empty
};

struct RoadSetup {
  std::unique_ptr<LiveRoads> roads;  // indexed for the one profile
  std::string profile;

  const RoadGraph& graph() const { return roads->graph(); }
  // Throws erde::Error naming `what` when no road the profile may use (where a trip may start,
  // end or both: graph/reach.hpp) is within the snap distance.
  SnappedPoint snap(LonLat where, const std::string& what, uint8_t side = reach::kBoth) const;
};

// Opens `roads` (OSM .pbf or an OGR line layer), loads `profile` from `profiles_path`.
RoadSetup open_road_setup(const std::string& roads, const std::string& profiles_path, const std::string& profile,
                          double max_snap_m);

}  // namespace erde
