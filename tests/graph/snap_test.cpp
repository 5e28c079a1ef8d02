#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "geo/local_projection.hpp"
#include "graph/distance.hpp"
#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "graph/snap.hpp"
#include "graph/tiny_graphs.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

using test::at;
using test::seg;

const std::string kProfiles = ERDE_SOURCE_DIR "/geodata/profiles.json";

RoadGraph one_way_street() {
  RoadGraphBuilder b;
  NodeId a = b.add_node(at(0, 0)), c = b.add_node(at(2, 0)), d = b.add_node(at(2, 2)), e = b.add_node(at(4, 1));
  SegmentSpec s = seg(a, c, RoadClass::residential, 1, Oneway::forward);
  s.shape = {at(0, 0), at(1, 0), at(2, 0)};
  b.add_segment(s);
  b.add_segment(seg(c, d, RoadClass::residential, 2));
  b.add_segment(seg(d, a, RoadClass::residential, 3));
  b.add_segment(seg(c, e, RoadClass::footway, 4));
  return std::move(b).build();
}

TEST(Snap, OnewayGivesOneEdgeWalkingTwo) {
  RoadGraph g = one_way_street();
  SnapIndex index(g);
  auto fire = edge_weights(g, load_profile(kProfiles, "fire_engine"));
  // A point just north of the first quarter of segment 0.
  LonLat p = at(0.5, 0.1);
  Snap s = index.snap(p, fire, 50);
  EXPECT_EQ(s.segment, 0u);
  EXPECT_NEAR(s.fraction, 0.25, 1e-3);
  EXPECT_NEAR(s.distance_m, haversine_m(p, at(0.5, 0)), 0.05);
  ASSERT_EQ(s.edge_count, 1);
  EXPECT_EQ(s.edges[0].edge, g.segment_edge[0]);
  EXPECT_EQ(s.along, g.segment_edge[0]);
  EXPECT_EQ(s.against, kInvalidId);
  EXPECT_NEAR(s.edges[0].fraction, 0.25, 1e-3);

  auto walk = edge_weights(g, load_profile(kProfiles, "walking"));
  Snap w = index.snap(p, walk, 50);
  ASSERT_EQ(w.edge_count, 2);
  EXPECT_NEAR(w.edges[1].fraction, 0.75, 1e-3);
  EXPECT_EQ(g.tail[w.edges[1].edge], g.head[w.edges[0].edge]);
}

TEST(Snap, SkipsRoadsTheProfileMayNotUse) {
  RoadGraph g = one_way_street();
  SnapIndex index(g);
  // Next to the footway 3 (from (2, 0) to (4, 1)), which the fire engine may not use.
  LonLat p = at(3.0, 0.6);
  auto fire = edge_weights(g, load_profile(kProfiles, "fire_engine"));
  Snap s = index.snap(p, fire, 1000);
  EXPECT_NE(s.segment, 3u);
  auto walk = edge_weights(g, load_profile(kProfiles, "walking"));
  EXPECT_EQ(index.snap(p, walk, 1000).segment, 3u);
}

TEST(Snap, TooFarSaysHowFar) {
  RoadGraph g = one_way_street();
  SnapIndex index(g);
  auto walk = edge_weights(g, load_profile(kProfiles, "walking"));
  try {
    index.snap(at(1, -10), walk, 200);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("nearest usable road is 1112 m away (limit 200 m)"), std::string::npos)
        << e.what();
  }
  std::vector<uint32_t> none(g.edge_count(), kUnreachable);
  EXPECT_THROW(index.snap(at(0, 0), none, 200), Error);
}

// The index against a scan over every piece of every usable segment.
TEST(Snap, MatchesBruteForceOnHeidelberg) {
  std::string file = std::string(ERDE_SHARED_GEODATA) + "/heidelberg.osm.pbf";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << file << " is absent (real OSM extracts live in ../shared/geodata)";
  RoadGraph g = import_osm_pbf(file);
  SnapIndex index(g);
  auto weights = edge_weights(g, load_profile(kProfiles, "fire_engine"));
  double lat_mid = (*std::min_element(g.shape_lat.begin(), g.shape_lat.end()) +
                    *std::max_element(g.shape_lat.begin(), g.shape_lat.end())) / 2;
  double lon_mid = (*std::min_element(g.shape_lon.begin(), g.shape_lon.end()) +
                    *std::max_element(g.shape_lon.begin(), g.shape_lon.end())) / 2;
  // Planar metres as the index measures them: the engine's projection around the graph's centre.
  const LocalProjection plane = local_projection({lon_mid, lat_mid});
  std::vector<XY> xy(g.shape_lon.size());
  for (size_t i = 0; i < xy.size(); ++i) xy[i] = project(plane, {g.shape_lon[i], g.shape_lat[i]});
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lon(8.60, 8.78), lat(49.36, 49.45);
  for (int trial = 0; trial < 300; ++trial) {
    LonLat p{lon(rng), lat(rng)};
    const auto [px, py] = project(plane, p);
    double best = 1e300, best_true = 0;
    for (uint32_t s = 0; s < g.segment_count(); ++s) {
      if (weights[g.segment_edge[2 * s]] == kUnreachable && weights[g.segment_edge[2 * s + 1]] == kUnreachable)
        continue;
      for (uint32_t i = g.shape_first[s]; i + 1 < g.shape_first[s + 1]; ++i) {
        const auto [ax, ay] = xy[i];
        const auto [bx, by] = xy[i + 1];
        double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
        double u = l2 > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / l2, 0.0, 1.0) : 0.0;
        // The index compares its nearest pieces by haversine: so does the scan, over all of them.
        const double d = haversine_m(p, {g.shape_lon[i] + u * (g.shape_lon[i + 1] - g.shape_lon[i]),
                                         g.shape_lat[i] + u * (g.shape_lat[i + 1] - g.shape_lat[i])});
        if (d < best) best = best_true = d;
      }
    }
    Snap s = index.snap(p, weights, 1e6);
    ASSERT_NEAR(s.distance_m, best_true, 0.01) << "trial " << trial;
    ASSERT_GE(s.edge_count, 1);
    for (const SnapEdge& e : s.usable_edges()) {
      ASSERT_NE(weights[e.edge], kUnreachable);
      ASSERT_GE(e.fraction, 0.0);
      ASSERT_LE(e.fraction, 1.0);
      // Walking `fraction` of the edge's shape from its tail reaches the snapped point.
      auto shape = g.edge_shape(e.edge);
      double want = e.fraction * g.length_m[e.edge], walked = 0;
      LonLat reached = shape.back();
      for (size_t k = 1; k < shape.size(); ++k) {
        double piece = haversine_m(shape[k - 1], shape[k]);
        if (walked + piece >= want) {
          double f = piece > 0 ? (want - walked) / piece : 0;
          reached = {shape[k - 1].lon + f * (shape[k].lon - shape[k - 1].lon),
                     shape[k - 1].lat + f * (shape[k].lat - shape[k - 1].lat)};
          break;
        }
        walked += piece;
      }
      ASSERT_LT(haversine_m(reached, s.point), 0.05) << "trial " << trial;
    }
  }
}

}  // namespace
}  // namespace erde
