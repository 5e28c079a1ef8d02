#include <gtest/gtest.h>

#include <fstream>

#include "graph/profile.hpp"
#include "graph/scc.hpp"
#include "graph/tiny_graphs.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

using test::at;
using test::seg;

const std::string kProfiles = ERDE_SOURCE_DIR "/geodata/profiles.json";

// A square block 0-1-2-3 with a one-way side 1->2, a tunnel 3-0, a roundabout-ish one-way
// loop 2->4->5->2, an access=no link 0-6 and a footway 6-3.
struct Town {
  RoadGraph g;
  uint32_t oneway_seg, tunnel_seg, closed_seg, footway_seg, ring_seg;
};

Town town() {
  RoadGraphBuilder b;
  std::vector<NodeId> n;
  for (auto [x, y] : std::vector<std::pair<double, double>>{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {2, 1}, {1.5, 1.8}, {-1, 0.5}})
    n.push_back(b.add_node(at(x, y)));
  b.add_segment(seg(n[0], n[1], RoadClass::primary, 10));                                    // s0
  b.add_segment(seg(n[1], n[2], RoadClass::residential, 11, Oneway::forward));                // s1
  b.add_segment(seg(n[2], n[3], RoadClass::residential, 12));                                 // s2
  b.add_segment(seg(n[3], n[0], RoadClass::secondary, 13, Oneway::no, edge_flag::kTunnel));   // s3
  b.add_segment(seg(n[2], n[4], RoadClass::tertiary, 14, Oneway::forward, edge_flag::kRoundabout));  // s4
  b.add_segment(seg(n[4], n[5], RoadClass::tertiary, 15, Oneway::forward, edge_flag::kRoundabout));  // s5
  b.add_segment(seg(n[5], n[2], RoadClass::tertiary, 16, Oneway::forward, edge_flag::kRoundabout));  // s6
  b.add_segment(seg(n[0], n[6], RoadClass::service, 17, Oneway::no, edge_flag::kNoMotorVehicles));   // s7
  b.add_segment(seg(n[6], n[3], RoadClass::footway, 18));                                     // s8
  return {std::move(b).build(), 1, 3, 7, 8, 4};
}

bool usable(const std::vector<uint32_t>& w, const RoadGraph& g, uint32_t s, bool along) {
  return w[g.segment_edge[2 * s + (along ? 0 : 1)]] != kUnreachable;
}

TEST(EdgeWeights, FireEngineObeysOnewayAndAccess) {
  Town t = town();
  ProfileReport r;
  auto w = edge_weights(t.g, load_profile(kProfiles, "fire_engine"), &r);
  EXPECT_TRUE(usable(w, t.g, t.oneway_seg, true));
  EXPECT_FALSE(usable(w, t.g, t.oneway_seg, false));
  EXPECT_TRUE(usable(w, t.g, t.ring_seg, true));
  EXPECT_FALSE(usable(w, t.g, t.ring_seg, false));
  EXPECT_FALSE(usable(w, t.g, t.closed_seg, true));
  EXPECT_FALSE(usable(w, t.g, t.footway_seg, true));
  EXPECT_TRUE(usable(w, t.g, t.tunnel_seg, true));
  EXPECT_EQ(r.oneway_edges, 4u);
  EXPECT_EQ(r.no_motor_edges, 2u);
  EXPECT_EQ(r.class_closed_edges, 2u);
  EXPECT_EQ(r.cut_edges, 0u);
  // Travel time: primary 55 km/h.
  EdgeId e = t.g.segment_edge[0];
  EXPECT_NEAR(w[e], t.g.length_m[e] * 3600.0 / 55.0, 1.0);
}

TEST(EdgeWeights, HazmatAvoidsTunnelAndCutsWhatBecomesUnreachable) {
  Town t = town();
  ProfileReport r;
  auto w = edge_weights(t.g, load_profile(kProfiles, "hazmat"), &r);
  EXPECT_FALSE(usable(w, t.g, t.tunnel_seg, true));
  EXPECT_FALSE(usable(w, t.g, t.tunnel_seg, false));
  EXPECT_EQ(r.tunnel_edges, 2u);
  // Without the tunnel, 3 is reachable from 0 only via 1->2->3, and 0 from 3 not at all:
  // 0-1 is two-way, 1->2 one-way, so {0,1} and {2,3,4,5} are separate SCCs; the ring wins.
  EXPECT_EQ(r.scc_nodes, 4u);
  EXPECT_FALSE(usable(w, t.g, 0, true));
  EXPECT_TRUE(usable(w, t.g, t.ring_seg, true));
  EXPECT_EQ(r.cut_nodes, 2u);
  EXPECT_GT(r.cut_km, 0.0);
}

TEST(EdgeWeights, WalkingGoesAgainstOnewayAndOnFootways) {
  Town t = town();
  ProfileReport r;
  auto w = edge_weights(t.g, load_profile(kProfiles, "walking"), &r);
  for (uint32_t s = 0; s < t.g.segment_count(); ++s) {
    EXPECT_TRUE(usable(w, t.g, s, true)) << s;
    EXPECT_TRUE(usable(w, t.g, s, false)) << s;
  }
  EdgeId e = t.g.segment_edge[2 * t.oneway_seg + 1];
  EXPECT_NEAR(w[e], t.g.length_m[e] * 3600.0 / 4.5, 1.0);
  EXPECT_EQ(r.scc_nodes, 7u);
}

