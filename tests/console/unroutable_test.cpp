// A plan the server flagged "unroutable" (the incident is beyond the snap distance from every
// road) says so under the incident, so the officer checks the location.
#include <gtest/gtest.h>

#include "picture_fixture.hpp"
#include "render.hpp"

namespace erde::console {
namespace {

using nlohmann::json;

TEST(Unroutable, ThePlanLineSaysHowFarTheNearestRoadIs) {
  json snapshot = testing::snapshot_result();
  json& plan = snapshot["state"]["plans"]["I-000001"];
  plan["teams"]["assigned"] = json::array();
  plan["unroutable"] = {{"distance_m", 3200}, {"snap_limit_m", 500}};
  Picture p;
  ASSERT_TRUE(load_snapshot(p, snapshot, 1000));
  RenderOptions o;
  o.now_ms = 1500;
  o.width = 200;
  std::string all;
  for (const auto& line : render_picture(p, o)) all += line + "\n";
  EXPECT_NE(all.find("UNROUTABLE 无法通行: the nearest road is 3.2 km away (routes end 500 m from a road)"),
            std::string::npos)
      << all;
  EXPECT_NE(describe_update("plan.I-000001", nullptr, plan).find("UNROUTABLE"), std::string::npos);
}

TEST(Unroutable, ARoutablePlanSaysNothingOfIt) {
  Picture p;
  ASSERT_TRUE(load_snapshot(p, testing::snapshot_result(), 1000));
  RenderOptions o;
  o.now_ms = 1500;
  for (const auto& line : render_picture(p, o)) EXPECT_EQ(line.find("UNROUTABLE"), std::string::npos) << line;
}

}  // namespace
}  // namespace erde::console
