// Reach-aware snapping on a bureau-style line layer (a GeoJSON file read through GDAL): a square
// of two-way streets, a one-way exit lane into it (can only be left), a one-way stub out of it
// (can only be entered) and a lone street. Trips start and end on the stubs' own roads, with
// the times plain Dijkstra gives over the whole directed graph; cutting to the largest strongly
// connected component used to move both stubs' places onto the square.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include "graph/distance.hpp"
#include "graph/import.hpp"
#include "graph/reach.hpp"
#include "route/live_roads.hpp"
#include "route/route.hpp"
#include "test_data.hpp"

namespace erde::test {
namespace {

constexpr LonLat kA{113.000, 23.000}, kB{113.002, 23.000}, kC{113.002, 23.002}, kD{113.000, 23.002};
constexpr LonLat kExit{112.998, 23.000};  // one-way exit lane: exit -> A
constexpr LonLat kStub{113.004, 23.000};  // one-way stub: B -> stub
constexpr LonLat kLone1{113.010, 23.010}, kLone2{113.011, 23.010};

std::string line(int id, LonLat a, LonLat b, const char* oneway) {
  char buf[320];
  std::snprintf(buf, sizeof buf,
                R"({"type":"Feature","properties":{"id":%d,"highway":"residential","oneway":"%s","name":"r%d"},)"
                R"("geometry":{"type":"LineString","coordinates":[[%.6f,%.6f],[%.6f,%.6f]]}})",
                id, oneway, id, a.lon, a.lat, b.lon, b.lat);
  return buf;
}

struct StubTown {
  std::filesystem::path file = std::filesystem::temp_directory_path() / ("erde_stub_town_" + std::to_string(::getpid()) + ".geojson");
  std::unique_ptr<LiveRoads> live;
  StubTown() {
    std::ofstream out(file);
    out << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[)"
        << line(1, kA, kB, "no") << "," << line(2, kB, kC, "no") << "," << line(3, kC, kD, "no") << ","
        << line(4, kD, kA, "no") << "," << line(5, kExit, kA, "yes") << "," << line(6, kB, kStub, "yes") << ","
        << line(7, kLone1, kLone2, "no") << "]}";
    out.close();
    Profile car = car_profile();
    live = std::make_unique<LiveRoads>(make_road_index(open_roads(file.string()), {car}, 200));
  }
  ~StubTown() { std::filesystem::remove(file); }
  int64_t source_of(const RoutePoint& p) const { return live->graph().segment_source_id[p.segment]; }
};

TEST(ReachSnap, ReportsWhatCanOnlyBeLeftOrEntered) {
  const StubTown t;
  const RoadReach& r = t.live->index().reach[0];
  EXPECT_EQ(r.main_nodes, 4u);
  EXPECT_EQ(r.leave_only_nodes, 1u);
  EXPECT_EQ(r.enter_only_nodes, 1u);
  EXPECT_EQ(r.isolated_nodes, 2u);
  const double lane_km = haversine_m(kExit, kA) / 1000, stub_km = haversine_m(kB, kStub) / 1000;
  EXPECT_NEAR(r.leave_only_km, lane_km, 1e-3);
  EXPECT_NEAR(r.enter_only_km, stub_km, 1e-3);
  EXPECT_NEAR(r.isolated_km, haversine_m(kLone1, kLone2) / 1000, 1e-3);
}

TEST(ReachSnap, TripsStartOnTheExitLaneAndEndOnTheStub) {
  const StubTown t;
  const LiveRoads& live = *t.live;
  const LonLat on_lane{112.999, 23.00002}, on_stub{113.003, 23.00002};
  // Starts may use the exit lane; ends may not (nothing leads there), so an end goes to the square.
  EXPECT_EQ(t.source_of(live.snap(0, on_lane, reach::kStart)), 5);
  EXPECT_NE(t.source_of(live.snap(0, on_lane, reach::kEnd)), 5);
  EXPECT_EQ(t.source_of(live.snap(0, on_stub, reach::kEnd)), 6);
  EXPECT_NE(t.source_of(live.snap(0, on_stub, reach::kStart)), 6);
  // Both ways: only the square, as the old cut to the strongly connected component had it.
  EXPECT_NE(t.source_of(live.snap(0, on_lane)), 5);
  EXPECT_NE(t.source_of(live.snap(0, on_stub)), 6);
  // The lone street serves neither: nothing there reaches or is reached from the square.
  EXPECT_FALSE(live.snap(0, {113.0105, 23.0101}, reach::kStart).valid());

  // A team on the exit lane to an incident on the stub: the index's time equals plain Dijkstra
  // over the whole directed graph between the same road positions, and the hand-computed time
  // of lane -> A -> B -> stub at the residential speed.
  const RoutePoint from = live.snap(0, on_lane, reach::kStart), to = live.snap(0, on_stub, reach::kEnd);
  const Route fast = live.route(0, from, to);
  const Route slow = route(live.network(0), from, to);
  ASSERT_TRUE(fast.reachable);
  ASSERT_TRUE(slow.reachable);
  EXPECT_EQ(fast.time_ms, slow.time_ms);
  const double metres = haversine_m(from.point, kA) + haversine_m(kA, kB) + haversine_m(kB, to.point);
  EXPECT_NEAR(fast.time_ms / 1000.0, metres / (30 / 3.6), 0.05 * metres / (30 / 3.6));
  const std::vector<LonLat> team = {on_lane};
  EXPECT_EQ(live.times_to(0, team, to)[0], slow.time_ms);
  // The other way round there is no trip: the lane cannot be entered, the stub not left.
  EXPECT_FALSE(live.route(0, to, from).reachable);
}

// On the shared extracts: trips between random start- and end-snapped places (many of them off
// the main component) through the index equal plain Dijkstra over the whole directed graph.
void check_whole_graph(const RealNetwork& net, uint32_t seed) {
  LiveRoads live(make_road_index(net.graph, {car_profile()}, 500));
  const RoadGraph& g = live.graph();
  const RoadReach& r = live.index().reach[0];
  std::vector<LonLat> starts, ends;
  std::mt19937 rng(seed);
  for (uint32_t s = 0; s < g.segment_count() && (starts.size() < 30 || ends.size() < 30); s += 1 + static_cast<uint32_t>(rng() % 40)) {
    const LonLat p = segment_point(g, s, 0.5).point;
    if (r.segment[s] == reach::kStart && starts.size() < 30) starts.push_back(p);
    if (r.segment[s] == reach::kEnd && ends.size() < 30) ends.push_back(p);
  }
  for (const RoutePoint& p : random_points(g, live.weights(0), 30, rng)) {
    starts.push_back(p.point);
    ends.push_back(p.point);
  }
  size_t off_main = 0, reached = 0;
  for (LonLat a : starts)
    for (size_t k = 0; k < ends.size(); k += 3) {
      const RoutePoint from = live.snap(0, a, reach::kStart), to = live.snap(0, ends[k], reach::kEnd);
      if (!from.valid() || !to.valid()) continue;  // a place on a lone road, far from any other
      off_main += r.segment[from.segment] != reach::kBoth || r.segment[to.segment] != reach::kBoth;
      const Route fast = live.route(0, from, to, false), slow = route(live.network(0), from, to);
      ASSERT_EQ(fast.reachable, slow.reachable);
      if (fast.reachable) {
        EXPECT_EQ(fast.time_ms, slow.time_ms);
        ++reached;
      }
    }
  EXPECT_GT(off_main, 0u);
  EXPECT_GT(reached, starts.size() * ends.size() / 6);
}

TEST(ReachSnap, WholeGraphEqualsDijkstraOnMonaco) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "monaco.osm.pbf");
  check_whole_graph(*net, 3);
}

TEST(ReachSnap, WholeGraphEqualsDijkstraOnHeidelberg) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "heidelberg.osm.pbf");
  check_whole_graph(*net, 5);
}

}  // namespace
}  // namespace erde::test
