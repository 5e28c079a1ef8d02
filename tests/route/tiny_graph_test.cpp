// Hand-built graphs where the right answer is known: one-ways, same-edge trips in both
// directions, loops around, unreachable places, points at nodes, partial isochrone pieces.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "geo/geos_context.hpp"
#include "route/closures.hpp"
#include "route/isochrone.hpp"
#include "route/matrix.hpp"
#include "route/nearest.hpp"
#include "route/route.hpp"
#include "route_checks.hpp"
#include "test_data.hpp"
#include "util/error.hpp"

namespace erde::test {
namespace {

SegmentSpec road(NodeId a, NodeId b, Oneway o = Oneway::no) {
  SegmentSpec s;
  s.from = a;
  s.to = b;
  s.oneway = o;
  return s;
}

// Every edge not against a one-way at `kmh`.
std::vector<uint32_t> plain_weights(const RoadGraph& g, double kmh = 36) {
  std::vector<uint32_t> w(g.edge_count());
  for (EdgeId e = 0; e < g.edge_count(); ++e)
    w[e] = (g.flags[e] & edge_flag::kAgainstOneway) ? kUnreachable
                                                    : static_cast<uint32_t>(std::llround(g.length_m[e] / (kmh / 3.6) * 1000));
  return w;
}

// Nodes 0..n-1 in a row along the x axis, joined by two-way roads.
RoadGraph line_graph(int n) {
  RoadGraphBuilder b;
  for (int i = 0; i < n; ++i) b.add_node(grid_at(i, 0));
  for (int i = 0; i + 1 < n; ++i) b.add_segment(road(static_cast<NodeId>(i), static_cast<NodeId>(i + 1)));
  return std::move(b).build();
}

// A square 0-1-2-3-0 whose first side (0 -> 1) is one-way.
RoadGraph oneway_square() {
  RoadGraphBuilder b;
  b.add_node(grid_at(0, 0));
  b.add_node(grid_at(1, 0));
  b.add_node(grid_at(1, 1));
  b.add_node(grid_at(0, 1));
  b.add_segment(road(0, 1, Oneway::forward));
  b.add_segment(road(1, 2));
  b.add_segment(road(2, 3));
  b.add_segment(road(3, 0));
  return std::move(b).build();
}

std::string wkb(const std::string& wkt) {
  GeosContext geos;
  return geos.to_wkb(geos.from_wkt(wkt).get());
}

// A polygon around grid cell coordinates (x0..x1, y0..y1).
Geometry box(double x0, double y0, double x1, double y1) {
  LonLat a = grid_at(x0, y0), c = grid_at(x1, y1);
  char text[256];
  std::snprintf(text, sizeof text, "POLYGON((%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f))", a.lon, a.lat, c.lon,
                a.lat, c.lon, c.lat, a.lon, c.lat, a.lon, a.lat);
  return {wkb(text)};
}

TEST(RouteTiny, SameEdgeBothDirections) {
  const RoadGraph g = line_graph(2);
  const std::vector<uint32_t> w = plain_weights(g);
  const Network net{g, w};
  const RoutePoint a = segment_point(g, 0, 0.2), b = segment_point(g, 0, 0.7);
  const EdgeId along = g.segment_edge[0], against = g.segment_edge[1];

  const Route ab = route(net, a, b);
  ASSERT_TRUE(ab.reachable);
  EXPECT_EQ(ab.edges, std::vector<EdgeId>{along});
  EXPECT_DOUBLE_EQ(ab.first_from, 0.2);
  EXPECT_DOUBLE_EQ(ab.last_to, 0.7);
  EXPECT_EQ(ab.time_ms, edge_offset_ms(w[along], 0.7) - edge_offset_ms(w[along], 0.2));
  EXPECT_NEAR(ab.distance_m, 0.5 * g.length_m[along], 1e-6);
  EXPECT_TRUE(route_consistent(net, a, b, ab));

  const Route ba = route(net, b, a);
  ASSERT_TRUE(ba.reachable);
  EXPECT_EQ(ba.edges, std::vector<EdgeId>{against});
  EXPECT_EQ(ba.time_ms, edge_offset_ms(w[against], 0.8) - edge_offset_ms(w[against], 0.3));
  EXPECT_TRUE(route_consistent(net, b, a, ba));
  EXPECT_NEAR(ba.geometry.front().lon, b.point.lon, 1e-9);
  EXPECT_NEAR(ba.geometry.back().lon, a.point.lon, 1e-9);

  const Route self = route(net, a, a);
  ASSERT_TRUE(self.reachable);
  EXPECT_EQ(self.time_ms, 0u);
  EXPECT_TRUE(self.edges.empty());
}

TEST(RouteTiny, OnewaySameEdgeGoesAroundTheBlock) {
  const RoadGraph g = oneway_square();
  const std::vector<uint32_t> w = plain_weights(g);
  const Network net{g, w};
  const RoutePoint a = segment_point(g, 0, 0.7), b = segment_point(g, 0, 0.2);
  const Route r = route(net, a, b);  // backwards on the one-way: around the square
  ASSERT_TRUE(r.reachable);
  ASSERT_EQ(r.edges.size(), 5u);
  EXPECT_EQ(r.edges.front(), g.segment_edge[0]);
  EXPECT_EQ(r.edges.back(), g.segment_edge[0]);
  uint64_t expect = (w[g.segment_edge[0]] - edge_offset_ms(w[g.segment_edge[0]], 0.7)) +
                    edge_offset_ms(w[g.segment_edge[0]], 0.2);
  for (uint32_t s = 1; s < 4; ++s) expect += w[g.segment_edge[2 * s]];
  EXPECT_EQ(r.time_ms, expect);
  EXPECT_TRUE(route_consistent(net, a, b, r));

  const Route forward = route(net, b, a);  // with the one-way: direct
  ASSERT_TRUE(forward.reachable);
  EXPECT_EQ(forward.edges.size(), 1u);
}

TEST(RouteTiny, OnewayDeadEndIsUnreachableBack) {
  RoadGraphBuilder b;
  b.add_node(grid_at(0, 0));
  b.add_node(grid_at(1, 0));
  b.add_node(grid_at(2, 0));
  b.add_segment(road(0, 1));
  b.add_segment(road(1, 2, Oneway::forward));
  const RoadGraph g = std::move(b).build();
  const std::vector<uint32_t> w = plain_weights(g);
  const Network net{g, w};
  const RoutePoint start = segment_point(g, 0, 0.5), end = segment_point(g, 1, 0.5);
  EXPECT_TRUE(route(net, start, end).reachable);
  const Route back = route(net, end, start);
  EXPECT_FALSE(back.reachable);
  EXPECT_TRUE(back.edges.empty());
  const nlohmann::json j = nlohmann::json::parse(route_geojson(back));
  EXPECT_TRUE(j["geometry"].is_null());
  EXPECT_EQ(j["properties"]["reachable"], false);
  EXPECT_EQ(matrix(net, std::vector{end}, std::vector{start}).time(0, 0), kUnreachable);
  EXPECT_TRUE(nearest(net, start, std::vector{end}).empty());
}

TEST(RouteTiny, DisconnectedAndInvalidPoints) {
  RoadGraphBuilder b;
  for (int i = 0; i < 4; ++i) b.add_node(grid_at(i * 3, 0));
  b.add_segment(road(0, 1));
  b.add_segment(road(2, 3));
  const RoadGraph g = std::move(b).build();
  const std::vector<uint32_t> w = plain_weights(g);
  const Network net{g, w};
  EXPECT_FALSE(route(net, segment_point(g, 0, 0.5), segment_point(g, 1, 0.5)).reachable);
  EXPECT_FALSE(route(net, RoutePoint{}, segment_point(g, 1, 0.5)).reachable);
  const TimeMatrix m = matrix(net, std::vector{segment_point(g, 0, 0.1)},
                              std::vector{segment_point(g, 0, 0.9), segment_point(g, 1, 0.5), RoutePoint{}}, true);
  EXPECT_NE(m.time(0, 0), kUnreachable);
  EXPECT_GT(m.distance(0, 0), 0);
  EXPECT_EQ(m.time(0, 1), kUnreachable);
  EXPECT_EQ(m.distance(0, 1), -1);
  EXPECT_EQ(m.time(0, 2), kUnreachable);
}

TEST(RouteTiny, PointsAtNodes) {
  const RoadGraph g = line_graph(4);
  const std::vector<uint32_t> w = plain_weights(g);
  const Network net{g, w};
  const RoutePoint a = node_point(g, 0), d = node_point(g, 3);
  const Route r = route(net, a, d);
  ASSERT_TRUE(r.reachable);
  EXPECT_EQ(r.edges.size(), 3u);
  EXPECT_EQ(r.time_ms, w[g.segment_edge[0]] + w[g.segment_edge[2]] + w[g.segment_edge[4]]);
  EXPECT_TRUE(route_consistent(net, a, d, r));
  // The same node seen from two different segments is one place.
  const Route zero = route(net, segment_point(g, 0, 1.0), segment_point(g, 1, 0.0));
  ASSERT_TRUE(zero.reachable);
  EXPECT_EQ(zero.time_ms, 0u);
  const nlohmann::json j = nlohmann::json::parse(route_geojson(r, "\"name\":\"x\""));
  EXPECT_EQ(j["geometry"]["type"], "LineString");
  EXPECT_EQ(j["geometry"]["coordinates"].size(), 4u);
  EXPECT_EQ(j["properties"]["name"], "x");
}

TEST(RouteTiny, NearestOrderFilterAndLimit) {
  const RoadGraph g = line_graph(6);
  const std::vector<uint32_t> w = plain_weights(g);
  const Network net{g, w};
  const RoutePoint incident = segment_point(g, 0, 0.0);
  std::vector<RoutePoint> teams;
  for (uint32_t s = 0; s < 5; ++s) teams.push_back(segment_point(g, 4 - s, 0.5));  // team 4 is closest
  teams.push_back(RoutePoint{});                                                     // not on the network
  NearestOptions o;
  o.k = 10;
  std::vector<NearestResource> got = nearest(net, incident, teams, o);
  ASSERT_EQ(got.size(), 5u);
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].resource, 4 - i);
    EXPECT_TRUE(route_consistent(net, teams[got[i].resource], incident, got[i].route));
    EXPECT_NEAR(got[i].route.geometry.back().lon, incident.point.lon, 1e-9);
  }
  o.k = 2;
  o.filter = [](uint32_t r) { return r % 2 == 1; };
  got = nearest(net, incident, teams, o);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].resource, 3u);
  EXPECT_EQ(got[1].resource, 1u);
  o.filter = {};
  o.max_eta_ms = w[g.segment_edge[0]] * 2;  // teams 4 (0.5 segment away) and 3 (1.5)
  got = nearest(net, incident, teams, o);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].resource, 3u);
  std::vector<uint8_t> bad_mask(2, 1);
  o.mask = bad_mask;
  EXPECT_THROW(nearest(net, incident, teams, o), Error);
}

