#include <gtest/gtest.h>

#include "dispatch/road_times.hpp"
#include "fixtures.hpp"
#include "graph/road_graph_builder.hpp"

namespace erde {
namespace {

using C = Capability;

// A tunnel A-B (1 km, primary) and a detour A-C-B (residential) around it; a lone road far away.
std::unique_ptr<LiveRoads> tunnel_town() {
  RoadGraphBuilder b;
  NodeId a = b.add_node({113.000, 23.000});
  NodeId bb = b.add_node({113.00978, 23.000});
  NodeId c = b.add_node({113.0049, 23.006});
  NodeId f1 = b.add_node({114.000, 24.000});
  NodeId f2 = b.add_node({114.001, 24.000});
  auto road = [](NodeId from, NodeId to, LonLat p, LonLat q, RoadClass cls, uint8_t flags = 0) {
    SegmentSpec s;
    s.from = from;
    s.to = to;
    s.shape = {p, q};
    s.road_class = cls;
    s.flags = flags;
    return s;
  };
  b.add_segment(road(a, bb, {113.000, 23.000}, {113.00978, 23.000}, RoadClass::primary, edge_flag::kTunnel));
  b.add_segment(road(a, c, {113.000, 23.000}, {113.0049, 23.006}, RoadClass::residential));
  b.add_segment(road(c, bb, {113.0049, 23.006}, {113.00978, 23.000}, RoadClass::residential));
  b.add_segment(road(f1, f2, {114.000, 24.000}, {114.001, 24.000}, RoadClass::residential));
  return std::make_unique<LiveRoads>(make_dispatch_index(std::move(b).build(),
                             load_profiles(std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json"), 200));
}

TEST(RoadTimes, TeamsDriveWithTheProfileOfTheirKind) {
  auto roads = tunnel_town();
  Team fire = test::team("FIRE", {C::fire_fighting});
  fire.kind = TeamKind::fire_rescue;
  Team hazmat = test::team("HAZ", {C::hazmat, C::fire_fighting});
  hazmat.kind = TeamKind::fire_rescue;
  Team far = test::team("FAR", {C::drainage});
  far.base = {114.0005, 24.0};
  fire.base = hazmat.base = {113.0, 23.0};
  EXPECT_EQ(team_profile(hazmat), "hazmat");
  EXPECT_EQ(team_profile(fire), "fire_engine");
  EXPECT_EQ(team_profile(far), "rescue_truck");
  std::vector<Team> teams = {fire, hazmat, far};
  std::vector<double> eta = team_travel_times(*roads, teams, {113.00978, 23.0});
  ASSERT_EQ(eta.size(), 3u);
  EXPECT_TRUE(reachable(eta[0]));
  EXPECT_TRUE(reachable(eta[1]));
  // The hazmat truck may not use the tunnel: the detour is longer and slower.
  EXPECT_GT(eta[1], eta[0]);
  // The 1 km tunnel at no more than 100 km/h takes at least 36 s.
  EXPECT_GT(eta[0], 36.0);
  EXPECT_FALSE(reachable(eta[2]));  // on a road not connected to the incident
}

TEST(RoadTimes, WalkingMatrixAndDepots) {
  auto roads = tunnel_town();
  std::vector<LonLat> from = {{113.0, 23.0}, {120.0, 30.0}};  // the second is far from any road
  std::vector<LonLat> to = {{113.00978, 23.0}};
  TravelMatrix m = walking_times(*roads, from, to);
  ASSERT_EQ(m.rows, 2u);
  EXPECT_TRUE(reachable(m.at(0, 0)));
  EXPECT_FALSE(reachable(m.at(1, 0)));
  // Walking 1 km takes far longer than driving it.
  EXPECT_GT(m.at(0, 0), 400.0);
  Depot d = test::depot("D", {});
  d.location = {113.0, 23.0};
  std::vector<Depot> depots = {d};
  EXPECT_TRUE(reachable(depot_travel_times(*roads, depots, {113.00978, 23.0})[0]));
}

}  // namespace
}  // namespace erde

namespace erde {
namespace {

TEST(RoadTimes, TeamRoutesFollowTheirProfile) {
  auto roads = tunnel_town();
  Team fire = test::team("FIRE", {Capability::fire_fighting});
  fire.kind = TeamKind::fire_rescue;
  Team hazmat = test::team("HAZ", {Capability::hazmat});
  fire.base = hazmat.base = {113.0, 23.0};
  const LonLat scene{113.00978, 23.0};
  // The fire engine goes straight through the tunnel: two points, base to scene.
  std::vector<LonLat> direct = team_route(*roads, fire, scene);
  ASSERT_EQ(direct.size(), 2u);
  EXPECT_NEAR(direct.front().lon, 113.0, 1e-9);
  EXPECT_NEAR(direct.back().lon, 113.00978, 1e-9);
  // The hazmat truck detours through C (113.0049, 23.006).
  std::vector<LonLat> detour = team_route(*roads, hazmat, scene);
  ASSERT_EQ(detour.size(), 3u);
  EXPECT_NEAR(detour[1].lat, 23.006, 1e-9);
  // No road connects the far-away road to the scene.
  Team far = test::team("FAR", {Capability::drainage});
  far.base = {114.0005, 24.0};
  EXPECT_TRUE(team_route(*roads, far, scene).empty());
}

}  // namespace
}  // namespace erde
