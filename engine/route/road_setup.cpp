#include "route/road_setup.hpp"

#include "route/snapped.hpp"
#include "util/error.hpp"

namespace erde {

SnappedPoint RoadSetup::snap(LonLat where, const std::string& what, uint8_t side) const {
  try {
    const Snap s = roads->index().snap->snap(where, roads->weights(0), roads->max_snap_m(),
                                             roads->index().reach[0].segment, side);
    return {route_point(s), where, s.distance_m, graph().segment_name[s.segment]};
  } catch (const Error& e) {
    throw Error(what + ": " + e.what());
  }
}

RoadSetup open_road_setup(const std::string& roads, const std::string& profiles_path, const std::string& profile,
                          double max_snap_m) {
  const std::string names[] = {profile};
  return {std::make_unique<LiveRoads>(open_road_index(roads, profiles_path, names, max_snap_m)), profile};
}

}  // namespace erde