TEST(RouteTiny, IsochronePiecesAndPolygon) {
  const RoadGraph g = line_graph(4);
  const std::vector<uint32_t> w = plain_weights(g);
  const Network net{g, w};
  const uint32_t w0 = w[g.segment_edge[0]], w1 = w[g.segment_edge[2]];
  const uint32_t limits[] = {w0 + w1 / 2, 0};
  const std::vector<RoutePoint> start{node_point(g, 0)};
  const std::vector<Isochrone> isos = isochrones(net, start, limits);
  ASSERT_EQ(isos.size(), 2u);
  const Isochrone& iso = isos[0];
  EXPECT_EQ(iso.nodes, (std::vector<NodeId>{0, 1}));
  bool half = false;
  for (const EdgePiece& p : iso.pieces) {
    if (p.edge == g.segment_edge[2]) {
      half = true;
      EXPECT_NEAR(p.to, 0.5, 1e-3);
    }
    EXPECT_NE(g.segment[p.edge], 2u);
  }
  EXPECT_TRUE(half);
  EXPECT_NEAR(isochrone_road_m(g, iso), 1.5 * g.length_m[0], 0.5);
  EXPECT_EQ(isos[1].nodes, std::vector<NodeId>{0});
  EXPECT_TRUE(isos[1].pieces.empty());

  GeosContext geos;
  for (IsochroneShape shape : {IsochroneShape::hull, IsochroneShape::road_buffer}) {
  const IsochroneArea area = isochrone_polygon(geos, g, iso, 10, shape);
  ASSERT_FALSE(area.wkb.empty());
  // About (1.5 road lengths) x 20 m plus the round ends.
  EXPECT_NEAR(area.area_m2, 1.5 * g.length_m[0] * 20 + M_PI * 100, 200);
  auto poly = geos.from_wkb(area.wkb);
  EXPECT_EQ(nlohmann::json::parse(geojson_geometry(geos, area.wkb))["type"], "Polygon");
  auto inside = [&](LonLat p) {
    auto pt = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), p.lon, p.lat));
    return GEOSIntersects_r(geos.handle(), poly.get(), pt.get()) == 1;
  };
  EXPECT_TRUE(inside(g.node(0)));
  EXPECT_TRUE(inside(g.node(1)));
  EXPECT_TRUE(inside(point_on_segment(g, 1, 0.4)));
  EXPECT_FALSE(inside(point_on_segment(g, 1, 0.8)));
  EXPECT_FALSE(inside(g.node(3)));
  }
  EXPECT_TRUE(isochrone_polygon(geos, g, isos[1], 30).wkb.empty());
  EXPECT_EQ(geojson_geometry(geos, ""), "null");
  EXPECT_THROW(isochrone_polygon(geos, g, iso, 0), Error);

  // Reverse from node 3: the same pieces mirrored.
  const std::vector<Isochrone> back = isochrones(net, std::vector{node_point(g, 3)}, limits, Direction::reverse);
  EXPECT_EQ(back[0].nodes, (std::vector<NodeId>{3, 2}));
}

