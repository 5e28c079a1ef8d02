// Pre-emption through the service: a major incident's plan proposes the teams on their way to
// general incidents; the duty officer's incident.preempt sends one on from where it is estimated
// to be, and the incident it leaves is re-planned. Oracle: plain Dijkstra over the live roads from
// the estimated position (dispatch/team_position.hpp, itself checked against Dijkstra).
#include <gtest/gtest.h>

#include "demo_machine.hpp"
#include "dispatch/road_times.hpp"
#include "dispatch/team_position.hpp"
#include "route/route.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::at;
using testing::DemoMachine;

// The demo district with three of its drainage teams.
Dataset three_drainage_teams() {
  Dataset data = testing::demo_dataset();
  std::erase_if(data.teams, [](const Team& t) { return t.id != "HC-TM-03" && t.id != "HC-TM-09" && t.id != "HC-TM-10"; });
  EXPECT_EQ(data.teams.size(), 3u);
  return data;
}

json waterlogging(const std::string& id, const std::string& severity, LonLat where) {
  return {{"id", id}, {"type", "waterlogging"}, {"severity", severity}, {"location", at(where)}};
}

double dijkstra_s(const LiveRoads& roads, const Team& team, LonLat from, LonLat to) {
  const size_t p = roads.profile(team_profile(team));
  const Route r = route(roads.network(p), roads.snap(p, from, reach::kStart), roads.snap(p, to, reach::kEnd));
  return r.reachable ? r.time_ms / 1000.0 : kNoRoute;
}

std::vector<std::string> topics(const std::vector<Update>& updates) {
  std::vector<std::string> out;
  for (const Update& u : updates) out.push_back(u.topic);
  return out;
}

struct Night {
  Dataset data = three_drainage_teams();
  DemoMachine s{data};
  std::vector<LonLat> points;
  int64_t dispatched_at = 0;
  std::string general_team, large_team;
};

// Two general waterloggings take one drainage team each, a large one the third; then a major one,
// which needs four, finds none free.
void busy_night(Night& n) {
  for (size_t k = 0; k < 4; ++k) n.points.push_back(n.data.risk_points.at(k * 7).location);
  ASSERT_EQ(n.s.run("incident.submit", waterlogging("G-1", "general", n.points[0])), "");
  n.dispatched_at = n.s.now - 1;
  ASSERT_EQ(n.s.run("incident.submit", waterlogging("G-2", "general", n.points[1])), "");
  ASSERT_EQ(n.s.run("incident.submit", waterlogging("L-1", "large", n.points[2])), "");
  n.general_team = n.s.plan("G-1")["teams"]["assigned"][0]["team_id"];
  n.large_team = n.s.plan("L-1")["teams"]["assigned"][0]["team_id"];
}

