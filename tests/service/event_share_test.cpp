// A typhoon night in the service: incidents planned as they came hold stock first come, first
// served; event.share shares it again, most severe first, and each plan says what it gave up.
// Oracle: hand-computed from a district whose only sandbags are 2,100 in one depot.
#include <gtest/gtest.h>

#include "demo_machine.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::at;
using testing::DemoMachine;

constexpr double kSandbags = 2100;  // a general waterlogging asks 200, a major one 2,000

Dataset few_sandbags() {
  Dataset data = testing::demo_dataset();
  for (Depot& d : data.depots) std::erase_if(d.stock, [](const StockItem& s) { return s.material == Material::sandbag; });
  data.depots.at(0).stock.push_back({Material::sandbag, kSandbags, "bag"});
  return data;
}

double sandbags(const json& plan) {
  double q = 0;
  for (const json& p : plan["materials"]["picks"])
    if (p["material"]["en"] == "sandbag") q += p["quantity"].get<double>();
  return q;
}

json waterlogging(const std::string& id, const std::string& severity, LonLat where) {
  return {{"id", id}, {"type", "waterlogging"}, {"severity", severity}, {"location", at(where)}};
}

TEST(EventShare, StockGoesToTheMostSevereIncidentAndTheOtherSaysWhatItGaveUp) {
  const Dataset data = few_sandbags();
  DemoMachine s(data);
  const LonLat w1 = data.risk_points.at(3).location, w2 = data.risk_points.at(40).location;
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", "general", w1)), "");
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-2", "major", w2)), "");
  EXPECT_EQ(sandbags(s.plan("W-1")), 200);
  EXPECT_EQ(sandbags(s.plan("W-2")), kSandbags - 200);  // first come, first served

  // Refusals: nothing changes.
  const json before = s.state();
  EXPECT_EQ(s.run("event.share", {{"incidents", {"W-1"}}}), "bad_request");
  EXPECT_EQ(s.run("event.share", {{"incidents", {"W-1", "W-1"}}}), "bad_value");
  EXPECT_EQ(s.run("event.share", {{"incidents", {"W-1", "NOPE"}}}), "unknown_id");
  EXPECT_EQ(s.last_error.field, "args.incidents.1");
  EXPECT_EQ(s.run("event.share", {{"incidents", "W-1"}}), "bad_request");
  EXPECT_EQ(s.run("event.share", {{"why", 1}}), "bad_request");
  EXPECT_EQ(s.state(), before);

  std::vector<Update> u;
  ASSERT_EQ(s.run("event.share", json::object(), &u), "") << s.last_error.message;
  const json p1 = s.plan("W-1"), p2 = s.plan("W-2");
  EXPECT_EQ(sandbags(p2), 2000);
  EXPECT_EQ(sandbags(p1), kSandbags - 2000);
  ASSERT_EQ(p1["gave_up"].size(), 1u) << p1["gave_up"].dump();
  EXPECT_EQ(p1["gave_up"][0]["kind"], "material");
  EXPECT_EQ(p1["gave_up"][0]["material"]["en"], "sandbag");
  EXPECT_EQ(p1["gave_up"][0]["quantity"].get<double>(), 200 - (kSandbags - 2000));
  EXPECT_EQ(p1["gave_up"][0]["to"], json({"W-2"}));
  EXPECT_TRUE(p2["gave_up"].empty());
  // W-1 now asks for what it gave up; W-2 for nothing it lacked in sandbags.
  bool asks = false;
  for (const json& r : p1["mutual_aid"])
    for (const json& n : r["needs"]) asks = asks || (n["kind"] == "material" && n["material"]["en"] == "sandbag");
  EXPECT_TRUE(asks);
  std::vector<std::string> topics;
  for (const Update& x : u) topics.push_back(x.topic);
  EXPECT_EQ(topics, (std::vector<std::string>{"plan.W-1", "incident.W-1", "plan.W-2", "incident.W-2"}));
  // The teams stay as they were.
  EXPECT_EQ(p1["teams"], before["plans"]["W-1"]["teams"]);

  // Sharing again changes nothing, and the concessions do not pile up.
  ASSERT_EQ(s.run("event.share", {{"incidents", {"W-2", "W-1"}}}), "");
  EXPECT_EQ(s.plan("W-1")["gave_up"], p1["gave_up"]);
  EXPECT_EQ(sandbags(s.plan("W-2")), 2000);

  // Closing W-2 gives its sandbags back to the depot, not to W-1 (plans stand until asked).
  ASSERT_EQ(s.run("incident.close", {{"id", "W-2"}}), "");
  EXPECT_EQ(s.run("event.share", json::object()), "bad_request");  // one open incident left
}

TEST(EventShare, DrillAndClosedIncidentsAreRefused) {
  DemoMachine s(few_sandbags());
  const LonLat w = testing::demo_risk_point(RiskKind::waterlogging_point);
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", "general", w)), "");
  json drill = waterlogging("D-1", "major", w);
  drill["drill"] = true;
  ASSERT_EQ(s.run("incident.submit", drill), "");
  EXPECT_EQ(s.run("event.share", {{"incidents", {"W-1", "D-1"}}}), "drill_live_mix");
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-2", "general", w)), "");
  ASSERT_EQ(s.run("incident.close", {{"id", "W-2"}}), "");
  EXPECT_EQ(s.run("event.share", {{"incidents", {"W-1", "W-2"}}}), "conflict");
}

}  // namespace
}  // namespace erde::service
