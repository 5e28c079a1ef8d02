#pragma once
// route(A, B): the quickest trip between two points on the road network.
#include <cstdint>
#include <string>
#include <vector>

#include "route/network.hpp"

namespace erde {

struct Route {
  bool reachable = false;     // false: no trip exists; time and distance mean nothing then
  uint32_t time_ms = 0;
  double distance_m = 0;
  // Edges in travel order; the first starts at fraction first_from of its length and the last
  // ends at last_to (a single edge can be partial at both ends). Empty when A and B coincide.
  std::vector<EdgeId> edges;
  double first_from = 0;
  double last_to = 1;
  std::vector<LonLat> geometry;  // from A's road position to B's
};

Route route(const Network& net, const RoutePoint& from, const RoutePoint& to);

// Fills distance_m (and geometry if asked) from route.edges and its end fractions.
void complete_route(const RoadGraph& graph, const RoutePoint& from, const RoutePoint& to, Route& route,
                    bool with_geometry = true);

// A GeoJSON Feature with the route's LineString and time/distance properties (or a null
// geometry and "reachable": false).
std::string route_geojson(const Route& route, const std::string& extra_properties = {});

}  // namespace erde
