#include <gtest/gtest.h>

#include <filesystem>
#include <numeric>
#include <unistd.h>

#include "demo/road_lines.hpp"
#include "demo/synthetic_city.hpp"
#include "ogr_read.hpp"

namespace erde {
namespace {

uint32_t largest_component(const RoadGraph& g) {
  std::vector<uint32_t> parent(g.node_count());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (EdgeId e = 0; e < g.edge_count(); ++e) parent[find(g.tail[e])] = find(g.head[e]);
  std::vector<uint32_t> size(g.node_count(), 0);
  for (uint32_t v = 0; v < g.node_count(); ++v) ++size[find(v)];
  return *std::max_element(size.begin(), size.end());
}

TEST(SyntheticCity, HasTheRequestedSizeAndOneLargeComponent) {
  for (uint32_t n : {10'000u, 100'000u}) {
    const RoadGraph g = demo::generate_city(n, 42);
    EXPECT_GE(g.node_count(), n * 0.9);
    EXPECT_LE(g.node_count(), n * 1.1);
    EXPECT_GT(g.edge_count(), g.node_count() * 3u);
    EXPECT_GE(largest_component(g), g.node_count() * 0.95);
    size_t one_way = 0;
    for (EdgeId e = 0; e < g.edge_count(); ++e) one_way += (g.flags[e] & edge_flag::kAgainstOneway) != 0;
    EXPECT_GT(one_way, 0u);
  }
}

TEST(SyntheticCity, SameSeedSameGraph) {
  const RoadGraph a = demo::generate_city(20'000, 5);
  const RoadGraph b = demo::generate_city(20'000, 5);
  const RoadGraph c = demo::generate_city(20'000, 6);
  EXPECT_EQ(a.node_lon, b.node_lon);
  EXPECT_EQ(a.node_lat, b.node_lat);
  EXPECT_EQ(a.head, b.head);
  EXPECT_EQ(a.flags, b.flags);
  EXPECT_NE(a.node_lon, c.node_lon);
}

TEST(SyntheticCity, WritesARoadsLayer) {
  const RoadGraph g = demo::generate_city(2'000, 3);
  const auto file = std::filesystem::temp_directory_path() / ("erde_city_" + std::to_string(::getpid()) + ".gpkg");
  demo::write_roads_file(demo::road_lines(g), file);
  const auto layers = demo_test::read_all(file);
  ASSERT_TRUE(layers.count("roads"));
  EXPECT_EQ(layers.at("roads").features.size(), g.segment_count());
  size_t oneway = 0;
  for (const auto& f : layers.at("roads").features) oneway += !f.at("oneway").empty();
  EXPECT_GT(oneway, 0u);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace erde
