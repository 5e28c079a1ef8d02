// Where an incident may be: a location farther than kDistrictReachM from every road of the
// district (a failed geocode at 0°, 0°) is refused, on submit and on update; one inside reach
// but beyond the snap distance is planned and its plan flagged "unroutable" with the distance.
#include <gtest/gtest.h>

#include <algorithm>

#include "demo_machine.hpp"
#include "graph/distance.hpp"
#include "service/sample_dataset.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::at;
using testing::DemoMachine;

// The demo roads' northernmost node.
LonLat northernmost_node() {
  static const LonLat p = [] {
    auto roads = open_dispatch_index(testing::kDemoGpkg, ERDE_SOURCE_DIR "/geodata/profiles.json", 500);
    const auto& lat = roads->graph.node_lat;
    const size_t k = static_cast<size_t>(std::max_element(lat.begin(), lat.end()) - lat.begin());
    return LonLat{roads->graph.node_lon[k], lat[k]};
  }();
  return p;
}

// `north_m` north of the northernmost node: at least that far from every road.
LonLat north_of_roads(double north_m) {
  LonLat p = northernmost_node();
  p.lat += north_m / (kEarthRadiusM * kDegToRad);
  return p;
}

json fire_at(LonLat p, const std::string& id) {
  return {{"id", id}, {"type", "fire"}, {"severity", "large"}, {"location", at(p)}};
}

TEST(District, AFailedGeocodeAtZeroZeroIsRefusedOnSubmitAndUpdate) {
  DemoMachine s;
  EXPECT_EQ(s.run("incident.submit", fire_at({0, 0}, "F-0")), "out_of_range");
  EXPECT_EQ(s.last_error.field, "args.location");
  EXPECT_NE(s.last_error.message.find("outside the district"), std::string::npos) << s.last_error.message;
  EXPECT_NE(s.last_error.message.find("km from the nearest road"), std::string::npos) << s.last_error.message;
  EXPECT_TRUE(s.find("incidents", "F-0").is_null());

  const LonLat good = testing::demo_risk_point(RiskKind::high_rise);
  ASSERT_EQ(s.run("incident.submit", fire_at(good, "F-1")), "");
  EXPECT_EQ(s.run("incident.update", {{"id", "F-1"}, {"location", at({0, 0})}}), "out_of_range");
  EXPECT_EQ(s.last_error.field, "args.location");
  EXPECT_EQ(s.find("incidents", "F-1")["location"], at(good));
  // Swapped lon and lat is as far off.
  EXPECT_EQ(s.run("incident.submit", fire_at({good.lat, good.lon}, "F-2")), "out_of_range");
}

TEST(District, TheLimitIsFiftyKilometresFromTheNearestRoad) {
  DemoMachine s;
  EXPECT_EQ(s.run("incident.submit", fire_at(north_of_roads(kDistrictReachM + 2000), "F-far")), "out_of_range");
  EXPECT_NE(s.last_error.message.find("52."), std::string::npos) << s.last_error.message;
  EXPECT_EQ(s.run("incident.submit", fire_at(north_of_roads(kDistrictReachM - 2000), "F-near")), "");
}

TEST(District, FarFromAnyRoadButInsideIsPlannedAndFlaggedUnroutable) {
  DemoMachine s;
  const LonLat off = north_of_roads(3000);
  ASSERT_EQ(s.run("incident.submit", fire_at(off, "F-off")), "");
  const json plan = s.plan("F-off");
  ASSERT_TRUE(plan.contains("unroutable")) << plan.dump();
  EXPECT_GE(plan["unroutable"]["distance_m"].get<double>(), 2900);
  EXPECT_LT(plan["unroutable"]["distance_m"].get<double>(), 50000);
  EXPECT_EQ(plan["unroutable"]["snap_limit_m"], 500);
  EXPECT_TRUE(plan["teams"]["assigned"].empty()) << plan.dump();
  // The incident list shows it too, without the plan.
  EXPECT_EQ(s.find("incidents", "F-off")["plan_summary"]["unroutable"], plan["unroutable"]);

  // A routable incident has no flag; moved off the roads it gets one, moved back it loses it.
  const LonLat good = testing::demo_risk_point(RiskKind::high_rise);
  ASSERT_EQ(s.run("incident.submit", fire_at(good, "F-1")), "");
  EXPECT_FALSE(s.plan("F-1").contains("unroutable"));
  EXPECT_FALSE(s.plan("F-1")["teams"]["assigned"].empty());
  ASSERT_EQ(s.run("incident.update", {{"id", "F-1"}, {"location", at(off)}}), "");
  EXPECT_TRUE(s.plan("F-1").contains("unroutable"));
  ASSERT_EQ(s.run("incident.update", {{"id", "F-1"}, {"location", at(good)}}), "");
  EXPECT_FALSE(s.plan("F-1").contains("unroutable"));
  EXPECT_FALSE(s.find("incidents", "F-1")["plan_summary"].contains("unroutable"));
}

TEST(District, WithoutRoadsThereIsNothingToMeasureFrom) {
  StateMachine m = make_domain_state_machine(sample_dataset());
  EXPECT_FALSE(m.validate({"incident.submit", {{"type", "fire"}, {"location", {{"lon", 0}, {"lat", 0}}}}, 1, "t"}));
}

TEST(District, NearestTakesAWholeNumberK) {
  DemoMachine s;
  const json where = at(testing::demo_risk_point(RiskKind::high_rise));
  auto r = s.m.query("query.nearest", {{"location", where}, {"k", 1.5}});
  ASSERT_TRUE(std::holds_alternative<RequestError>(r));
  EXPECT_EQ(std::get<RequestError>(r).code, "bad_request");
  EXPECT_EQ(std::get<RequestError>(r).field, "args.k");
  r = s.m.query("query.nearest", {{"location", where}, {"k", 2}});
  ASSERT_TRUE(std::holds_alternative<json>(r));
  EXPECT_EQ(std::get<json>(r).size(), 2u);
}

}  // namespace
}  // namespace erde::service
