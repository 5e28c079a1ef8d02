#include "route/road_setup.hpp"

#include "graph/import.hpp"
#include "route/snapped.hpp"
#include "util/error.hpp"

namespace erde {

SnappedPoint RoadSetup::snap(LonLat where, const std::string& what) const {
  try {
    const Snap s = index->snap(where, weights, max_snap_m);
    return {route_point(s), where, s.distance_m, graph.segment_name[s.segment]};
  } catch (const Error& e) {
    throw Error(what + ": " + e.what());
  }
}

RoadSetup open_road_setup(const std::string& roads, const std::string& profiles_path, const std::string& profile,
                          double max_snap_m) {
  if (!(max_snap_m > 0)) throw Error("snap distance must be positive metres");
  RoadSetup s;
  s.profile = load_profile(profiles_path, profile);
  s.graph = open_roads(roads);
  s.weights = edge_weights(s.graph, s.profile);
  s.index = std::make_unique<SnapIndex>(s.graph);
  s.max_snap_m = max_snap_m;
  return s;
}

}  // namespace erde