TEST(RouteTiny, IsochroneFromEdgeInterior) {
  const RoadGraph g = line_graph(2);
  const std::vector<uint32_t> w = plain_weights(g);
  const Network net{g, w};
  const uint32_t limit[] = {w[g.segment_edge[0]] / 10};
  const std::vector<Isochrone> isos = isochrones(net, std::vector{segment_point(g, 0, 0.5)}, limit);
  EXPECT_TRUE(isos[0].nodes.empty());
  ASSERT_EQ(isos[0].pieces.size(), 2u);
  for (const EdgePiece& p : isos[0].pieces) EXPECT_NEAR(p.to - p.from, 0.1, 1e-3);
}

TEST(RouteClosures, SpeedFactorAreaAndExactUndo) {
  const RoadGraph g = line_graph(4);
  Closures closures(g);
  const size_t p = closures.add_profile("car", plain_weights(g));
  const RoutePoint a = node_point(g, 0), d = node_point(g, 3);
  const Route before = route(closures.network(p), a, d);
  // The middle segment only (x in 1.2 .. 1.8).
  EXPECT_EQ(closures.add(slow_area("works", box(1.2, -0.5, 1.8, 0.5), 0.3)), 2u);
  const EdgeId mid = g.segment_edge[2];
  EXPECT_EQ(closures.weights(p)[mid], slowed_weight(closures.base_weights(p)[mid], 0.3));
  EXPECT_EQ(closures.weights(p)[mid], static_cast<uint32_t>(std::ceil(closures.base_weights(p)[mid] / 0.3)));
  const Route slow = route(closures.network(p), a, d);
  EXPECT_EQ(slow.time_ms, before.time_ms - closures.base_weights(p)[mid] + closures.weights(p)[mid]);
  // A slower overlapping area wins; removing it brings back the first.
  closures.add(slow_area("flood", box(1.4, -0.5, 2.5, 0.5), 0.1));
  EXPECT_EQ(closures.weights(p)[mid], slowed_weight(closures.base_weights(p)[mid], 0.1));
  EXPECT_TRUE(closures.remove("flood"));
  EXPECT_EQ(closures.weights(p)[mid], slowed_weight(closures.base_weights(p)[mid], 0.3));
  EXPECT_TRUE(closures.remove("works"));
  EXPECT_FALSE(closures.remove("works"));
  const Route after = route(closures.network(p), a, d);
  EXPECT_EQ(after.time_ms, before.time_ms);
  EXPECT_EQ(after.edges, before.edges);
  EXPECT_TRUE(std::equal(closures.weights(p).begin(), closures.weights(p).end(), closures.base_weights(p).begin()));
}

