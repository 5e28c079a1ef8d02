// Metric fields and the local projection, against closed-form values on the WGS84 ellipsoid.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "geo/area_metrics.hpp"
#include "geo/load.hpp"
#include "geo/local_projection.hpp"
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

double meridian_radius(double lat) {
  double s = std::sin(rad(lat));
  return a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
}

double prime_vertical_radius(double lat) {
  double s = std::sin(rad(lat));
  return a / std::sqrt(1 - e2 * s * s);
}

// Meridian arc from the equator (Snyder 3-21), good to well under a millimetre.
double meridian_arc(double lat) {
  double e4 = e2 * e2, e6 = e4 * e2, p = rad(lat);
  return a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * p -
              (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * std::sin(2 * p) +
              (15 * e4 / 256 + 45 * e6 / 1024) * std::sin(4 * p) - (35 * e6 / 3072) * std::sin(6 * p));
}

TEST(LocalProjection, DistancesFromTheCentreMatchTheEllipsoid) {
  const LonLat c{113.27, 23.13};
  LocalProjection p(c);
  XY origin = p.forward(c);
  EXPECT_NEAR(origin.x, 0, 1e-6);
  EXPECT_NEAR(origin.y, 0, 1e-6);
  XY north = p.forward({c.lon, c.lat + 0.001});
  EXPECT_NEAR(north.x, 0, 1e-6);
  EXPECT_NEAR(north.y, meridian_radius(c.lat + 0.0005) * rad(0.001), 1e-3);
  XY east = p.forward({c.lon + 0.001, c.lat});
  EXPECT_NEAR(east.x, prime_vertical_radius(c.lat) * std::cos(rad(c.lat)) * rad(0.001), 1e-3);
  // Azimuthal equidistant: a whole degree north is the meridian arc, exactly.
  XY far = p.forward({c.lon, c.lat + 1});
  EXPECT_NEAR(far.y, meridian_arc(c.lat + 1) - meridian_arc(c.lat), 1e-3);
  XY south = p.forward({c.lon, c.lat - 1});
  EXPECT_NEAR(south.y, meridian_arc(c.lat - 1) - meridian_arc(c.lat), 1e-3);
}

TEST(LocalProjection, InverseAndCopiesAndGeometries) {
  LocalProjection p({113.27, 23.13});
  LonLat q = p.inverse(p.forward({113.61, 22.87}));
  EXPECT_NEAR(q.lon, 113.61, 1e-10);
  EXPECT_NEAR(q.lat, 22.87, 1e-10);
  LocalProjection copy = p;
  XY x1 = p.forward({113.3, 23.2}), x2 = copy.forward({113.3, 23.2});
  EXPECT_EQ(x1.x, x2.x);
  EXPECT_EQ(x1.y, x2.y);
  EXPECT_NE(p.proj_definition().find("+proj=aeqd"), std::string::npos);

  GeosContext geos;
  auto square = geos.from_wkt("POLYGON ((-500 -500, 500 -500, 500 500, -500 500, -500 -500))");
  std::string wgs84 = p.inverse_wkb(geos.to_wkb(square.get()));
  auto back = geos.from_wkb(p.forward_wkb(wgs84));
  double area = 0;
  GEOSArea_r(geos.handle(), back.get(), &area);
  EXPECT_NEAR(area, 1e6, 1e-3);
  EXPECT_THROW(LocalProjection({200, 23}), Error);
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
  EXPECT_NEAR(r.data.areas[0].area_m2, expected, expected * 1e-4);
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
