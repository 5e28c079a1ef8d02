#pragma once
// The fixed-seed query set shared by bench_routing and bench_routing_cch, so both measure the
// same queries: 30 team points, 200 incidents and 200 destinations inside road segments usable
// both ways, and a 1 km² closure square around each incident.
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "geo/geos_context.hpp"
#include "graph/distance.hpp"
#include "graph/road_graph.hpp"
#include "route/closures.hpp"
#include "route/network.hpp"

namespace erde::bench {

inline std::vector<RoutePoint> random_points(const RoadGraph& g, const std::vector<uint32_t>& w, size_t n,
                                             std::mt19937& rng) {
  std::vector<uint32_t> usable;
  for (uint32_t s = 0; s < g.segment_count(); ++s)
    if (w[g.segment_edge[2 * s]] != kUnreachable && w[g.segment_edge[2 * s + 1]] != kUnreachable) usable.push_back(s);
  std::uniform_real_distribution<double> frac(0.0, 1.0);
  std::vector<RoutePoint> out;
  for (size_t i = 0; i < n; ++i) out.push_back(segment_point(g, usable[rng() % usable.size()], frac(rng)));
  return out;
}

inline Geometry square_km2(GeosContext& geos, LonLat c) {
  const LocalPlane plane(c.lon, c.lat);
  std::string wkt = "POLYGON((";
  const double corners[5][2] = {{-500, -500}, {500, -500}, {500, 500}, {-500, 500}, {-500, -500}};
  for (int i = 0; i < 5; ++i) {
    const LonLat p = plane.unproject(corners[i][0], corners[i][1]);
    char xy[64];
    std::snprintf(xy, sizeof xy, "%s%.7f %.7f", i ? "," : "", p.lon, p.lat);
    wkt += xy;
  }
  wkt += "))";
  return {geos.to_wkb(geos.from_wkt(wkt).get())};
}

struct QueryPoints {
  std::vector<RoutePoint> teams, incidents, targets;
  std::vector<Geometry> squares;
};

inline QueryPoints query_points(GeosContext& geos, const RoadGraph& g, const std::vector<uint32_t>& w) {
  std::mt19937 rng(2026);
  QueryPoints q;
  q.teams = random_points(g, w, 30, rng);
  q.incidents = random_points(g, w, 200, rng);
  q.targets = random_points(g, w, 200, rng);
  for (const RoutePoint& p : q.incidents) q.squares.push_back(square_km2(geos, p.point));
  return q;
}

}  // namespace erde::bench
