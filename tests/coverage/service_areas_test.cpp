// The service-area polygons `erde coverage` writes, on the demo district, against a geometric
// oracle: every vertex of the roads reachable within the limit lies inside the polygon, and no
// road node farther from the facility than the farthest reachable vertex plus the buffer does.
#include <gtest/gtest.h>

#include "coverage/coverage_run.hpp"
#include "route/isochrone.hpp"
#include "geo/load.hpp"
#include "graph/distance.hpp"
#include "graph/import.hpp"
#include "graph/snap.hpp"
#include "route/isochrone.hpp"
#include "route/polyline.hpp"
#include "route/snapped.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

const std::string kDemo = std::string(ERDE_SOURCE_DIR) + "/geodata/demo/demo.gpkg";

TEST(ServiceAreas, HoldEveryReachableRoadAndNothingFarther) {
  LoadOptions lo;
  lo.progress = false;
  const LoadResult loaded = load_sources({kDemo}, lo);
  RoadImportOptions ro;
  ro.layer = "roads";
  const RoadGraph graph = open_roads(kDemo, ro);
  const std::vector<Profile> profiles = load_profiles(std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json");
  CoverageOptions o;
  const LiveRoads roads(make_road_index(graph, profiles, 500));
  const CoverageReport r = analyse_coverage(loaded.data, roads, o);
  ASSERT_FALSE(r.service_areas.empty());

  const SnapIndex index(graph);
  GeosContext geos;
  int vertices_inside = 0, nodes_outside = 0, polygons = 0;
  for (size_t k = 0; k < r.service_areas.size(); k += 5) {
    const ServiceArea& a = r.service_areas[k];
    ASSERT_FALSE(a.wkb.empty()) << a.kind << " " << a.id;
    EXPECT_GT(a.area_m2, 0) << a.id;
    LonLat where{};
    for (const Shelter& s : loaded.data.shelters)
      if (a.kind == "shelter" && s.id == a.id) where = s.location;
    for (const Depot& d : loaded.data.depots)
      if (a.kind == "depot" && d.id == a.id) where = d.location;
    for (const Team& t : loaded.data.teams)
      if (a.kind == "team" && t.id == a.id) where = t.base;
    const Profile* profile = nullptr;
    for (const Profile& p : profiles)
      if (p.name == a.profile) profile = &p;
    ASSERT_NE(profile, nullptr) << a.profile;
    const std::vector<uint32_t> weights = edge_weights(graph, *profile);
    const std::optional<Snap> snap = index.nearest(where, weights);
    ASSERT_TRUE(snap) << a.id;
    const RoutePoint at = route_point(*snap);
    const auto limit = static_cast<uint32_t>(a.minutes * 60000);
    const Isochrone iso = isochrones(Network{graph, weights}, std::span(&at, 1), std::span(&limit, 1))[0];

    const GeosContext::GeomPtr poly = geos.from_wkb(a.wkb);
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(geos.handle(), poly.get());
    auto inside = [&](LonLat p) {
      GEOSGeometry* pt = GEOSGeom_createPointFromXY_r(geos.handle(), p.lon, p.lat);
      const char in = GEOSPreparedContains_r(geos.handle(), prepared, pt);
      GEOSGeom_destroy_r(geos.handle(), pt);
      return in == 1;
    };
    double farthest = 0;
    std::vector<LonLat> line;
    for (const EdgePiece& p : iso.pieces) {
      line.clear();
      append_edge_piece(graph, p.edge, p.from, p.to, line);
      for (const LonLat& v : line) {
        EXPECT_TRUE(inside(v)) << a.kind << " " << a.id << " " << v.lon << "," << v.lat;
        farthest = std::max(farthest, haversine_m(snap->point, v));
        ++vertices_inside;
      }
    }
    // 1 % + 1 m for the local plane the polygon is built in.
    for (NodeId v = 0; v < graph.node_count(); ++v)
      if (haversine_m(snap->point, graph.node(v)) > (farthest + o.buffer_m) * 1.01 + 1.0) {
        EXPECT_FALSE(inside(graph.node(v))) << a.kind << " " << a.id << " node " << v;
        ++nodes_outside;
      }
    GEOSPreparedGeom_destroy_r(geos.handle(), prepared);
    ++polygons;
  }
  EXPECT_GE(polygons, 15);
  EXPECT_GT(vertices_inside, 1000);
  EXPECT_GT(nodes_outside, 1000);
}

TEST(ServiceAreas, EmptyWithoutRoadsAndRejectBadBuffers) {
  const RoadGraph graph;
  GeosContext geos;
  const Isochrone nothing;
  EXPECT_TRUE(isochrone_polygon(geos, graph, nothing, 30).wkb.empty());
  EXPECT_THROW(isochrone_polygon(geos, graph, nothing, 0), Error);
  EXPECT_THROW(isochrone_polygon(geos, graph, nothing, -5), Error);
  EXPECT_THROW(isochrone_polygon(geos, graph, nothing, NAN), Error);
}

}  // namespace
}  // namespace erde
