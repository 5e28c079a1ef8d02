// The engine's one local projection and its circle zone, against oracles that share none of its
// code: PROJ's geodesic distances (its azimuthal equidistant through OGR), haversine on the mean
// sphere, a series for the length of a degree, the meridian arc, and the closed-form area of a
// quadrangle on the WGS84 ellipsoid.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

#include "geo/local_projection.hpp"
#include "geo/ogr_support.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

constexpr double kA = 6378137.0;
constexpr double kF = 1 / 298.257223563;
const double kE2 = kF * (2 - kF);
const double kE = std::sqrt(kE2);
const double kB = kA * (1 - kF);
constexpr double kPi = std::numbers::pi;

double rad(double deg) { return deg * kPi / 180; }

double haversine_m(LonLat a, LonLat b) {
  constexpr double r = 6371008.8;  // mean radius
  const double s = std::pow(std::sin(rad(b.lat - a.lat) / 2), 2) +
                   std::cos(rad(a.lat)) * std::cos(rad(b.lat)) * std::pow(std::sin(rad(b.lon - a.lon) / 2), 2);
  return 2 * r * std::asin(std::sqrt(s));
}

// Exact area between two parallels and two meridians on the ellipsoid (authalic q function).
double quadrangle_area(double lon0, double lat0, double lon1, double lat1) {
  auto q = [](double lat) {
    const double s = std::sin(rad(lat));
    return s / (1 - kE2 * s * s) + std::log((1 + kE * s) / (1 - kE * s)) / (2 * kE);
  };
  return kB * kB * rad(lon1 - lon0) / 2 * (q(lat1) - q(lat0));
}

double meridian_radius(double lat) { return kA * (1 - kE2) / std::pow(1 - kE2 * std::pow(std::sin(rad(lat)), 2), 1.5); }
double prime_vertical_radius(double lat) { return kA / std::sqrt(1 - kE2 * std::pow(std::sin(rad(lat)), 2)); }

