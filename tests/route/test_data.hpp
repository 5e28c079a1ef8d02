#pragma once
// Graphs and random points for the route tests: hand-built towns, a synthetic grid, and the
// shared OSM extracts (loaded once per run).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "graph/road_graph_builder.hpp"
#include "route/network.hpp"
#include "route/polyline.hpp"

namespace erde::test {

// Random-query counts are multiplied by this; sanitizer builds run far slower.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr double kQueryScale = 0.1;
#else
inline constexpr double kQueryScale = 1.0;
#endif
inline int scaled(int n) { return std::max(1, static_cast<int>(n * kQueryScale)); }

inline LonLat grid_at(double x, double y) { return {8.69 + 0.001 * x, 49.41 + 0.001 * y}; }

// A w x h grid of two-way residential streets with some one-way ones and random bends.
inline RoadGraph grid_graph(int w, int h, uint32_t seed = 1) {
  std::mt19937 rng(seed);
  RoadGraphBuilder b;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) b.add_node(grid_at(x, y));
  int64_t id = 1;
  auto link = [&](int x0, int y0, int x1, int y1) {
    SegmentSpec s;
    s.from = static_cast<NodeId>(y0 * w + x0);
    s.to = static_cast<NodeId>(y1 * w + x1);
    const int kind = static_cast<int>(rng() % 10);
    s.road_class = kind < 2 ? RoadClass::secondary : RoadClass::residential;
    s.oneway = kind == 9 ? Oneway::forward : kind == 8 ? Oneway::backward : Oneway::no;
    s.source_id = id++;
    if (rng() % 3 == 0) {
      LonLat a = grid_at(x0, y0), c = grid_at(x1, y1);
      LonLat mid{(a.lon + c.lon) / 2 + 0.0002 * (y1 - y0), (a.lat + c.lat) / 2 + 0.0002 * (x1 - x0)};
      s.shape = {a, mid, c};
    }
    b.add_segment(s);
  };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      if (x + 1 < w && rng() % 10 != 0) link(x, y, x + 1, y);
      if (y + 1 < h && rng() % 10 != 0) link(x, y, x, y + 1);
    }
  return std::move(b).build();
}

inline Profile car_profile() {
  Profile p;
  p.name = "car";
  p.speed_kmh[static_cast<int>(RoadClass::secondary)] = 50;
  p.speed_kmh[static_cast<int>(RoadClass::residential)] = 30;
  p.speed_kmh[static_cast<int>(RoadClass::primary)] = 60;
  p.use_maxspeed = false;
  return p;
}

// Random points on segments with at least one usable edge; some exactly at a node.
inline std::vector<RoutePoint> random_points(const RoadGraph& g, std::span<const uint32_t> w, size_t count,
                                             std::mt19937& rng) {
  std::vector<uint32_t> usable;
  for (uint32_t s = 0; s < g.segment_count(); ++s)
    if (w[g.segment_edge[2 * s]] != kUnreachable || w[g.segment_edge[2 * s + 1]] != kUnreachable)
      usable.push_back(s);
  std::vector<RoutePoint> out;
  std::uniform_real_distribution<double> frac(0.0, 1.0);
  for (size_t i = 0; i < count; ++i) {
    const uint32_t s = usable[rng() % usable.size()];
    const auto kind = rng() % 20;
    const double f = kind == 0 ? 0.0 : kind == 1 ? 1.0 : frac(rng);
    out.push_back(segment_point(g, s, f));
  }
  return out;
}

struct RealNetwork {
  std::string name;
  RoadGraph graph;
  std::vector<std::string> profile_names;
  std::vector<std::vector<uint32_t>> weights;
};

inline std::string geodata_path(const std::string& file) { return std::string(ERDE_SHARED_GEODATA) + "/" + file; }

// nullptr when the shared extract is absent (the caller skips).
inline const RealNetwork* real_network(const std::string& file) {
  static std::map<std::string, std::unique_ptr<RealNetwork>> cache;
  auto it = cache.find(file);
  if (it != cache.end()) return it->second.get();
  std::unique_ptr<RealNetwork> net;
  if (std::filesystem::exists(geodata_path(file))) {
    net = std::make_unique<RealNetwork>();
    net->name = file;
    net->graph = import_osm_pbf(geodata_path(file));
    for (const Profile& p : load_profiles(std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json")) {
      if (p.name != "fire_engine" && p.name != "walking") continue;
      net->profile_names.push_back(p.name);
      net->weights.push_back(edge_weights(net->graph, p));
    }
  }
  return (cache[file] = std::move(net)).get();
}

#define ERDE_REAL_NETWORK_OR_SKIP(var, file)                                                        \
  const ::erde::test::RealNetwork* var = ::erde::test::real_network(file);                         \
  if (!var) GTEST_SKIP() << "shared OSM extract " << ::erde::test::geodata_path(file)                \
                         << " is absent (ERDE_SHARED_GEODATA); real-network checks skipped"

}  // namespace erde::test
