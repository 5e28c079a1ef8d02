// The live road object against plain Dijkstra over its own effective weights (which
// closures_oracle_test checks against brute force, and oracle_test against Boost.Graph): routes,
// matrices, nearest and prepared one-to-many times through waves of random closures, the exact
// original answers once every closure is lifted, and the closures it refuses.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geo/geos_context.hpp"
#include "graph/distance.hpp"
#include "route/live_roads.hpp"
#include "route/matrix.hpp"
#include "route/nearest.hpp"
#include "route/route.hpp"
#include "test_data.hpp"
#include "util/error.hpp"

namespace erde::test {
namespace {

Geometry polygon_around(GeosContext& geos, LonLat c, double r, int corners) {
  const LocalPlane plane(c.lon, c.lat);
  std::string wkt = "POLYGON((";
  for (int i = 0; i <= corners; ++i) {
    const LonLat p = plane.unproject(r * std::cos(2 * M_PI * (i % corners) / corners),
                                     r * std::sin(2 * M_PI * (i % corners) / corners));
    char xy[64];
    std::snprintf(xy, sizeof xy, "%s%.7f %.7f", i ? "," : "", p.lon, p.lat);
    wkt += xy;
  }
  return {geos.to_wkb(geos.from_wkt(wkt + "))").get())};
}

struct Answers {
  std::vector<uint32_t> times, to_target, from_source, nearest;
  bool operator==(const Answers&) const = default;
};

// Every query kind through the live roads, each checked against plain Dijkstra on the way.
Answers checked_answers(const LiveRoads& live, size_t p, const std::vector<LonLat>& places) {
  const Network net = live.network(p);
  std::vector<RoutePoint> pts;
  for (LonLat x : places) pts.push_back(live.snap(p, x));
  Answers a;
  for (size_t i = 0; i < 4; ++i)
    for (size_t j = 0; j < pts.size(); ++j) {
      const Route fast = live.route(p, pts[i], pts[j]);
      const Route slow = route(net, pts[i], pts[j]);
      EXPECT_EQ(fast.reachable, slow.reachable) << i << "->" << j;
      if (fast.reachable && slow.reachable) {
        EXPECT_EQ(fast.time_ms, slow.time_ms) << i << "->" << j;
      }
      a.times.push_back(fast.reachable ? fast.time_ms : kUnreachable);
    }
  const std::span<const LonLat> rest = std::span(places).subspan(1);
  const std::span<const RoutePoint> rest_pts = std::span(pts).subspan(1);
  a.to_target = live.times_to(p, rest, pts[0]);
  a.from_source = live.times_from(p, pts[0], rest);
  const TimeMatrix to = matrix(net, rest_pts, std::span(pts).subspan(0, 1));
  const TimeMatrix from = matrix(net, std::span(pts).subspan(0, 1), rest_pts);
  for (size_t k = 0; k < rest.size(); ++k) {
    EXPECT_EQ(a.to_target[k], to.time(k, 0)) << k;
    EXPECT_EQ(a.from_source[k], from.time(0, k)) << k;
  }
  NearestOptions o;
  o.k = 5;
  const std::vector<NearestResource> fast = live.nearest(p, rest, pts[0], o);
  const std::vector<NearestResource> slow = nearest(net, pts[0], rest_pts, o);
  EXPECT_EQ(fast.size(), slow.size());
  for (size_t k = 0; k < std::min(fast.size(), slow.size()); ++k) {
    EXPECT_EQ(fast[k].eta_ms, slow[k].eta_ms) << k;
    a.nearest.push_back(fast[k].eta_ms);
  }
  return a;
}

void check_live_roads(RoadGraph graph, std::vector<Profile> profiles, uint32_t seed, int rounds) {
  std::mt19937 rng(seed);
  LiveRoads live(make_road_index(std::move(graph), std::move(profiles), 500));
  const RoadGraph& g = live.graph();
  GeosContext geos;
  std::vector<std::vector<LonLat>> places;
  std::vector<Answers> original;
  for (size_t p = 0; p < live.profile_count(); ++p) {
    places.emplace_back();
    for (const RoutePoint& rp : random_points(g, live.weights(p), 40, rng)) places.back().push_back(rp.point);
    original.push_back(checked_answers(live, p, places[p]));
  }
  std::vector<std::string> active;
  int next_id = 0;
  for (int round = 0; round < rounds; ++round) {
    SCOPED_TRACE("closure round " + std::to_string(round));
    for (int add = 1 + static_cast<int>(rng() % 3); add > 0; --add) {
      const LonLat c = g.node(static_cast<NodeId>(rng() % g.node_count()));
      const std::string id = "b" + std::to_string(next_id++);
      const Barrier b = rng() % 3 == 0 ? slow_area(id, polygon_around(geos, c, 300, 5), 0.5)
                                       : closed_area(id, polygon_around(geos, c, 40.0 + static_cast<double>(rng() % 400), 6));
      const bool touches = !live.edges_of(b).empty();
      if (!touches) {
        EXPECT_THROW(live.close(b), Error);
        continue;
      }
      EXPECT_GT(live.close(b), 0u);
      active.push_back(id);
    }
    if (active.size() > 3) {
      const size_t gone = rng() % active.size();
      ASSERT_TRUE(live.reopen(active[gone]));
      active.erase(active.begin() + static_cast<std::ptrdiff_t>(gone));
    }
    for (size_t p = 0; p < live.profile_count(); ++p) checked_answers(live, p, places[p]);
  }
  for (const std::string& id : active) ASSERT_TRUE(live.reopen(id));
  EXPECT_FALSE(live.reopen("never-added"));
  for (size_t p = 0; p < live.profile_count(); ++p)
    EXPECT_TRUE(checked_answers(live, p, places[p]) == original[p]) << "answers changed after every closure was lifted";
}

std::vector<Profile> dispatch_profiles() {
  std::vector<Profile> out;
  for (const Profile& p : load_profiles(std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json"))
    if (p.name == "fire_engine" || p.name == "walking") out.push_back(p);
  return out;
}

TEST(LiveRoads, SyntheticGrid) { check_live_roads(grid_graph(30, 30, 5), {car_profile()}, 71, scaled(20)); }

TEST(LiveRoads, Monaco) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "monaco.osm.pbf");
  check_live_roads(net->graph, dispatch_profiles(), 81, scaled(10));
}

TEST(LiveRoads, Heidelberg) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "heidelberg.osm.pbf");
  check_live_roads(net->graph, dispatch_profiles(), 91, scaled(5));
}