// Meridian arc from the equator (Snyder 3-21), good to well under a millimetre.
double meridian_arc(double lat) {
  const double e4 = kE2 * kE2, e6 = e4 * kE2, p = rad(lat);
  return kA * ((1 - kE2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * p -
               (3 * kE2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * std::sin(2 * p) +
               (15 * e4 / 256 + 45 * e6 / 1024) * std::sin(4 * p) - (35 * e6 / 3072) * std::sin(6 * p));
}

// PROJ's "+proj=aeqd" on WGS84, which solves the geodesic from the centre (GeographicLib).
struct ProjAeqd {
  ogr::TransformPtr to_local, to_wgs84;
  explicit ProjAeqd(LonLat c) {
    char def[200];
    std::snprintf(def, sizeof def, "+proj=aeqd +lat_0=%.12f +lon_0=%.12f +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
                  c.lat, c.lon);
    ogr::ensure_registered();
    OGRSpatialReference local;
    EXPECT_EQ(local.importFromProj4(def), OGRERR_NONE);
    to_local = ogr::make_transform(ogr::wgs84(), local);
    to_wgs84 = ogr::make_transform(local, ogr::wgs84());
  }
  XY forward(LonLat p) const {
    double x = p.lon, y = p.lat;
    EXPECT_TRUE(to_local->Transform(1, &x, &y));
    return {x, y};
  }
  LonLat inverse(XY p) const {
    double x = p.x, y = p.y;
    EXPECT_TRUE(to_wgs84->Transform(1, &x, &y));
    return {x, y};
  }
  double distance_m(LonLat from_centre) const {
    const XY p = forward(from_centre);
    return std::hypot(p.x, p.y);
  }
};

const LonLat kCentres[] = {{113.27, 23.13}, {8.68, 49.41}, {-70.65, -33.45}, {0, 0}, {18.95, 69.65}, {179.9, -16.5}};

// Points at distance d and bearing b (degrees clockwise from north) from the centre, by PROJ.
LonLat at_bearing(const ProjAeqd& proj, double d, double b) {
  return proj.inverse({d * std::sin(rad(b)), d * std::cos(rad(b))});
}

TEST(LocalProjection, TrueScaleAtTheCentreOnTheEllipsoid) {
  // An independent series for the length of a degree on WGS84 at the centre's latitude.
  for (LonLat c : kCentres) {
    const LocalProjection p = local_projection(c);
    const double phi = rad(c.lat);
    const double deg_lat = 111132.954 - 559.822 * std::cos(2 * phi) + 1.175 * std::cos(4 * phi);
    const double deg_lon = 111412.84 * std::cos(phi) - 93.5 * std::cos(3 * phi) + 0.118 * std::cos(5 * phi);
    EXPECT_NEAR(p.m_per_deg_lat, deg_lat, 0.05) << c.lat;  // the series is good to 5e-7
    EXPECT_NEAR(p.m_per_deg_lon, deg_lon, 0.05) << c.lat;
    EXPECT_EQ(project(p, c).x, 0);
    EXPECT_EQ(project(p, c).y, 0);
    // Along the meridian a degree north and south is the meridian arc to 1e-5 (its radius
    // changes with latitude by 1e-5 per degree).
    EXPECT_NEAR(project(p, {c.lon, c.lat + 0.5}).y - project(p, {c.lon, c.lat - 0.5}).y,
                meridian_arc(c.lat + 0.5) - meridian_arc(c.lat - 0.5), 2e-5 * 111000) << c.lat;
  }
}

TEST(LocalProjection, DistancesFromTheCentreAreTheGeodesicsToTheKnownDrift) {
  // PROJ's geodesic distance from the centre; away from the centre's parallel the plane's
  // east-west scale drifts by tan(lat0) * dlat and its north-south one by 1.5 e^2 sin(2 lat0) * dlat
  // (the meridian radius changing), nothing else to first order.
  for (LonLat c : kCentres) {
    const LocalProjection p = local_projection(c);
    const ProjAeqd proj(c);
    for (double d : {1.0, 100.0, 1000.0, 5000.0, 10000.0})
      for (double b = 0; b < 360; b += 15) {
        const LonLat q = at_bearing(proj, d, b);
        // North of the centre's parallel as the point truly is (a geodesic setting off due east
        // bends towards the equator, d^2 tan(lat0) / 2R).
        const double north = (q.lat - c.lat) * p.m_per_deg_lat, east = d * std::sin(rad(b));
        const double ew = std::abs(std::tan(rad(c.lat))) * std::abs(north) / 6.36e6 * east * east / d;
        const double ns = 0.75 * kE2 * std::abs(std::sin(2 * rad(c.lat))) * std::pow(std::abs(north), 3) / (6.36e6 * d);
        const double drift = ew + ns;
        const XY m = project(p, q);
        const double second_order = d * (2e-6 + 2 * std::pow(d / 6.36e6, 2));
        EXPECT_NEAR(std::hypot(m.x, m.y), d, 1.1 * drift + second_order + 1e-6) << c.lon << " " << c.lat << " " << d << " " << b;
      }
  }
}

TEST(LocalProjection, ShortDistancesAgreeWithHaversine) {
  // Haversine is on the mean sphere, so it differs from the ellipsoid by up to 0.6 % with the
  // direction and latitude; between points within a few kilometres the plane stays inside that.
  std::mt19937_64 rng(14);
  std::uniform_real_distribution<double> off(-0.03, 0.03);
  for (LonLat c : kCentres) {
    const LocalProjection p = local_projection(c);
    for (int k = 0; k < 200; ++k) {
      const LonLat a{c.lon + off(rng), c.lat + off(rng)}, b{a.lon + off(rng) / 10, a.lat + off(rng) / 10};
      const double h = haversine_m(a, b);
      EXPECT_NEAR(plane_distance_m(p, a, b), h, 0.0065 * h + 1e-6);
      EXPECT_NEAR(plane_distance_m(p, c, a), haversine_m(c, a), 0.0065 * haversine_m(c, a) + 1e-6);
    }
  }
  // On the equator along it, sphere and ellipsoid differ only by a / R.
  const LocalProjection eq = local_projection({0, 0});
  EXPECT_NEAR(project(eq, {0.01, 0}).x, haversine_m({0, 0}, {0.01, 0}) * kA / 6371008.8, 1e-6);
}

TEST(LocalProjection, RoundTripsBothWays) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> deg(-0.4, 0.4), metres(-40000, 40000);
  for (LonLat c : kCentres) {
    const LocalProjection p = local_projection(c);
    for (int k = 0; k < 500; ++k) {
      const LonLat q{c.lon + deg(rng), c.lat + deg(rng)};
      const LonLat back = unproject(p, project(p, q));
      EXPECT_NEAR(back.lon, q.lon, 1e-12) << c.lon << " " << c.lat;
      EXPECT_NEAR(back.lat, q.lat, 1e-12);
      const XY xy{metres(rng), metres(rng)};
      const XY again = project(p, unproject(p, xy));
      EXPECT_NEAR(again.x, xy.x, 1e-8);
      EXPECT_NEAR(again.y, xy.y, 1e-8);
    }
  }
  GeosContext geos;
  const LocalProjection p = local_projection({113.27, 23.13});
  auto square = geos.from_wkt("POLYGON ((-500 -500, 500 -500, 500 500, -500 500, -500 -500))");
  auto back = project(geos, p, unproject(geos, p, square.get()).get());
  EXPECT_EQ(GEOSEqualsExact_r(geos.handle(), square.get(), back.get(), 1e-8), 1);
}

TEST(LocalProjection, AreasOfKnownQuadrangles) {
  GeosContext geos;
  auto quadrangle = [&](double lon0, double lat0, double lon1, double lat1) {
    char wkt[256];
    std::snprintf(wkt, sizeof wkt, "POLYGON((%.12f %.12f,%.12f %.12f,%.12f %.12f,%.12f %.12f,%.12f %.12f))", lon0, lat0,
                  lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0);
    return geos.from_wkt(wkt);
  };
  for (LonLat c : kCentres) {
    if (c.lon > 179) continue;  // the boxes below would cross the antimeridian
    const LocalProjection p = local_projection(c);
    // 1 km x 1 km on the ground, centred: 1,000,000 m².
    const double dlat = 1000 / meridian_radius(c.lat) / rad(1);
    const double dlon = 1000 / (prime_vertical_radius(c.lat) * std::cos(rad(c.lat))) / rad(1);
    const double exact = quadrangle_area(c.lon - dlon / 2, c.lat - dlat / 2, c.lon + dlon / 2, c.lat + dlat / 2);
    EXPECT_NEAR(exact, 1e6, 1.0);
    auto sq = quadrangle(c.lon - dlon / 2, c.lat - dlat / 2, c.lon + dlon / 2, c.lat + dlat / 2);
    EXPECT_NEAR(area_m2(geos, p, sq.get()), exact, 1e-8 * exact) << c.lat;
    // A district-sized 0.1° box, measured from its own centre.
    const double big = quadrangle_area(c.lon - 0.05, c.lat - 0.05, c.lon + 0.05, c.lat + 0.05);
    auto box = quadrangle(c.lon - 0.05, c.lat - 0.05, c.lon + 0.05, c.lat + 0.05);
    EXPECT_NEAR(area_m2(geos, p, box.get()), big, big * 1e-6) << c.lat;
    // The same square 10 km north of the centre is off by the drift, tan(lat0) * dlat.
    const double shift = 10000 / meridian_radius(c.lat) / rad(1);
    const double north = quadrangle_area(c.lon - dlon / 2, c.lat + shift - dlat / 2, c.lon + dlon / 2, c.lat + shift + dlat / 2);
    auto sq_north = quadrangle(c.lon - dlon / 2, c.lat + shift - dlat / 2, c.lon + dlon / 2, c.lat + shift + dlat / 2);
    const double drift = std::tan(rad(c.lat)) * rad(shift);
    EXPECT_NEAR(area_m2(geos, p, sq_north.get()) / north - 1, drift, 0.03 * std::abs(drift) + 3e-6) << c.lat;
  }
}

TEST(LocalProjection, RefusesACentreThatIsNotLongitudeLatitude) {
  EXPECT_THROW(local_projection({200, 23}), Error);
  EXPECT_THROW(local_projection({113, 91}), Error);
  EXPECT_THROW(local_projection({NAN, 23}), Error);
  EXPECT_THROW(local_projection({113, INFINITY}), Error);
  // The default value is the projection centred on (0, 0).
  const LocalProjection zero = local_projection({0, 0}), dflt;
  EXPECT_EQ(dflt.m_per_deg_lon, zero.m_per_deg_lon);
  EXPECT_EQ(dflt.m_per_deg_lat, zero.m_per_deg_lat);
}

TEST(CircleZone, VerticesLieTheRadiusFromTheCentre) {
  for (LonLat c : kCentres) {
    const ProjAeqd proj(c);
    for (double r : {10.0, 1000.0, 5000.0, 25000.0}) {
      const std::vector<LonLat> ring = circle_ring(c, r);
      ASSERT_EQ(ring.size(), static_cast<size_t>(kCircleSides + 1));
      EXPECT_EQ(ring.front(), ring.back());
      // Along the ellipsoid (PROJ's geodesic) within the documented r * r tan|lat| / 2.8 R;
      // haversine's sphere within 0.6 % more.
      const double drift = r * r * std::abs(std::tan(rad(c.lat))) / (2.8 * 6.36e6);
      double worst = 0;
      for (size_t k = 0; k + 1 < ring.size(); ++k) {
        const double off = std::abs(proj.distance_m(ring[k]) - r);
        worst = std::max(worst, off);
        EXPECT_LE(off, drift + r * 2e-6 + 1e-6) << c.lon << " " << c.lat << " r " << r << " k " << k;
        EXPECT_NEAR(haversine_m(c, ring[k]), r, 0.0065 * r + drift) << k;
      }
      if (r == 5000.0 && c.lat == 23.13) {
        EXPECT_GT(worst, 0.3);  // the drift is real: 0.6 m here
      }
      // The first vertex due east on the centre's parallel, then clockwise (south next).
      EXPECT_EQ(ring[0].lat, c.lat);
      EXPECT_GT(ring[0].lon, c.lon);
      EXPECT_LT(ring[1].lat, c.lat);
      EXPECT_LT(ring[kCircleSides / 4].lat, c.lat);
      EXPECT_NEAR(ring[kCircleSides / 4].lon, c.lon, 1e-12);
      EXPECT_LT(ring[kCircleSides / 2].lon, c.lon);
    }
  }
  EXPECT_THROW(circle_ring({113.27, 23.13}, 0), Error);
  EXPECT_THROW(circle_ring({113.27, 23.13}, -5), Error);
  EXPECT_THROW(circle_ring({113.27, 23.13}, NAN), Error);
  EXPECT_THROW(circle_ring({113.27, 95}, 100), Error);
}

TEST(CircleZone, IsPointForPointWhatGeosBuffersAPointInto) {
  // The dispatch core buffered the incident in its local plane before; the ring must be the very
  // same 65 points so that plans keep their zones.
  GeosContext geos;
  for (LonLat c : kCentres)
    for (double r : {25.0, 300.0, 1000.0, 5000.0}) {
      const LocalProjection p = local_projection(c);
      auto origin = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), 0, 0));
      auto disc = geos.own(GEOSBuffer_r(geos.handle(), origin.get(), r, 16));
      auto wgs84 = unproject(geos, p, disc.get());
      const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos.handle(), GEOSGetExteriorRing_r(geos.handle(), wgs84.get()));
      unsigned size = 0;
      GEOSCoordSeq_getSize_r(geos.handle(), seq, &size);
      const std::vector<LonLat> ring = circle_ring(c, r);
      ASSERT_EQ(size, ring.size());
      for (unsigned k = 0; k < size; ++k) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(geos.handle(), seq, k, &x, &y);
        EXPECT_EQ(x, ring[k].lon) << c.lon << " " << c.lat << " r " << r << " k " << k;
        EXPECT_EQ(y, ring[k].lat) << k;
      }
    }
}