TEST(RouteClosures, AreaLineAndEdgeClosuresDetourAndRestore) {
  const RoadGraph g = grid_graph(3, 3, 3);
  Closures closures(g);
  const size_t p = closures.add_profile("walk", plain_weights(g));
  const size_t q = closures.add_profile("slow", plain_weights(g, 10));
  const RoutePoint a = node_point(g, 0), c = node_point(g, 8);
  const Route before = route(closures.network(p), a, c);
  ASSERT_TRUE(before.reachable);

  // Closing the centre node's surroundings forces a trip along the edge of the grid (or none).
  EXPECT_GT(closures.add(closed_area("flood", box(0.8, 0.8, 1.2, 1.2))), 0u);
  for (EdgeId e : closures.touched_edges("flood")) {
    EXPECT_EQ(closures.weights(p)[e], kUnreachable);
    EXPECT_EQ(closures.weights(q)[e], kUnreachable);
    EXPECT_TRUE(g.head[e] == 4 || g.tail[e] == 4);
  }
  const Route detour = route(closures.network(p), a, c);
  if (detour.reachable) {
    for (EdgeId e : detour.edges) EXPECT_TRUE(g.head[e] != 4 && g.tail[e] != 4);
    EXPECT_GE(detour.time_ms, before.time_ms);
  }
  // A line across the first row's first road, and one edge by id.
  const LonLat l0 = grid_at(0.5, -0.5), l1 = grid_at(0.5, 0.5);
  char text[160];
  std::snprintf(text, sizeof text, "LINESTRING(%.7f %.7f,%.7f %.7f)", l0.lon, l0.lat, l1.lon, l1.lat);
  const size_t line_edges = closures.add(closed_line("cut", {wkb(text)}));
  EXPECT_TRUE(line_edges == 0 || line_edges == 2);
  closures.add(closed_edge("one", g.first_out[0]));
  EXPECT_EQ(closures.weights(p)[g.first_out[0]], kUnreachable);
  EXPECT_EQ(closures.size(), 3u);
  EXPECT_EQ(closures.ids(), (std::vector<std::string>{"cut", "flood", "one"}));

  closures.remove("flood");
  closures.remove("one");
  closures.remove("cut");
  const Route after = route(closures.network(p), a, c);
  EXPECT_EQ(after.time_ms, before.time_ms);
  EXPECT_EQ(after.edges, before.edges);
  for (size_t k : {p, q})
    EXPECT_TRUE(std::equal(closures.weights(k).begin(), closures.weights(k).end(), closures.base_weights(k).begin()));
}