// A closure that would close nothing is refused, and so is a polygon GEOS calls invalid; both
// leave the roads as they were.
TEST(LiveRoads, RefusesClosuresThatCloseNothing) {
  LiveRoads live(make_road_index(grid_graph(10, 10, 3), {car_profile()}, 500));
  GeosContext geos;
  const std::vector<uint32_t> before = live.weights(0);
  const Barrier far = closed_area("far", polygon_around(geos, {9.5, 50.5}, 200, 6));
  try {
    live.close(far);
    ADD_FAILURE() << "a closure far from every road was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("touches no road"), std::string::npos) << e.what();
  }
  const LonLat c = grid_at(5, 5);
  char wkt[256];  // a bow tie: self-intersecting, so GEOS cannot say what is inside
  std::snprintf(wkt, sizeof wkt, "POLYGON((%.6f %.6f,%.6f %.6f,%.6f %.6f,%.6f %.6f,%.6f %.6f))", c.lon - 0.002,
                c.lat - 0.002, c.lon + 0.002, c.lat + 0.002, c.lon + 0.002, c.lat - 0.002, c.lon - 0.002, c.lat + 0.002,
                c.lon - 0.002, c.lat - 0.002);
  const Barrier bow = closed_area("bow", {geos.to_wkb(geos.from_wkt(wkt).get())});
  try {
    live.close(bow);
    ADD_FAILURE() << "a self-intersecting polygon was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not a valid polygon"), std::string::npos) << e.what();
  }
  EXPECT_EQ(live.closures().size(), 0u);
  EXPECT_TRUE(before == live.weights(0));
  // The same square, valid, closes roads and is lifted again.
  EXPECT_GT(live.close(closed_area("ok", polygon_around(geos, c, 150, 4))), 0u);
  EXPECT_FALSE(before == live.weights(0));
  EXPECT_TRUE(live.reopen("ok"));
  EXPECT_TRUE(before == live.weights(0));
}

}  // namespace
}  // namespace erde::test
