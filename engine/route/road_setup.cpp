#include "route/road_setup.hpp"

#include <cstdio>

#include "route/snapped.hpp"
#include "util/error.hpp"

namespace erde {

SnappedPoint RoadSetup::snap(LonLat where, const std::string& what, uint8_t side) const {
  const std::optional<Snap> s = roads->nearest_road(0, where, side);
  char why[200];
  if (!s) {
    std::snprintf(why, sizeof why, ": snap (%.6f, %.6f): no road is usable by this profile", where.lon, where.lat);
    throw Error(what + why);
  }
  if (s->distance_m > roads->max_snap_m()) {
    std::snprintf(why, sizeof why, ": snap (%.6f, %.6f): the nearest usable road is %.0f m away (limit %.0f m)",
                  where.lon, where.lat, s->distance_m, roads->max_snap_m());
    throw Error(what + why);
  }
  return {route_point(*s), where, s->distance_m, graph().segment_name[s->segment]};
}

RoadSetup open_road_setup(const std::string& roads, const std::string& profiles_path, const std::string& profile,
                          double max_snap_m) {
  const std::string names[] = {profile};
  return {std::make_unique<LiveRoads>(open_road_index(roads, profiles_path, names, max_snap_m)), profile};
}

}  // namespace erde
