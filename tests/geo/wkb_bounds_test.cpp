// wkb_bounds reads boxes straight from WKB; GEOS's envelope of the parsed geometry is the
// oracle, over every shape of the demo district and over WKB written by OGR in each variant.
#include <gtest/gtest.h>

#include <ogr_geometry.h>

#include <memory>
#include <string>

#include "geo/load.hpp"
#include "geo/wkb_bounds.hpp"

namespace erde {
namespace {

void expect_same(const BBox& got, const BBox& want, const std::string& what) {
  ASSERT_FALSE(want.empty()) << what;
  EXPECT_EQ(got.min_lon, want.min_lon) << what;
  EXPECT_EQ(got.min_lat, want.min_lat) << what;
  EXPECT_EQ(got.max_lon, want.max_lon) << what;
  EXPECT_EQ(got.max_lat, want.max_lat) << what;
}

std::string ogr_wkb(const char* wkt, OGRwkbByteOrder order, OGRwkbVariant variant) {
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt, nullptr, &g) != OGRERR_NONE) throw std::runtime_error(wkt);
  std::unique_ptr<OGRGeometry> owned(g);
  std::string out(owned->WkbSize(), '\0');
  owned->exportToWkb(order, reinterpret_cast<unsigned char*>(out.data()), variant);
  return out;
}

TEST(WkbBounds, EqualsTheGeosEnvelopeOfEveryDemoShape) {
  LoadOptions options;
  options.progress = false;
  const Dataset data = load_sources({std::string(ERDE_SOURCE_DIR) + "/geodata/demo/demo.gpkg"}, options).data;
  GeosContext geos;
  size_t checked = 0;
  auto check = [&](const Geometry& g, const std::string& id) {
    if (g.empty()) return;
    expect_same(wkb_bounds(g.wkb), geos_bounds(geos, geos.from_wkb(g.wkb).get()), id);
    ++checked;
  };
  for (const auto& a : data.areas) check(a.boundary, a.id);
  for (const auto& s : data.shelters) check(s.footprint, s.id);
  for (const auto& r : data.risk_points) check(r.shape, r.id);
  EXPECT_GT(checked, 200u);
}

TEST(WkbBounds, ReadsEveryVariantAndByteOrder) {
  GeosContext geos;
  const char* shapes[] = {
      "POINT (113.1 23.2)",
      "LINESTRING Z (113.1 23.2 5, 113.4 23.0 7)",
      "POLYGON M ((0 0 1, 4 0 1, 4 3 1, 0 0 1), (1 1 2, 2 1 2, 2 2 2, 1 1 2))",
      "MULTIPOLYGON ZM (((0 0 1 2, -4 0 1 2, -4 -3 1 2, 0 0 1 2)), ((10 10 0 0, 11 10 0 0, 11 12 0 0, 10 10 0 0)))",
      "GEOMETRYCOLLECTION (POINT (5 -5), GEOMETRYCOLLECTION (LINESTRING (-1 7, 2 8)))",
  };
  for (const char* wkt : shapes) {
    // The oracle: GEOS's envelope of the 2D shape.
    const BBox want = geos_bounds(geos, geos.from_wkt(wkt).get());
    for (OGRwkbByteOrder order : {wkbNDR, wkbXDR})
      for (OGRwkbVariant variant : {wkbVariantIso, wkbVariantOldOgc})
        expect_same(wkb_bounds(ogr_wkb(wkt, order, variant)), want,
                    std::string(wkt) + (order == wkbNDR ? " little" : " big") +
                        (variant == wkbVariantIso ? " ISO" : " extended"));
  }
}

TEST(WkbBounds, UnreadableWkbGivesNoBoxSoNothingIsSkipped) {
  const std::string whole = ogr_wkb("POLYGON ((0 0, 4 0, 4 3, 0 0))", wkbNDR, wkbVariantIso);
  EXPECT_FALSE(wkb_bounds(whole).empty());
  for (size_t cut : {size_t{0}, size_t{1}, size_t{5}, size_t{9}, whole.size() - 1})
    EXPECT_TRUE(wkb_bounds(whole.substr(0, cut)).empty()) << cut;
  std::string huge_count = whole;
  huge_count[9] = '\xff';  // the first ring's point count
  EXPECT_TRUE(wkb_bounds(huge_count).empty());
  EXPECT_TRUE(wkb_bounds("not wkb at all").empty());
  BBox anywhere;
  anywhere.extend(LonLat{0, 0});
  EXPECT_TRUE(may_touch(anywhere, "not wkb at all"));
  BBox far;
  far.extend(LonLat{50, 50});
  EXPECT_FALSE(may_touch(far, whole));
  EXPECT_TRUE(may_touch(anywhere, whole));
}

