// Evacuation walking trips from the roads: the search bound never changes the allocation, and
// every route is a shortest walk (Boost.Graph Dijkstra oracle) from the gather point's road
// position to the shelter's.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "dispatch/evacuation.hpp"
#include "dispatch/walking_trips.hpp"
#include "fixtures.hpp"
#include "graph/import.hpp"
#include "graph/road_graph_builder.hpp"
#include "plan_every_time.hpp"
#include "route/oracle.hpp"
#include "route/snapped.hpp"

namespace erde {
namespace {

const std::string kProfiles = std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json";

// One straight residential street west to east at 23.0 N; node k at 113.0 + k * 0.001 E
// (about 102 m apart).
std::unique_ptr<LiveRoads> street(int nodes) {
  RoadGraphBuilder b;
  std::vector<NodeId> n;
  for (int k = 0; k < nodes; ++k) n.push_back(b.add_node({113.0 + k * 0.001, 23.0}));
  for (int k = 0; k + 1 < nodes; ++k) {
    SegmentSpec s;
    s.from = n[k];
    s.to = n[k + 1];
    s.shape = {{113.0 + k * 0.001, 23.0}, {113.0 + (k + 1) * 0.001, 23.0}};
    b.add_segment(s);
  }
  return std::make_unique<LiveRoads>(make_dispatch_index(std::move(b).build(), load_profiles(kProfiles), 200));
}

// Shelters on the street 1, 2, 3, 4 nodes east of the gather point at node 0, 10 places each.
TEST(WalkingTrips, SearchesOnlyAsFarAsThePeopleNeedShelters) {
  auto roads = street(6);
  const std::vector<LonLat> from = {{113.0, 23.0}};
  const std::vector<LonLat> to = {{113.001, 23.0}, {113.002, 23.0}, {113.003, 23.0}, {113.004, 23.0}};
  const std::vector<int64_t> places = {10, 10, 10, 10};
  // 15 people fit in the two nearest; the third is found to show nothing else is as near.
  WalkingTrips t = walking_trips(*roads, {from, to, places, 15});
  EXPECT_TRUE(reachable(t.seconds.at(0, 0)));
  EXPECT_TRUE(reachable(t.seconds.at(0, 1)));
  EXPECT_TRUE(reachable(t.seconds.at(0, 2)));
  EXPECT_FALSE(reachable(t.seconds.at(0, 3)));
  // Times grow with distance at the walking speed (4.5 km/h): 102.3 m per node.
  const double per_node = test::haversine_m({113.0, 23.0}, {113.001, 23.0}) / (4.5 / 3.6);
  for (size_t j = 0; j < 3; ++j) EXPECT_NEAR(t.seconds.at(0, j), per_node * static_cast<double>(j + 1), 0.01);
  // 35 people need every shelter.
  t = walking_trips(*roads, {from, to, places, 35});
  for (size_t j = 0; j < 4; ++j) EXPECT_TRUE(reachable(t.seconds.at(0, j))) << j;
  // A shelter without free places is never searched for; the next one takes its turn.
  const std::vector<int64_t> first_full = {0, 10, 10, 10};
  t = walking_trips(*roads, {from, to, first_full, 15});
  EXPECT_FALSE(reachable(t.seconds.at(0, 0)));
  EXPECT_TRUE(reachable(t.seconds.at(0, 3)));
  // Nobody to move: nothing searched.
  t = walking_trips(*roads, {from, to, places, 0});
  for (size_t j = 0; j < 4; ++j) EXPECT_FALSE(reachable(t.seconds.at(0, j)));
}

TEST(WalkingTrips, SheltersAsNearAsTheLastNeededOneAreAllKept) {
  auto roads = street(5);
  // Gather point at node 2; three shelters one node away (two share a site east, one west), one
  // two nodes away. Five people fit in any one of the three: all three are kept all the same.
  const std::vector<LonLat> from = {{113.002, 23.0}};
  const std::vector<LonLat> to = {{113.003, 23.0}, {113.001, 23.0}, {113.003, 23.0}, {113.0, 23.0}};
  const std::vector<int64_t> places = {10, 10, 10, 10};
  WalkingTrips t = walking_trips(*roads, {from, to, places, 5});
  for (size_t j = 0; j < 3; ++j) ASSERT_TRUE(reachable(t.seconds.at(0, j))) << j;
  EXPECT_EQ(t.seconds.at(0, 0), t.seconds.at(0, 1));
  EXPECT_EQ(t.seconds.at(0, 0), t.seconds.at(0, 2));
}

TEST(WalkingTrips, SheltersAsNearAsTheOneCompletingThePlacesAreAllKept) {
  auto roads = street(5);
  // Gather point at node 2; one shelter a node west, three two nodes away (west, and two sharing
  // a site east). Fifteen people need the near one and one of the three: all three are kept.
  const std::vector<LonLat> from = {{113.002, 23.0}};
  const std::vector<LonLat> to = {{113.001, 23.0}, {113.004, 23.0}, {113.0, 23.0}, {113.004, 23.0}};
  const std::vector<int64_t> places = {10, 10, 10, 10};
  WalkingTrips t = walking_trips(*roads, {from, to, places, 15});
  for (size_t j = 0; j < 4; ++j) ASSERT_TRUE(reachable(t.seconds.at(0, j))) << j;
  EXPECT_EQ(t.seconds.at(0, 1), t.seconds.at(0, 3));
  EXPECT_NEAR(t.seconds.at(0, 1), t.seconds.at(0, 2), 0.002);
}

TEST(WalkingTrips, RouteRunsAlongTheStreetFromGatherPointToShelter) {
  auto roads = street(6);
  const std::vector<LonLat> from = {{113.0005, 23.0004}};  // 44 m north of the street
  const std::vector<LonLat> to = {{113.0035, 23.0}};
  const std::vector<int64_t> places = {100};
  WalkingTrips t = walking_trips(*roads, {from, to, places, 10});
  WalkingRoute r = t.route(0, 0);
  ASSERT_EQ(r.geometry.size(), 5u);  // the two road positions and the three nodes between
  EXPECT_NEAR(r.geometry.front().lon, 113.0005, 1e-9);
  EXPECT_NEAR(r.geometry.front().lat, 23.0, 1e-9);
  EXPECT_NEAR(r.geometry.back().lon, 113.0035, 1e-9);
  const double metres = test::haversine_m({113.0005, 23.0}, {113.0035, 23.0});
  EXPECT_NEAR(r.metres, metres, 0.5);
  EXPECT_NEAR(r.seconds, metres / (4.5 / 3.6), 0.01);
  EXPECT_DOUBLE_EQ(r.seconds, t.seconds.at(0, 0));
}

// Heidelberg: gather points in clusters, 60 shelters with varied (some zero) places.
struct Heidelberg {
  std::unique_ptr<LiveRoads> roads;
  std::vector<LonLat> from, to;
  std::vector<int64_t> places;
};

const Heidelberg* heidelberg() {
  static const std::unique_ptr<Heidelberg> h = []() -> std::unique_ptr<Heidelberg> {
    const std::string pbf = std::string(ERDE_SHARED_GEODATA) + "/heidelberg.osm.pbf";
    if (!std::filesystem::exists(pbf)) return nullptr;
    auto out = std::make_unique<Heidelberg>();
    out->roads = std::make_unique<LiveRoads>(make_dispatch_index(import_osm_pbf(pbf), load_profiles(kProfiles), 500));
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lon(8.64, 8.72), lat(49.38, 49.42), jitter(-0.002, 0.002);
    for (int c = 0; c < 3; ++c) {
      const LonLat centre{lon(rng), lat(rng)};
      for (int k = 0; k < 5; ++k) out->from.push_back({centre.lon + jitter(rng), centre.lat + jitter(rng)});
    }
    std::uniform_int_distribution<int> size(0, 6);
    for (int j = 0; j < 60; ++j) {
      out->to.push_back({lon(rng), lat(rng)});
      const int s = size(rng);
      out->places.push_back(s == 0 ? 0 : 150 * s);
    }
    return out;
  }();
  return h.get();
}

PopulationEstimate people_at(size_t areas, int64_t each) {
  PopulationEstimate p;
  for (size_t i = 0; i < areas; ++i) {
    AreaExposure a;
    a.area_id = test::numbered("A", 100 + i);
    a.population = a.affected = static_cast<double>(each);
    a.fraction = 1.0;
    p.areas.push_back(a);
    p.total += a.affected;
  }
  return p;
}

std::vector<Shelter> shelters_at(const std::vector<LonLat>& where) {
  std::vector<Shelter> out;
  for (size_t j = 0; j < where.size(); ++j) out.push_back(test::shelter(test::numbered("S", 100 + j), 0, where[j]));
  return out;
}

TEST(WalkingTrips, BoundNeverChangesTheAllocationOnHeidelberg) {
  const Heidelberg* h = heidelberg();
  if (!h) GTEST_SKIP() << "../shared/geodata/heidelberg.osm.pbf not found";
  const TravelMatrix every = test::dijkstra_walking(*h->roads, h->from, h->to);
  const std::vector<Shelter> shelters = shelters_at(h->to);
  int64_t all_places = 0;
  for (int64_t p : h->places) all_places += p;
  // From a few people (the nearest shelter holds them) to more than every shelter holds.
  for (int64_t each : {int64_t{5}, int64_t{100}, int64_t{400}, int64_t{2000}, all_places}) {
    SCOPED_TRACE(each);
    const PopulationEstimate pop = people_at(h->from.size(), each);
    const int64_t people = each * static_cast<int64_t>(h->from.size());
    const WalkingTrips bounded = walking_trips(*h->roads, {h->from, h->to, h->places, people});
    size_t kept = 0, known = 0;
    for (size_t i = 0; i < every.rows; ++i)
      for (size_t j = 0; j < every.cols; ++j) {
        if (reachable(every.at(i, j)) && h->places[j] > 0) ++known;
        if (!reachable(bounded.seconds.at(i, j))) continue;
        ++kept;
        EXPECT_EQ(bounded.seconds.at(i, j), every.at(i, j)) << i << "," << j;
      }
    if (people < all_places / 4) {
      EXPECT_LT(kept, known / 2);  // the bound does cut the search
    }
    const EvacuationPlan a = allocate_shelters(pop, shelters, h->places, every);
    const EvacuationPlan b = allocate_shelters(pop, shelters, h->places, bounded.seconds, bounded.route);
    EXPECT_EQ(a.placed, b.placed);
    ASSERT_EQ(a.allocations.size(), b.allocations.size());
    for (size_t k = 0; k < a.allocations.size(); ++k) {
      EXPECT_EQ(a.allocations[k].area_id, b.allocations[k].area_id);
      EXPECT_EQ(a.allocations[k].shelter_id, b.allocations[k].shelter_id);
      EXPECT_EQ(a.allocations[k].people, b.allocations[k].people);
      EXPECT_EQ(a.allocations[k].walk_s, b.allocations[k].walk_s);
    }
    if (people >= all_places) {
      EXPECT_GT(b.unplaced_total, 0);
    }
  }
}

TEST(WalkingTrips, RoutesAreShortestWalksOnHeidelberg) {
  const Heidelberg* h = heidelberg();
  if (!h) GTEST_SKIP() << "../shared/geodata/heidelberg.osm.pbf not found";
  const LiveRoads& roads = *h->roads;
  const size_t walking = roads.profile("walking");
  // Every trip the search keeps (people enough to need several shelters per point).
  const WalkingTrips t = walking_trips(roads, {h->from, h->to, h->places, 3000});
  std::vector<RoutePoint> points;
  for (LonLat p : h->from) points.push_back(roads.snap(walking, p));
  for (LonLat p : h->to) points.push_back(roads.snap(walking, p));
  const test::Oracle oracle(roads.graph(), roads.weights(walking), points);
  size_t checked = 0;
  for (size_t i = 0; i < h->from.size(); ++i) {
    const std::vector<uint64_t> dist = oracle.times(oracle.vertex(i));
    for (size_t j = 0; j < h->to.size(); ++j) {
      if (!reachable(t.seconds.at(i, j))) continue;
      ++checked;
      const WalkingRoute r = t.route(i, j);
      const uint64_t expected_ms = dist[oracle.vertex(h->from.size() + j)];
      EXPECT_EQ(static_cast<uint64_t>(std::llround(r.seconds * 1000)), expected_ms);
      EXPECT_DOUBLE_EQ(r.seconds, t.seconds.at(i, j));
      // Starts on the road nearest the gather point, ends on the road nearest the shelter.
      ASSERT_GE(r.geometry.size(), 2u);
      EXPECT_LT(test::haversine_m(r.geometry.front(), points[i].point), 0.01);
      EXPECT_LT(test::haversine_m(r.geometry.back(), points[h->from.size() + j].point), 0.01);
      EXPECT_LE(test::haversine_m(r.geometry.front(), h->from[i]), 500.0);
      EXPECT_LE(test::haversine_m(r.geometry.back(), h->to[j]), 500.0);
      // Its length is the length of its polyline, and at least the straight line.
      double along = 0;
      for (size_t k = 1; k < r.geometry.size(); ++k) along += test::haversine_m(r.geometry[k - 1], r.geometry[k]);
      EXPECT_NEAR(r.metres, along, 0.001 * along + 0.5);
      EXPECT_GE(r.metres + 0.5, test::haversine_m(r.geometry.front(), r.geometry.back()));
      // No faster than the walking speed (4.5 km/h, steps slower).
      EXPECT_GE(r.seconds + 0.01, r.metres / (4.5 / 3.6));
    }
  }
  EXPECT_GT(checked, h->from.size());
}

}  // namespace
}  // namespace erde

namespace erde {
namespace {

// The index's walking times (prepared shelters, one search per gather point) equal plain Dijkstra's.
TEST(WalkingTrips, IndexTimesEqualDijkstraOnHeidelberg) {
  const Heidelberg* h = heidelberg();
  if (!h) GTEST_SKIP() << "../shared/geodata/heidelberg.osm.pbf not found";
  const TravelMatrix every = test::dijkstra_walking(*h->roads, h->from, h->to);
  const TravelMatrix index = walking_times(*h->roads, h->from, h->to);
  size_t reached = 0;
  for (size_t i = 0; i < every.rows; ++i)
    for (size_t j = 0; j < every.cols; ++j) {
      EXPECT_EQ(index.at(i, j), every.at(i, j)) << i << "," << j;
      reached += reachable(every.at(i, j)) ? 1 : 0;
    }
  EXPECT_GT(reached, every.rows * every.cols / 2);
}

}  // namespace
}  // namespace erde