TEST(CircleZone, AreaIsTheInscribedPolygonsDeficitUnderPiRSquared) {
  GeosContext geos;
  const double n = kCircleSides;
  const double polygon_share = n / (2 * kPi) * std::sin(2 * kPi / n);  // 0.99839
  EXPECT_NEAR(polygon_share, 0.99839, 1e-5);
  for (LonLat c : kCentres) {
    for (double r : {30.0, 1000.0, 5000.0}) {
      const Geometry wkb = circle_polygon(c, r);
      auto g = geos.from_wkb(wkb.wkb);
      EXPECT_EQ(GEOSisValid_r(geos.handle(), g.get()), 1);
      // On the ellipsoid, by PROJ (OGR's own reading of the WKB): the north half's shortfall and
      // the south half's excess cancel, to 1e-6.
      ogr::GeometryPtr o = ogr::from_wkb(wkb.wkb);
      const ProjAeqd proj(c);
      ASSERT_EQ(o->transform(proj.to_local.get()), OGRERR_NONE);
      const double area = o->toPolygon()->get_Area();
      EXPECT_NEAR(area, polygon_share * kPi * r * r, 1e-6 * kPi * r * r) << c.lon << " " << c.lat << " " << r;
      EXPECT_LT(area, kPi * r * r);
      EXPECT_NEAR(area_m2(geos, local_projection(c), g.get()), polygon_share * kPi * r * r, 1e-9 * r * r);
      // Clockwise, the same points as the ring.
      const GEOSGeometry* shell = GEOSGetExteriorRing_r(geos.handle(), g.get());
      const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos.handle(), shell);
      char ccw = 0;
      ASSERT_EQ(GEOSCoordSeq_isCCW_r(geos.handle(), seq, &ccw), 1);
      EXPECT_EQ(ccw, 0);
      unsigned size = 0;
      GEOSCoordSeq_getSize_r(geos.handle(), seq, &size);
      const std::vector<LonLat> ring = circle_ring(c, r);
      ASSERT_EQ(size, ring.size());
      for (unsigned k = 0; k < size; ++k) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(geos.handle(), seq, k, &x, &y);
        EXPECT_EQ(x, ring[k].lon);
        EXPECT_EQ(y, ring[k].lat);
      }
    }
  }
}

}  // namespace
}  // namespace erde
