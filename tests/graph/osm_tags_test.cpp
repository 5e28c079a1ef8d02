// OSM tag handling on a tiny PBF written by the test with osmium's writer.
#include <gtest/gtest.h>

#include <filesystem>

#include "graph/import.hpp"
#include "graph/tags.hpp"
#include "util/error.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <osmium/builder/attr.hpp>
#include <osmium/io/pbf_output.hpp>
#include <osmium/io/writer.hpp>
#include <osmium/memory/buffer.hpp>
#pragma GCC diagnostic pop

namespace erde {
namespace {

TEST(OsmTags, Parsers) {
  EXPECT_EQ(parse_maxspeed("50"), 50);
  EXPECT_EQ(parse_maxspeed("30 mph"), 48);
  EXPECT_EQ(parse_maxspeed("60 km/h"), 60);
  EXPECT_EQ(parse_maxspeed("none"), 0);
  EXPECT_EQ(parse_maxspeed(""), 0);
  EXPECT_FALSE(parse_maxspeed("walk"));
  EXPECT_FALSE(parse_maxspeed("DE:urban"));
  EXPECT_FALSE(parse_maxspeed("50;30"));
  EXPECT_EQ(parse_oneway("yes"), Oneway::forward);
  EXPECT_EQ(parse_oneway("1"), Oneway::forward);
  EXPECT_EQ(parse_oneway("true"), Oneway::forward);
  EXPECT_EQ(parse_oneway("-1"), Oneway::backward);
  EXPECT_EQ(parse_oneway("reverse"), Oneway::backward);
  EXPECT_EQ(parse_oneway("no"), Oneway::no);
  EXPECT_FALSE(parse_oneway("reversible"));
  EXPECT_EQ(access_flags("no"), edge_flag::kNoMotorVehicles);
  EXPECT_EQ(access_flags("private"), edge_flag::kPrivate);
  EXPECT_EQ(access_flags("destination"), edge_flag::kPrivate);
  EXPECT_EQ(access_flags("yes"), 0);
  EXPECT_TRUE(is_tunnel("yes"));
  EXPECT_FALSE(is_tunnel("building_passage"));
  EXPECT_FALSE(is_tunnel("no"));
}

using namespace osmium::builder::attr;  // NOLINT

// Nodes 1..9 on a line of longitudes; ways as given.
std::string write_pbf(const std::string& name,
                      const std::vector<std::pair<std::vector<int64_t>, std::vector<std::pair<const char*, const char*>>>>& ways,
                      const std::vector<int64_t>& absent_nodes = {}) {
  std::string path = std::string(ERDE_BINARY_DIR) + "/" + name;
  std::filesystem::remove(path);
  osmium::memory::Buffer buffer{1 << 16, osmium::memory::Buffer::auto_grow::yes};
  for (int64_t id = 1; id <= 9; ++id) {
    if (std::find(absent_nodes.begin(), absent_nodes.end(), id) != absent_nodes.end()) continue;
    osmium::builder::add_node(buffer, _id(id), _version(1),
                              _location(osmium::Location{8.69 + 0.001 * double(id), 49.41 + 0.0005 * double(id % 3)}));
  }
  int64_t way_id = 100;
  for (const auto& [refs, tags] : ways) {
    std::vector<osmium::NodeRef> nodes;
    for (int64_t r : refs) nodes.emplace_back(r);
    osmium::builder::add_way(buffer, _id(way_id++), _version(1), _nodes(nodes), _tags(tags));
  }
  osmium::io::Writer writer{path, osmium::io::overwrite::allow};
  writer(std::move(buffer));
  writer.close();
  return path;
}

TEST(OsmTags, ImportAppliesTagsAndSplitsAtSharedNodes) {
  std::string path = write_pbf("graph_tags.osm.pbf", {
      {{1, 2, 3, 4}, {{"highway", "primary_link"}, {"maxspeed", "30 mph"}, {"name", "Ring"}}},  // way 100
      {{3, 5}, {{"highway", "motorway"}}},                                       // 101: implied oneway
      {{5, 6}, {{"highway", "residential"}, {"junction", "roundabout"}}},       // 102: implied oneway
      {{6, 7}, {{"highway", "service"}, {"oneway", "-1"}, {"access", "no"}}},  // 103
      {{7, 8}, {{"highway", "track"}, {"motor_vehicle", "private"}, {"access", "no"}, {"tunnel", "yes"}}},  // 104
      {{8, 9}, {{"highway", "construction"}}},                                 // skipped
      {{8, 9}, {{"highway", "pedestrian"}, {"area", "yes"}}},                  // skipped
      {{4, 9}, {{"highway", "footway"}, {"maxspeed", "walk"}, {"oneway", "reversible"}}},  // 107
  });
  ImportStats st;
  RoadGraph g = open_roads(path, {}, &st);
  EXPECT_EQ(st.features_read, 8u);
  EXPECT_EQ(st.roads_used, 6u);
  EXPECT_EQ(st.skipped_not_road, 1u);
  EXPECT_EQ(st.skipped_area, 1u);
  EXPECT_EQ(st.maxspeed_unparsed, 1u);
  EXPECT_EQ(st.oneway_unparsed, 1u);
  ASSERT_EQ(st.skipped_values.size(), 1u);
  EXPECT_EQ(st.skipped_values[0].first, "construction");
  // Way 100 splits at node 3 (shared with 101): 1-3 (through 2) and 3-4.
  ASSERT_EQ(g.segment_count(), 7u);
  EXPECT_EQ(g.node_count(), 8u);  // 1 3 4 5 6 7 8 9; node 2 is a shape point
  auto seg_of = [&](int64_t way, int nth) {
    for (uint32_t s = 0; s < g.segment_count(); ++s)
      if (g.segment_source_id[s] == way && nth-- == 0) return s;
    ADD_FAILURE() << "no segment for way " << way;
    return 0u;
  };
  uint32_t s = seg_of(100, 0);
  EdgeId along = g.segment_edge[2 * s], against = g.segment_edge[2 * s + 1];
  EXPECT_EQ(g.shape_first[s + 1] - g.shape_first[s], 3u);
  EXPECT_EQ(g.road_class[along], RoadClass::primary);
  EXPECT_EQ(g.maxspeed_kmh[along], 48);
  EXPECT_EQ(g.segment_name[s], "Ring");
  EXPECT_FALSE(g.flags[against] & edge_flag::kAgainstOneway);
  s = seg_of(101, 0);
  EXPECT_TRUE(g.flags[g.segment_edge[2 * s + 1]] & edge_flag::kAgainstOneway);
  s = seg_of(102, 0);
  EXPECT_TRUE(g.flags[g.segment_edge[2 * s + 1]] & edge_flag::kAgainstOneway);
  EXPECT_TRUE(g.flags[g.segment_edge[2 * s]] & edge_flag::kRoundabout);
  s = seg_of(103, 0);
  EXPECT_TRUE(g.flags[g.segment_edge[2 * s]] & edge_flag::kAgainstOneway);
  EXPECT_FALSE(g.flags[g.segment_edge[2 * s + 1]] & edge_flag::kAgainstOneway);
  EXPECT_TRUE(g.flags[g.segment_edge[2 * s]] & edge_flag::kNoMotorVehicles);
  s = seg_of(104, 0);  // motor_vehicle overrides access
  EXPECT_EQ(g.flags[g.segment_edge[2 * s]], edge_flag::kPrivate | edge_flag::kTunnel);
  s = seg_of(107, 0);
  EXPECT_EQ(g.maxspeed_kmh[g.segment_edge[2 * s]], 0);
  EXPECT_FALSE(g.flags[g.segment_edge[2 * s + 1]] & edge_flag::kAgainstOneway);
}

TEST(OsmTags, MissingNodesCutTheWay) {
  std::string path = write_pbf("graph_missing.osm.pbf", {{{1, 2, 3, 4, 5}, {{"highway", "residential"}}}}, {3});
  ImportStats st;
  RoadGraph g = import_osm_pbf(path, &st);
  EXPECT_EQ(st.missing_nodes, 1u);
  EXPECT_EQ(g.segment_count(), 2u);  // 1-2 and 4-5
  EXPECT_EQ(g.node_count(), 4u);
}

}  // namespace
}  // namespace erde