TEST(EdgeWeights, MaxspeedCapsTheClassSpeed) {
  RoadGraphBuilder b;
  NodeId a = b.add_node(at(0, 0)), c = b.add_node(at(5, 0));
  SegmentSpec s = seg(a, c, RoadClass::primary, 1);
  s.maxspeed_kmh = 30;
  b.add_segment(s);
  RoadGraph g = std::move(b).build();
  auto w = edge_weights(g, load_profile(kProfiles, "fire_engine"));
  EXPECT_NEAR(w[0], g.length_m[0] * 3600.0 / 30.0, 1.0);
  auto walk = edge_weights(g, load_profile(kProfiles, "walking"));
  EXPECT_NEAR(walk[0], g.length_m[0] * 3600.0 / 4.5, 1.0);
}

TEST(EdgeWeights, RestrictedRoadIds) {
  Town t = town();
  Profile p = load_profile(kProfiles, "walking");
  p.restricted_road_ids = {18};
  ProfileReport r;
  auto w = edge_weights(t.g, p, &r);
  EXPECT_FALSE(usable(w, t.g, t.footway_seg, true));
  EXPECT_EQ(r.restricted_edges, 2u);
}

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = std::string(ERDE_BINARY_DIR) + "/" + name;
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::string& json) {
  try {
    parse_profiles(json, "p.json", "");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Profiles, BadJsonNamesFileAndKey) {
  EXPECT_NE(error_of(R"({"profiles": {"x": {"speed_kmh": {"motorwy": 50}}}})")
                .find("p.json: profiles.x.speed_kmh.motorwy: unknown road class 'motorwy'"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"profiles": {"x": {"speed_kmh": {"primary": "fast"}}}})")
                .find("p.json: profiles.x.speed_kmh.primary: expected a number"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"profiles": {"x": {"speed_kmh": {"primary": 50}, "obey_oneway": 1}}})")
                .find("profiles.x.obey_oneway: expected true or false"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"profiles": {"x": {"speed_kmh": {"primary": 50}, "colour": 1}}})")
                .find("profiles.x.colour: unknown key"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"profiles": {"x": {"speed_kmh": {"primary": -5}}}})").find("0..300"), std::string::npos);
  EXPECT_NE(error_of("{oops").find("p.json: invalid JSON"), std::string::npos);
  // Found by fuzz_plan_files: a number too large for a double is nlohmann's out_of_range, not a
  // parse_error; it escaped parse_profiles instead of an erde::Error.
  EXPECT_NE(error_of(R"({"profiles": {"x": {"speed_kmh": {"primary": 1e400}}}})").find("p.json: invalid JSON"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"profiles": {"x": {"speed_kmh": {"primary": 50}, "no_go_files": ["/nonexistent/zones.gpkg"]}}})")
                .find("profiles.x.no_go_files: /nonexistent/zones.gpkg: cannot open"),
            std::string::npos);
}

TEST(Profiles, NoGoPolygonFileClosesRoadsInside) {
  Town t = town();
  // A small square around node 1 (at(1, 0)) in EPSG:4326.
  std::string zone = write_temp("graph_test_no_go.geojson", R"({"type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
    "features": [{"type": "Feature", "properties": {"name": "chemical park"},
      "geometry": {"type": "Polygon", "coordinates": [[[8.6905, 49.4095], [8.6915, 49.4095],
        [8.6915, 49.4105], [8.6905, 49.4105], [8.6905, 49.4095]]]}}]})");
  std::string json = write_temp("graph_test_profiles.json", R"({"profiles": {"hz": {
    "speed_kmh": {"primary": 40, "secondary": 40, "residential": 20, "tertiary": 30},
    "no_go_files": ["graph_test_no_go.geojson"]}}})");
  Profile p = load_profile(json, "hz");
  ASSERT_EQ(p.no_go_areas.size(), 1u);
  ProfileReport r;
  auto w = edge_weights(t.g, p, &r);
  EXPECT_FALSE(usable(w, t.g, 0, true));           // 0-1 ends at node 1
  EXPECT_FALSE(usable(w, t.g, t.oneway_seg, true)); // 1-2 starts there
  EXPECT_TRUE(usable(w, t.g, t.ring_seg, true));
  EXPECT_EQ(r.no_go_edges, 3u);                     // 0->1, 1->0, 1->2 (2->1 is against oneway)
}

// Like fuzz_layers' find in the layer loader: GDAL's Web Mercator to WGS84 step wraps longitudes
// 360° at a time, so a vertex at x = 1e30 in EPSG:3857 never came back (1e17 took seconds).
TEST(Profiles, NoGoVertexFarOutsideAnyCrsIsAnErrorBeforeTransforming) {
  const std::string zone = write_temp("graph_test_far_no_go.geojson", R"({"type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
    "features": [{"type": "Feature", "properties": {},
      "geometry": {"type": "Polygon", "coordinates": [[[967000, 6340000], [100000000000000000, 6340000],
        [968000, 6341000], [967000, 6340000]]]}}]})");
  const std::string e =
      error_of(R"({"profiles": {"x": {"speed_kmh": {"primary": 50}, "no_go_files": [")" + zone + R"("]}}})");
  EXPECT_NE(e.find("field 'geometry': coordinates beyond 1e9"), std::string::npos) << e;
}

}  // namespace
}  // namespace erde