// wkb_holds_point against GEOS's intersects (inside or on the boundary) at points spread over
// every demo area and responsibility area; points GEOS puts on a boundary may go either way.
TEST(WkbHoldsPoint, AgreesWithGeosOverTheDemoAreas) {
  LoadOptions options;
  options.progress = false;
  const Dataset data = load_sources({std::string(ERDE_SOURCE_DIR) + "/geodata/demo/demo.gpkg"}, options).data;
  GeosContext geos;
  size_t inside = 0, outside = 0;
  auto check = [&](const Geometry& g, const std::string& id) {
    const auto shape = geos.from_wkb(g.wkb);
    const BBox box = wkb_bounds(g.wkb);
    for (int i = 0; i <= 12; ++i)
      for (int j = 0; j <= 12; ++j) {
        const LonLat p{box.min_lon + (box.max_lon - box.min_lon) * (i * 1.1 - 0.6) / 12,
                       box.min_lat + (box.max_lat - box.min_lat) * (j * 1.1 - 0.6) / 12};
        const auto pt = geos.from_wkt("POINT (" + std::to_string(p.lon) + " " + std::to_string(p.lat) + ")");
        LonLat q;
        ASSERT_TRUE(GEOSGeomGetX_r(geos.handle(), pt.get(), &q.lon) && GEOSGeomGetY_r(geos.handle(), pt.get(), &q.lat));
        const std::optional<bool> got = wkb_holds_point(g.wkb, q);
        ASSERT_TRUE(got.has_value()) << id;
        const bool geos_in = GEOSContains_r(geos.handle(), shape.get(), pt.get()) == 1;
        const bool geos_touches = GEOSIntersects_r(geos.handle(), shape.get(), pt.get()) == 1;
        if (geos_in) {
          EXPECT_TRUE(*got) << id << " " << q.lon << "," << q.lat;
        }
        if (!geos_touches) {
          EXPECT_FALSE(*got) << id << " " << q.lon << "," << q.lat;
        }
        (*got ? inside : outside) += 1;
      }
  };
  for (const auto& a : data.areas) check(a.boundary, a.id);
  for (const auto& a : data.responsibility_areas) check(a.boundary, a.id);
  EXPECT_GT(inside, 10000u);
  EXPECT_GT(outside, 10000u);
}

TEST(WkbHoldsPoint, HolesLinesAndUnreadableWkb) {
  const std::string donut =
      ogr_wkb("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 7 3, 7 7, 3 7, 3 3))", wkbXDR, wkbVariantOldOgc);
  EXPECT_EQ(wkb_holds_point(donut, {1, 1}), true);
  EXPECT_EQ(wkb_holds_point(donut, {5, 5}), false);  // in the hole
  EXPECT_EQ(wkb_holds_point(donut, {11, 5}), false);
  const std::string two = ogr_wkb("MULTIPOLYGON Z (((0 0 1, 1 0 1, 1 1 1, 0 0 1)), ((5 5 0, 6 5 0, 6 6 0, 5 5 0)))",
                                  wkbNDR, wkbVariantIso);
  EXPECT_EQ(wkb_holds_point(two, {5.9, 5.5}), true);
  EXPECT_EQ(wkb_holds_point(two, {3, 3}), false);
  EXPECT_EQ(wkb_holds_point(ogr_wkb("LINESTRING (0 0, 10 10, 0 10, 0 0)", wkbNDR, wkbVariantIso), {2, 5}), false);
  EXPECT_FALSE(wkb_holds_point(donut.substr(0, donut.size() - 3), {1, 1}).has_value());
}

}  // namespace
}  // namespace erde
