#include "route/route.hpp"

#include <cstdio>

#include "route/goal_search.hpp"
#include "route/polyline.hpp"

namespace erde {

Route route(const Network& net, const RoutePoint& from, const RoutePoint& to) {
  GoalSearch s;
  s.direction = Direction::forward;
  s.origin = from;
  s.goals = std::span<const RoutePoint>(&to, 1);
  s.stop_after = 1;
  SearchSpace& space = thread_search_space();
  std::vector<GoalHit> hits;
  search_goals(net, space, s, hits);
  return goal_route(net, space, s, 0, hits[0]);
}

void complete_route(const RoadGraph& g, const RoutePoint& from, const RoutePoint& to, Route& r,
                    bool with_geometry) {
  r.distance_m = 0;
  r.geometry.clear();
  if (!r.reachable) return;
  const size_t n = r.edges.size();
  if (with_geometry && n == 0) r.geometry = {from.point, to.point};
  for (size_t i = 0; i < n; ++i) {
    const EdgeId e = r.edges[i];
    const double a = i == 0 ? r.first_from : 0.0, b = i + 1 == n ? r.last_to : 1.0;
    r.distance_m += g.length_m[e] * (b - a);
    if (with_geometry) append_edge_piece(g, e, a, b, r.geometry);
  }
}

std::string route_geojson(const Route& r, const std::string& extra_properties) {
  std::string out = "{\"type\":\"Feature\",\"geometry\":";
  out += r.reachable ? geojson_linestring(r.geometry) : "null";
  char buf[160];
  if (r.reachable)
    std::snprintf(buf, sizeof buf, "\"reachable\":true,\"time_s\":%.1f,\"distance_m\":%.1f,\"edges\":%zu",
                  r.time_ms / 1000.0, r.distance_m, r.edges.size());
  else
    std::snprintf(buf, sizeof buf, "\"reachable\":false");
  out += ",\"properties\":{";
  out += buf;
  if (!extra_properties.empty()) out += "," + extra_properties;
  out += "}}";
  return out;
}

}  // namespace erde
