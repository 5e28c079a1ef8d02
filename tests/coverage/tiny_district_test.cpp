// Every figure of the coverage analysis on the hand-computable tiny district (tiny_district.hpp).
#include <gtest/gtest.h>

#include <map>
#include <span>

#include "coverage/coverage_run.hpp"
#include "coverage/tiny_district.hpp"

namespace erde {
namespace {

using test::kStepM;

struct Tiny {
  Dataset data = test::tiny_dataset();
  LiveRoads roads{make_road_index(test::line_road(7), test::tiny_profiles(), 500)};
  CoverageReport run(double walk_minutes, size_t k = 0) {
    CoverageOptions o = test::tiny_options(walk_minutes);
    o.k = k;
    return analyse_coverage(data, roads, o);
  }
};

const AreaShare& share(const CoverageReport& r, const std::string& id) {
  for (const AreaShare& s : r.service_shares)
    if (s.area_id == id) return s;
  throw std::runtime_error("no share for " + id);
}

TEST(TinyDistrict, ShelterAreaPerResident) {
  Tiny t;
  const CoverageReport r = t.run(5);
  ASSERT_EQ(r.shelter_area.size(), 3u);  // S1, S2, district
  // S1: 600 m² for 500 residents = 1.2 m², short of 1.5 x 500 = 750 m² by 150 m².
  EXPECT_EQ(r.shelter_area[0].area_id, "S1");
  EXPECT_DOUBLE_EQ(r.shelter_area[0].m2_per_resident, 1.2);
  EXPECT_DOUBLE_EQ(r.shelter_area[0].shortfall_m2, 150);
  EXPECT_FALSE(r.shelter_area[0].meets_target);
  // S2: 300 / 500 = 0.6 m², short by 450 m². District: 900 / 1000 = 0.9, short by 600 m².
  EXPECT_DOUBLE_EQ(r.shelter_area[1].m2_per_resident, 0.6);
  EXPECT_DOUBLE_EQ(r.shelter_area[1].shortfall_m2, 450);
  EXPECT_EQ(r.shelter_area[2].area_id, "D");
  EXPECT_DOUBLE_EQ(r.shelter_area[2].m2_per_resident, 0.9);
  EXPECT_DOUBLE_EQ(r.shelter_area[2].shortfall_m2, 600);
}

TEST(TinyDistrict, TargetIsConfigurable) {
  Tiny t;
  CoverageOptions o = test::tiny_options(5);
  o.target_m2 = 1.0;
  const CoverageReport r = analyse_coverage(t.data, t.roads, o);
  EXPECT_TRUE(r.shelter_area[0].meets_target);   // 1.2 >= 1.0
  EXPECT_FALSE(r.shelter_area[1].meets_target);  // 0.6 < 1.0: 200 m² short
  EXPECT_DOUBLE_EQ(r.shelter_area[1].shortfall_m2, 200);
}

TEST(TinyDistrict, StreetChecks) {
  Tiny t;
  const CoverageReport r = t.run(5);
  ASSERT_EQ(r.checks.size(), 2u);
  EXPECT_EQ(r.checks[0].outdoor_fixed, 1);
  EXPECT_EQ(r.checks[0].indoor, 0);
  EXPECT_EQ(r.checks[0].reserve_points, 1);
  EXPECT_FALSE(r.checks[0].passes());
  EXPECT_EQ(r.checks[1].outdoor_fixed, 0);
  EXPECT_EQ(r.checks[1].indoor, 1);
  EXPECT_EQ(r.checks[1].reserve_points, 0);
  // Give S1 an indoor shelter located by geometry only (no street_id): S1 now passes.
  t.data.shelters.push_back(test::shelter("C", ShelterSetting::indoor, 0.002, 10, 5, ""));
  const CoverageReport r2 = t.run(5);
  EXPECT_EQ(r2.checks[0].indoor, 1);
  EXPECT_TRUE(r2.checks[0].passes());
}

TEST(TinyDistrict, ServiceCoverageIsCapacityAware) {
  Tiny t;
  // 5 min = 300 s. Walks: C1 (lon .00075) -> A 83 s, -> B 584 s; C2 (.00225) -> A 250 s, -> B 417 s;
  // C3 (.0045) -> A 500 s, -> B 167 s. C1 and C2 (500 people) can only reach A (250 places): 250 of
  // them are served, all at C1 (the nearer, least total walk); C3's 500 all go to B.
  const CoverageReport r = t.run(5);
  EXPECT_EQ(r.service.people, 1000);
  EXPECT_EQ(r.service.served_total, 750);
  EXPECT_EQ(r.service.shelter_load[0], 250);
  EXPECT_EQ(r.service.shelter_load[1], 500);
  EXPECT_EQ(share(r, "S1").served, 250);
  EXPECT_DOUBLE_EQ(share(r, "S1").share(), 0.5);
  EXPECT_DOUBLE_EQ(share(r, "S2").share(), 1.0);
  EXPECT_EQ(share(r, "C1").served, 250);
  EXPECT_EQ(share(r, "C2").served, 0);
  EXPECT_DOUBLE_EQ(share(r, "D").share(), 0.75);
  EXPECT_NEAR(r.service.total_walk_s, 250 * 0.75 * kStepM + 500 * 1.5 * kStepM, 1.0);
  // Nearest-only would send all 500 of S1 to A (250 places) and report them served.
  for (const ServiceAssignment& a : r.service.assignments) EXPECT_LE(a.walk_s, 300.0);
}

TEST(TinyDistrict, LongerWalkServesEveryone) {
  Tiny t;
  // 10 min = 600 s: C2 -> B (417 s) and 50 of C1 -> B (584 s) become possible; B holds 1000.
  const CoverageReport r = t.run(10);
  EXPECT_EQ(r.service.served_total, 1000);
  EXPECT_EQ(r.service.shelter_load[0], 250);
  EXPECT_EQ(r.service.shelter_load[1], 750);
  EXPECT_DOUBLE_EQ(share(r, "D").share(), 1.0);
}

TEST(TinyDistrict, ResponseCoverageFromBases) {
  Tiny t;
  // Engine 10 m/s from lon 0 for 30 s = 300 m: C1 (83 m) and C2 (250 m) in, C3 (500 m) out.
  const CoverageReport r = t.run(5);
  ASSERT_EQ(r.response.size(), 1u);
  const ResponseCoverage& rc = r.response[0];
  EXPECT_DOUBLE_EQ(rc.area_share(), 0.5);    // areas 1 + 1 of 4
  EXPECT_DOUBLE_EQ(rc.people_share(), 0.5);  // 500 of 1000
  EXPECT_NEAR(rc.demand_ms[0], 0.75 * kStepM * 100, 2);
  EXPECT_EQ(rc.risks[1], 1);
  EXPECT_EQ(rc.risks_reached[1], 1);  // orange K2 at 111 m
  EXPECT_EQ(rc.risks_reached[0], 0);  // red K3 at 556 m
  ASSERT_EQ(rc.risks_outside.size(), 2u);
  EXPECT_EQ(t.data.risk_points[rc.risks_outside[0]].id, "K3");  // red before blue
  EXPECT_EQ(t.data.risk_points[rc.risks_outside[1]].id, "K1");
  EXPECT_DOUBLE_EQ(r.response_shares[0].back().share(), 0.5);
}

TEST(TinyDistrict, ServiceAreas) {
  Tiny t;
  const CoverageReport r = t.run(5);
  // 2 shelters, 1 depot, 1 team; each reaches some road, so each has a polygon.
  ASSERT_EQ(r.service_areas.size(), 4u);
  for (const ServiceArea& a : r.service_areas) {
    EXPECT_FALSE(a.wkb.empty()) << a.id;
    EXPECT_GT(a.area_m2, 0) << a.id;
  }
  // Shelter A walks 300 m east along the road; buffered by 30 m: about 330 x 60 m.
  EXPECT_NEAR(r.service_areas[0].area_m2, 300 * 60 + 3.1416 * 30 * 30 / 2, 1500);
}

TEST(TinyDistrict, GridDemandConservesPeopleAndArea) {
  Tiny t;
  CoverageOptions o = test::tiny_options(5);
  o.grid_m = 50;
  o.service_areas = false;
  const CoverageReport r = analyse_coverage(t.data, t.roads, o);
  int64_t people = 0;
  std::map<std::string, double> per_area;
  for (const DemandPoint& d : r.demand) {
    people += d.people;
    per_area[t.data.areas[d.area].id] += d.population;
    EXPECT_FALSE(d.piece_wkb.empty());
  }
  EXPECT_EQ(people, 1000);
  EXPECT_NEAR(per_area["C1"], 300, 1e-6);
  EXPECT_NEAR(per_area["C2"], 200, 1e-6);
  EXPECT_NEAR(per_area["C3"], 500, 1e-6);
  // Walks start at the road point nearest each piece; capacities still bound the result.
  EXPECT_LE(r.service.served_total, 1000);
  EXPECT_LE(r.service.shelter_load[0], 250);
}

TEST(TinyDistrict, SiteSelectionAddsTheMissingShelter) {
  Tiny t;
  CoverageOptions o = test::tiny_options(5);
  o.k = 1;
  o.service_areas = false;
  // Candidates: at C2 (lon .00225) and at C3 (lon .0045). Only the first helps (250 unserved in S1).
  o.candidates = {{"west", {0.002, 0}, 1000}, {"east", {0.0045, 0}, 1000}};
  const CoverageReport r = analyse_coverage(t.data, t.roads, o);
  ASSERT_TRUE(r.sites);
  ASSERT_EQ(r.sites->choice.chosen.size(), 1u);
  EXPECT_EQ(r.sites->choice.chosen[0], 0u);
  EXPECT_EQ(r.sites->choice.before.covered, 750);
  EXPECT_EQ(r.sites->choice.after.covered, 1000);
}

}  // namespace
}  // namespace erde
