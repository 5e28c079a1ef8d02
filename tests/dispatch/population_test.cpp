#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "dispatch/hazard_zone.hpp"
#include "dispatch/population.hpp"
#include "fixtures.hpp"

namespace erde {
namespace {

using test::area;
using L = AreaLevel;

// Street S1 = [113.00, 113.02] x [23.00, 23.01], split into communities C1 (west) and C2 (east).
std::vector<AdminArea> district(const GeosContext& g, std::optional<int64_t> street, std::optional<int64_t> c1,
                                std::optional<int64_t> c2) {
  return {area(g, "S1", L::street, "D", street, 113.00, 23.00, 113.02, 23.01),
          area(g, "C1", L::community, "S1", c1, 113.00, 23.00, 113.01, 23.01),
          area(g, "C2", L::community, "S1", c2, 113.01, 23.00, 113.02, 23.01),
          area(g, "D", L::district, "", std::nullopt, 112.9, 22.9, 113.1, 23.1)};
}

double estimate(const GeosContext& g, const std::vector<AdminArea>& areas, double lon0, double lon1) {
  auto zone = g.own(GEOSGeom_createRectangle_r(g.handle(), lon0, 23.00, lon1, 23.01));
  return estimate_affected_population(g, zone.get(), areas).total;
}

TEST(Population, StreetOnlySpreadsEvenly) {
  GeosContext g;
  // Zone covers 0.0125 of the street's 0.02 degrees of width: 62.5%.
  EXPECT_NEAR(estimate(g, district(g, 10000, std::nullopt, std::nullopt), 113.00, 113.0125), 6250, 1e-6);
}

TEST(Population, FinestPopulatedAreasAreUsed) {
  GeosContext g;
  // C1 wholly (3000) and a quarter of C2 (7000 / 4) = 4750; the street total adds nothing.
  auto areas = district(g, 10000, 3000, 7000);
  EXPECT_NEAR(estimate(g, areas, 113.00, 113.0125), 4750, 1e-6);
  auto zone = g.own(GEOSGeom_createRectangle_r(g.handle(), 113.00, 23.00, 113.0125, 23.01));
  PopulationEstimate e = estimate_affected_population(g, zone.get(), areas);
  ASSERT_EQ(e.areas.size(), 2u);
  EXPECT_EQ(e.areas[0].area_id, "C1");
  EXPECT_NEAR(e.areas[0].fraction, 1.0, 1e-9);
  EXPECT_EQ(e.areas[1].area_id, "C2");
  EXPECT_NEAR(e.areas[1].fraction, 0.25, 1e-9);
}

TEST(Population, StreetRemainderFillsTheGroundOfUnpopulatedCommunities) {
  GeosContext g;
  // C1 has 3000; the street's other 7000 live on C2's ground. Zone = middle half
  // [113.005, 113.015]: half of C1 (1500) + half of the rest (3500).
  auto areas = district(g, 10000, 3000, std::nullopt);
  EXPECT_NEAR(estimate(g, areas, 113.005, 113.015), 5000, 1e-6);
  auto zone = g.own(GEOSGeom_createRectangle_r(g.handle(), 113.005, 23.00, 113.015, 23.01));
  PopulationEstimate e = estimate_affected_population(g, zone.get(), areas);
  ASSERT_EQ(e.areas.size(), 2u);
  EXPECT_EQ(e.areas[1].area_id, "S1");
  EXPECT_TRUE(e.areas[1].remainder);
  EXPECT_NEAR(e.areas[1].population, 7000, 1e-9);
  // The gather point of the remainder lies on C2's ground inside the zone.
  EXPECT_GT(e.areas[1].gather_point.lon, 113.01);
  EXPECT_LT(e.areas[1].gather_point.lon, 113.015);
}

TEST(Population, ZoneOutsideEveryAreaAffectsNobody) {
  GeosContext g;
  EXPECT_EQ(estimate(g, district(g, 10000, 3000, 7000), 113.05, 113.06), 0.0);
}

TEST(Population, WholePeopleSumToTheRoundedTotal) {
  PopulationEstimate e;
  for (double a : {10.7, 20.6, 30.2, 0.1}) {
    AreaExposure x;
    x.affected = a;
    e.areas.push_back(x);
    e.total += a;
  }
  auto people = whole_people(e);  // 61.6 -> 62: the largest remainders (.7, .6) get the extras
  EXPECT_EQ(people, (std::vector<int64_t>{11, 21, 30, 0}));
}

TEST(HazardZone, CircleHasTheRadiusOnTheGround) {
  GeosContext g;
  LonLat c{113.27, 23.13};
  auto zone = circle_zone(g, c, 1000.0);
  double xmin, ymin, xmax, ymax;
  GEOSGeom_getXMin_r(g.handle(), zone.get(), &xmin);
  GEOSGeom_getXMax_r(g.handle(), zone.get(), &xmax);
  GEOSGeom_getYMin_r(g.handle(), zone.get(), &ymin);
  GEOSGeom_getYMax_r(g.handle(), zone.get(), &ymax);
  // Independent series for the length of a degree on the WGS84 ellipsoid.
  double phi = c.lat * std::numbers::pi / 180.0;
  double deg_lat = 111132.954 - 559.822 * std::cos(2 * phi) + 1.175 * std::cos(4 * phi);
  double deg_lon = 111412.84 * std::cos(phi) - 93.5 * std::cos(3 * phi) + 0.118 * std::cos(5 * phi);
  EXPECT_NEAR((ymax - c.lat) * deg_lat, 1000.0, 1.0);
  EXPECT_NEAR((c.lat - ymin) * deg_lat, 1000.0, 1.0);
  EXPECT_NEAR((xmax - c.lon) * deg_lon, 1000.0, 1.0);
  EXPECT_NEAR(test::haversine_m(c, {c.lon, ymax}), 1000.0, 5.0);
  const LocalProjection f = local_projection(c);
  EXPECT_NEAR(area_m2(g, f, zone.get()), std::numbers::pi * 1e6, 0.005 * std::numbers::pi * 1e6);
}

}  // namespace
}  // namespace erde
