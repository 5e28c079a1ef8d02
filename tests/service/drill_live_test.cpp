// Drill and live state never touch: no live team is sent to a drill incident, planning a drill
// incident holds no team, material or shelter place, an incident never flips between drill and
// live, and closing a drill incident releases nothing live.
#include <gtest/gtest.h>

#include <set>

#include "demo_machine.hpp"
#include "service/sample_dataset.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::at;
using testing::DemoMachine;

json waterlogging(const std::string& id, bool drill) {
  return {{"id", id}, {"type", "waterlogging"}, {"severity", "major"}, {"drill", drill},
          {"location", at(testing::demo_risk_point(RiskKind::waterlogging_point))}};
}

std::set<std::string> plan_teams(const json& plan) {
  std::set<std::string> out;
  for (const json& a : plan["teams"]["assigned"]) out.insert(a["team_id"].get<std::string>());
  return out;
}

// What a plan commits: its teams, material picks and shelter places.
json commitments(const json& plan) {
  return {{"teams", plan["teams"]["assigned"]}, {"materials", plan["materials"]}, {"evacuation", plan["evacuation"]}};
}

TEST(DrillLive, ALiveTeamCannotBeSentToADrillIncident) {
  DemoMachine s;
  ASSERT_EQ(s.run("incident.submit", waterlogging("DRILL-1", true)), "");
  EXPECT_EQ(s.run("team.status", {{"team", "HC-TM-02"}, {"status", "dispatched"}, {"incident", "DRILL-1"}}),
            "drill_live_mix");
  EXPECT_EQ(s.last_error.field, "args.incident");
  EXPECT_EQ(s.find("teams", "HC-TM-02")["status"], "available");
  // The water rescue team is still there for a live incident that needs it.
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", false)), "");
  EXPECT_TRUE(plan_teams(s.plan("W-1")).contains("HC-TM-02")) << s.plan("W-1").dump();
  // A live incident takes the same team by hand.
  ASSERT_EQ(s.run("incident.submit", {{"id", "W-2"}, {"type", "fire"}, {"location", at(testing::demo_risk_point(RiskKind::high_rise))}}), "");
  EXPECT_EQ(s.run("team.status", {{"team", "HC-TM-01"}, {"status", "dispatched"}, {"incident", "W-2"}}), "");
}

TEST(DrillLive, ThePlainServiceRefusesItToo) {
  StateMachine m = make_domain_state_machine(sample_dataset());
  Command submit{"incident.submit", {{"id", "DRILL-1"}, {"type", "fire"}, {"drill", true},
                                     {"location", {{"lon", 113.27}, {"lat", 23.13}}}}, 1, "t"};
  ASSERT_FALSE(m.validate(submit));
  m.apply(submit);
  auto e = m.validate({"team.status", {{"team", "T-fire-1"}, {"status", "dispatched"}, {"incident", "DRILL-1"}}, 2, "t"});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "drill_live_mix");
}

TEST(DrillLive, PlanningADrillIncidentHoldsNothingLive) {
  DemoMachine with_drill, without;
  const json before = with_drill.state();
  std::vector<Update> u;
  ASSERT_EQ(with_drill.run("incident.submit", waterlogging("DRILL-1", true), &u), "");
  ASSERT_EQ(u.size(), 2u);  // the incident and its plan: no team, no shelter
  const json drill_plan = with_drill.plan("DRILL-1");
  ASSERT_FALSE(drill_plan["teams"]["assigned"].empty()) << drill_plan.dump();
  ASSERT_FALSE(drill_plan["materials"]["picks"].empty()) << drill_plan.dump();
  json after = with_drill.state();
  EXPECT_EQ(after["teams"], before["teams"]);
  EXPECT_EQ(after["shelters"], before["shelters"]);
  // Re-planning it (a changed location or severity) holds nothing either.
  ASSERT_EQ(with_drill.run("incident.update", {{"id", "DRILL-1"}, {"severity", "especially_major"}}, &u), "");
  after = with_drill.state();
  EXPECT_EQ(after["teams"], before["teams"]);
  EXPECT_EQ(after["shelters"], before["shelters"]);
  // A live incident gets exactly what it would have got with no drill about.
  ASSERT_EQ(with_drill.run("incident.submit", waterlogging("W-1", false)), "");
  ASSERT_EQ(without.run("incident.submit", waterlogging("W-1", false)), "");
  EXPECT_EQ(commitments(with_drill.plan("W-1")), commitments(without.plan("W-1")));
  EXPECT_EQ(with_drill.state()["shelters"], without.state()["shelters"]);
}

TEST(DrillLive, AnIncidentNeverFlipsBetweenDrillAndLive) {
  DemoMachine s;
  ASSERT_EQ(s.run("incident.submit", waterlogging("DRILL-1", true)), "");
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", false)), "");
  EXPECT_EQ(s.run("incident.update", {{"id", "DRILL-1"}, {"drill", false}}), "drill_live_mix");
  EXPECT_EQ(s.last_error.field, "args.drill");
  EXPECT_EQ(s.run("incident.update", {{"id", "W-1"}, {"drill", true}, {"severity", "general"}}), "drill_live_mix");
  EXPECT_EQ(s.find("incidents", "DRILL-1")["drill"], true);
  EXPECT_EQ(s.find("incidents", "W-1")["drill"], false);
  EXPECT_EQ(s.find("incidents", "W-1")["severity"], "major");
  // Saying what it already is changes nothing and is allowed with a real change.
  EXPECT_EQ(s.run("incident.update", {{"id", "DRILL-1"}, {"drill", true}, {"address", "演练场"}}), "");
  EXPECT_EQ(s.run("incident.update", {{"id", "DRILL-1"}, {"drill", "yes"}}), "bad_request");
}

TEST(DrillLive, ClosingADrillIncidentReleasesNoLiveTeamOrHold) {
  DemoMachine s;
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", false)), "");
  ASSERT_EQ(s.run("incident.submit", waterlogging("DRILL-1", true)), "");
  const json before = s.state();
  const std::set<std::string> live = plan_teams(s.plan("W-1"));
  ASSERT_FALSE(live.empty());
  // The drill was planned on the teams W-1 left free.
  for (const std::string& t : plan_teams(s.plan("DRILL-1"))) EXPECT_FALSE(live.contains(t)) << t;
  std::vector<Update> u;
  ASSERT_EQ(s.run("incident.close", {{"id", "DRILL-1"}}, &u), "");
  ASSERT_EQ(u.size(), 1u) << u.back().topic;
  EXPECT_EQ(u[0].topic, "incident.DRILL-1");
  const json after = s.state();
  EXPECT_EQ(after["teams"], before["teams"]);
  EXPECT_EQ(after["shelters"], before["shelters"]);
  for (const std::string& t : live) EXPECT_EQ(s.find("teams", t)["status"], "dispatched") << t;
}

}  // namespace
}  // namespace erde::service
