#include <gtest/gtest.h>

#include "graph/distance.hpp"
#include "graph/profile.hpp"
#include "graph/road_graph_builder.hpp"
#include "graph/tiny_graphs.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

using test::at;
using test::seg;

TEST(RoadClass, ParsesLinksIntoParents) {
  EXPECT_EQ(parse_road_class("primary_link"), RoadClass::primary);
  EXPECT_EQ(parse_road_class("motorway_link"), RoadClass::motorway);
  EXPECT_EQ(parse_road_class("steps"), RoadClass::steps);
  EXPECT_FALSE(parse_road_class("residential_link"));
  EXPECT_FALSE(parse_road_class("construction"));
  for (int c = 0; c < kRoadClassCount; ++c)
    EXPECT_EQ(parse_road_class(to_string(static_cast<RoadClass>(c))), static_cast<RoadClass>(c));
}

TEST(RoadGraphBuilder, BuildsBothCsrsAndShapes) {
  RoadGraphBuilder b;
  NodeId n0 = b.add_node(at(0, 0)), n1 = b.add_node(at(1, 0)), n2 = b.add_node(at(1, 1));
  SegmentSpec s = seg(n0, n1, RoadClass::primary, 100);
  s.shape = {at(0, 0), at(0.5, 0.2), at(1, 0)};
  s.name = "Hauptstraße";
  b.add_segment(s);
  b.add_segment(seg(n1, n2, RoadClass::residential, 101, Oneway::forward, edge_flag::kTunnel));
  RoadGraph g = std::move(b).build();
  ASSERT_EQ(g.node_count(), 3u);
  ASSERT_EQ(g.edge_count(), 4u);
  ASSERT_EQ(g.segment_count(), 2u);
  EXPECT_EQ(g.segment_name[0], "Hauptstraße");
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    EXPECT_GE(e, g.first_out[g.tail[e]]);
    EXPECT_LT(e, g.first_out[g.tail[e] + 1]);
    EXPECT_EQ(g.segment_edge[2 * g.segment[e] + (g.forward[e] ? 0 : 1)], e);
    auto shape = g.edge_shape(e);
    EXPECT_EQ(shape.front(), g.node(g.tail[e]));
    EXPECT_EQ(shape.back(), g.node(g.head[e]));
  }
  double expect = haversine_m(at(0, 0), at(0.5, 0.2)) + haversine_m(at(0.5, 0.2), at(1, 0));
  EXPECT_NEAR(g.length_m[g.segment_edge[0]], expect, 1e-3);
  EdgeId against = g.segment_edge[3];
  EXPECT_TRUE(g.flags[against] & edge_flag::kAgainstOneway);
  EXPECT_TRUE(g.flags[against] & edge_flag::kTunnel);
  EXPECT_FALSE(g.flags[g.segment_edge[2]] & edge_flag::kAgainstOneway);
  EXPECT_GT(g.memory_bytes(), 0u);
}

TEST(RoadGraphBuilder, RejectsBadSegments) {
  RoadGraphBuilder b;
  NodeId n0 = b.add_node(at(0, 0));
  EXPECT_THROW(b.add_segment(seg(n0, 7, RoadClass::primary, 1)), Error);
  EXPECT_THROW(b.add_node({200, 0}), Error);
  NodeId n1 = b.add_node(at(1, 0));
  SegmentSpec s = seg(n0, n1, RoadClass::primary, 2);
  s.shape = {at(0, 0), at(3, 3)};
  EXPECT_THROW(b.add_segment(s), Error);
}

TEST(Profiles, ShippedFileLoads) {
  auto all = load_profiles(ERDE_SOURCE_DIR "/geodata/profiles.json");
  ASSERT_EQ(all.size(), 4u);
  Profile walking = load_profile(ERDE_SOURCE_DIR "/geodata/profiles.json", "walking");
  EXPECT_FALSE(walking.obey_oneway);
  EXPECT_EQ(walking.speed_kmh[static_cast<size_t>(RoadClass::motorway)], 0);
  Profile hazmat = load_profile(ERDE_SOURCE_DIR "/geodata/profiles.json", "hazmat");
  EXPECT_TRUE(hazmat.avoid_tunnels);
  try {
    load_profile(ERDE_SOURCE_DIR "/geodata/profiles.json", "ambulance");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no profile 'ambulance'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace erde