TEST(ServicePreemption, TheOfficerSendsOnATeamFromAGeneralIncidentAndItIsReplanned) {
  Night n;
  busy_night(n);
  const LiveRoads oracle(testing::demo_road_index());
  const Team& taken = *std::find_if(n.data.teams.begin(), n.data.teams.end(), [&](const Team& t) {
    return t.id == n.general_team;
  });
  const double to_g1 = dijkstra_s(oracle, taken, taken.base, n.points[0]);
  ASSERT_TRUE(reachable(to_g1));
  ASSERT_GT(to_g1, 60.0);
  n.s.now = n.dispatched_at + static_cast<int64_t>(to_g1 * 400);  // 40 % of the way there
  const int64_t called_at = n.s.now;
  ASSERT_EQ(n.s.run("incident.submit", waterlogging("M-1", "major", n.points[3])), "");

  // Where it is by then, and how long from there: what the plan must propose.
  TeamNow row = team_table(std::vector<Team>{taken})[0];
  row.team.status = TeamStatus::dispatched;
  row.position_at = n.dispatched_at;
  const LonLat there = estimated_position(oracle, row, n.points[0], called_at);
  ASSERT_FALSE(there == taken.base);
  const double from_there = dijkstra_s(oracle, taken, there, n.points[3]);
  ASSERT_TRUE(reachable(from_there));

  const json proposed = n.s.plan("M-1")["teams"]["preemption"];
  // For the drainage slots the teams of G-1 and G-2, not L-1's; as street rescue teams they could
  // stand in for the medic too.
  size_t drainage = 0;
  for (const json& o : proposed) {
    if (o["capability"]["en"] == "drainage") ++drainage;
    else EXPECT_TRUE(o.contains("substitute_by")) << o.dump();
    EXPECT_EQ(o["from_severity"]["en"], "general");
    EXPECT_NE(o["team_id"], n.large_team);
    if (o["team_id"] == n.general_team) {
      EXPECT_EQ(o["from_incident"], "G-1");
      EXPECT_EQ(o["eta_s"].get<double>(), from_there);
    }
  }
  EXPECT_EQ(drainage, 2u) << proposed.dump();

  // Refused, with the reason, and nothing changes.
  const json before = n.s.state();
  EXPECT_EQ(n.s.run("incident.preempt", {{"incident", "M-1"}, {"team", n.large_team}}), "conflict");
  EXPECT_NE(n.s.last_error.message.find("may not take a team from L-1, a large (较大) one"), std::string::npos)
      << n.s.last_error.message;
  EXPECT_EQ(n.s.last_error.field, "args.team");
  EXPECT_EQ(n.s.run("incident.preempt", {{"incident", "G-2"}, {"team", n.general_team}}), "conflict");
  EXPECT_EQ(n.s.run("incident.preempt", {{"incident", "M-1"}, {"team", "NO-SUCH"}}), "unknown_id");
  EXPECT_EQ(n.s.run("incident.preempt", {{"incident", "M-9"}, {"team", n.general_team}}), "unknown_id");
  EXPECT_EQ(n.s.run("incident.preempt", {{"incident", "M-1"}, {"team", n.general_team}, {"capability", "swimming"}}),
            "bad_value");
  EXPECT_EQ(n.s.last_error.field, "args.capability");
  EXPECT_EQ(n.s.run("incident.preempt", {{"incident", "M-1"}, {"team", n.general_team}, {"why", "x"}}), "bad_request");
  EXPECT_EQ(n.s.state(), before);

  // Confirmed.
  n.s.now = called_at + 5000;
  const int64_t confirmed_at = n.s.now;
  const LonLat there_now = estimated_position(oracle, row, n.points[0], confirmed_at);
  std::vector<Update> u;
  ASSERT_EQ(n.s.run("incident.preempt", {{"incident", "M-1"}, {"team", n.general_team}}, &u), "")
      << n.s.last_error.message;
  EXPECT_EQ(topics(u), (std::vector<std::string>{"team." + n.general_team, "plan.M-1", "incident.M-1", "plan.G-1",
                                                  "incident.G-1"}));
  const json team = n.s.team(n.general_team);
  EXPECT_EQ(team["status"], "dispatched");
  EXPECT_EQ(team["incident"], "M-1");
  EXPECT_EQ(team["position"], at(there_now));
  EXPECT_EQ(team["position_at"], confirmed_at);

  const json m = n.s.plan("M-1");
  ASSERT_EQ(m["teams"]["assigned"].size(), 1u) << m.dump();
  const json& a = m["teams"]["assigned"][0];
  EXPECT_EQ(a["team_id"], n.general_team);
  EXPECT_EQ(a["filled_by"], "preempted");
  EXPECT_EQ(a["preempted_from"], "G-1");
  EXPECT_EQ(a["eta_s"].get<double>(), dijkstra_s(oracle, taken, there_now, n.points[3]));
  EXPECT_GE(a["route"]["coordinates"].size(), 2u);
  EXPECT_EQ(a["capability"]["en"], "drainage");  // its own capability before a slot it would stand in for
  for (const json& o : m["teams"]["preemption"]) EXPECT_NE(o["team_id"], n.general_team);  // spent

  // G-1 has no free drainage team left: it is short, and asks for one.
  const json g = n.s.plan("G-1");
  EXPECT_TRUE(g["teams"]["assigned"].empty()) << g.dump();
  ASSERT_EQ(g["teams"]["shortfall"].size(), 1u);
  EXPECT_EQ(g["teams"]["shortfall"][0]["capability"]["en"], "drainage");
  ASSERT_EQ(g["mutual_aid"].size(), 1u);
  EXPECT_EQ(g["mutual_aid"][0]["needs"][0]["capability"]["en"], "drainage");

  // The same commands at the same times give the same state (the journal replays it).
  Night again;
  busy_night(again);
  again.s.now = called_at;
  ASSERT_EQ(again.s.run("incident.submit", waterlogging("M-1", "major", again.points[3])), "");
  again.s.now = confirmed_at;
  ASSERT_EQ(again.s.run("incident.preempt", {{"incident", "M-1"}, {"team", again.general_team}}), "");
  EXPECT_EQ(again.s.state(), n.s.state());
}

TEST(ServicePreemption, ADrillIncidentCannotTakeALiveTeam) {
  Night n;
  busy_night(n);
  json drill = waterlogging("D-1", "major", n.points[3]);
  drill["drill"] = true;
  ASSERT_EQ(n.s.run("incident.submit", drill), "");
  EXPECT_FALSE(n.s.plan("D-1")["teams"]["preemption"].empty());  // it shows what could be taken
  EXPECT_EQ(n.s.run("incident.preempt", {{"incident", "D-1"}, {"team", n.general_team}}), "drill_live_mix");
  EXPECT_EQ(n.s.team(n.general_team)["incident"], "G-1");
}

}  // namespace
}  // namespace erde::service
