// Metric fields of loaded data, against closed-form values on the WGS84 ellipsoid (the projection
// itself: local_projection_test.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "geo/area_metrics.hpp"
#include "geo/load.hpp"
#include "sample_layers.hpp"

namespace erde {
namespace {

constexpr double a = 6378137.0;
constexpr double f = 1 / 298.257223563;
const double e2 = f * (2 - f);
const double e = std::sqrt(e2);
const double b = a * (1 - f);

double rad(double deg) { return deg * std::numbers::pi / 180; }

// Exact area between two parallels and two meridians on the ellipsoid (authalic q function).
double quadrangle_area(double lon0, double lat0, double lon1, double lat1) {
  auto q = [](double lat) {
    double s = std::sin(rad(lat));
    return s / (1 - e2 * s * s) + std::log((1 + e * s) / (1 - e * s)) / (2 * e);
  };
  return b * b * rad(lon1 - lon0) / 2 * (q(lat1) - q(lat0));
}

TEST(Metrics, AreaAndCentroidOfAKnownQuadrangle) {
  test::TempDir dir;
  test::Layer l = test::areas_layer();
  l.features.resize(1);
  l.features[0].wkt = test::box(113.26, 23.13, 113.27, 23.14);
  test::write_source(dir / "areas.geojson", "GeoJSON", {l});
  LoadOptions o;
  o.progress = false;
  LoadResult r = load_sources({(dir / "areas.geojson").string()}, o);
  ASSERT_EQ(r.data.areas.size(), 1u);
  const double expected = quadrangle_area(113.26, 23.13, 113.27, 23.14);  // about 1.14 km²
  EXPECT_NEAR(expected, 1.1e6, 0.1e6);
  EXPECT_NEAR(r.data.areas[0].area_m2, expected, expected * 1e-6);
  EXPECT_NEAR(r.data.areas[0].centroid.lon, 113.265, 1e-6);
  EXPECT_NEAR(r.data.areas[0].centroid.lat, 23.135, 1e-5);
}

TEST(Metrics, PolygonShelterLocatedOnItsFootprint) {
  test::TempDir dir;
  test::write_source(dir / "s.gpkg", "GPKG", {test::shelters_layer()});
  LoadOptions o;
  o.progress = false;
  LoadResult r = load_sources({(dir / "s.gpkg").string()}, o);
  const Shelter& park = r.data.shelters[1];
  ASSERT_EQ(park.id, "SH2");
  EXPECT_FALSE(park.footprint.empty());
  EXPECT_GT(park.location.lon, 113.271);
  EXPECT_LT(park.location.lon, 113.273);
  EXPECT_GT(park.location.lat, 23.131);
  EXPECT_LT(park.location.lat, 23.133);
  GeosContext geos;
  LonLat same = point_on_surface(park.footprint.wkb, geos);
  EXPECT_EQ(same, park.location);
}

}  // namespace
}  // namespace erde