TEST(RouteClosures, RejectsBadBarriers) {
  const RoadGraph g = line_graph(3);
  Closures closures(g);
  closures.add_profile("car", plain_weights(g));
  EXPECT_THROW(closures.add_profile("car", plain_weights(g)), Error);
  EXPECT_THROW(closures.add_profile("short", std::vector<uint32_t>(1)), Error);
  EXPECT_THROW(closures.profile_index("boat"), Error);
  EXPECT_EQ(closures.profile_index("car"), 0u);
  closures.add(closed_edge("e", 0));
  EXPECT_THROW(closures.add(closed_edge("e", 1)), Error);
  EXPECT_THROW(closures.add(closed_edge("", 1)), Error);
  EXPECT_THROW(closures.add(closed_edge("far", g.edge_count())), Error);
  EXPECT_THROW(closures.add(slow_area("zero", box(0, 0, 1, 1), 0.0)), Error);
  EXPECT_THROW(closures.add(slow_area("fast", box(0, 0, 1, 1), 1.5)), Error);
  EXPECT_THROW(closures.add(closed_area("garbage", {"not wkb"})), Error);
  EXPECT_THROW(closures.add(closed_area("none", {})), Error);
  EXPECT_THROW(closures.add(closed_line("area-as-line", box(0, 0, 1, 1))), Error);
  EXPECT_EQ(closures.size(), 1u);
  // Barriers present apply to a profile registered later.
  const size_t late = closures.add_profile("late", plain_weights(g));
  EXPECT_EQ(closures.weights(late)[0], kUnreachable);
}

}  // namespace
}  // namespace erde::test
