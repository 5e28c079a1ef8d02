// The service keeps one team table: teams are found by id, never by their place in a list (the
// ids here sort apart from the data set's order), every status change goes through the team
// lifecycle, a team's incident follows its status, and plans start a team's trip where the
// table says it is now (plain Dijkstra over the live roads as the oracle).
#include <gtest/gtest.h>

#include <set>

#include "demo_machine.hpp"
#include "dispatch/road_times.hpp"
#include "dispatch/team_position.hpp"
#include "route/route.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::at;

// The demo district with three drainage teams only, in the data set as Z, M, A: their ids sort
// the other way round.
Dataset three_drainage_teams() {
  Dataset data = testing::demo_dataset();
  std::vector<Team> kept;
  for (const auto& [from, id] : {std::pair{"HC-TM-03", "Z-drain"}, {"HC-TM-09", "M-drain"}, {"HC-TM-10", "A-drain"}})
    for (const Team& t : data.teams)
      if (t.id == from) {
        kept.push_back(t);
        kept.back().id = id;
      }
  EXPECT_EQ(kept.size(), 3u);
  data.teams = std::move(kept);
  return data;
}

struct Machine {
  StateMachine m;
  int64_t now = 1763900000000;
  explicit Machine(Dataset data) : m(make_domain_state_machine(std::move(data), testing::demo_road_index())) {}

  // The refusal (code empty when the command was applied, its updates in *updates).
  RequestError run(const std::string& kind, const json& args, std::vector<Update>* updates = nullptr) {
    Command c{kind, args, now++, "tester"};
    if (auto e = m.validate(c)) return *e;
    std::vector<Update> u = m.apply(c);
    if (updates) *updates = std::move(u);
    return {};
  }
  json query(const std::string& kind, const json& args) { return std::get<json>(m.query(kind, args)); }
  json team(const std::string& id) { return query("query.team", {{"id", id}}); }
  json plan(const std::string& incident) { return query("query.plan", {{"id", incident}})["plan"]; }
  json teams_in_snapshot() { return m.snapshot()["teams"]; }
};

json waterlogging(const std::string& id, LonLat where) {
  return {{"id", id}, {"type", "waterlogging"}, {"severity", "general"}, {"location", at(where)}};
}

std::vector<std::string> assigned(const json& plan) {
  std::vector<std::string> out;
  for (const json& a : plan["teams"]["assigned"]) out.push_back(a["team_id"]);
  return out;
}

std::vector<std::string> topics(const std::vector<Update>& updates) {
  std::vector<std::string> out;
  for (const Update& u : updates) out.push_back(u.topic);
  return out;
}

// Seconds by plain Dijkstra over the live roads with the team's profile, as plans drive.
double dijkstra_s(const LiveRoads& roads, const Team& team, LonLat from, LonLat to) {
  const size_t p = roads.profile(team_profile(team));
  const Route r = route(roads.network(p), roads.snap(p, from, reach::kStart), roads.snap(p, to, reach::kEnd));
  return r.reachable ? r.time_ms / 1000.0 : kNoRoute;
}

TEST(TeamTable, TeamsAreFoundByIdWhateverTheirOrderInTheDataSet) {
  const Dataset data = three_drainage_teams();
  Machine s(data);
  // Listed, paged and published in id order.
  std::vector<std::string> listed;
  const json teams = s.query("query.teams", json::object());
  for (const json& t : teams) listed.push_back(t["id"]);
  EXPECT_EQ(listed, (std::vector<std::string>{"A-drain", "M-drain", "Z-drain"}));
  std::vector<std::string> in_snapshot;
  const json snapshot_teams = s.teams_in_snapshot();
  for (const json& t : snapshot_teams) in_snapshot.push_back(t["id"]);
  EXPECT_EQ(in_snapshot, listed);

  // M goes off duty; Z reports from the scene of the coming incident.
  const LonLat scene = testing::demo_risk_point(RiskKind::waterlogging_point);
  std::vector<Update> u;
  ASSERT_EQ(s.run("team.status", {{"team", "M-drain"}, {"status", "off_duty"}}, &u).code, "");
  EXPECT_EQ(topics(u), (std::vector<std::string>{"team.M-drain"}));
  ASSERT_EQ(s.run("team.position", {{"team", "Z-drain"}, {"location", at(scene)}}, &u).code, "");
  EXPECT_EQ(topics(u), (std::vector<std::string>{"team.Z-drain"}));

  // The plan sends Z from where it is; each team's entity says what happened to that team.
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", scene), &u).code, "");
  const json plan = s.plan("W-1");
  ASSERT_EQ(assigned(plan), (std::vector<std::string>{"Z-drain"})) << plan.dump();
  const std::vector<std::string> published = topics(u);
  EXPECT_NE(std::find(published.begin(), published.end(), "team.Z-drain"), published.end());
  EXPECT_EQ(std::count_if(published.begin(), published.end(), [](const std::string& t) { return t.rfind("team.", 0) == 0; }), 1);
  EXPECT_EQ(s.team("Z-drain")["status"], "dispatched");
  EXPECT_EQ(s.team("Z-drain")["incident"], "W-1");
  EXPECT_EQ(s.team("M-drain")["status"], "off_duty");
  EXPECT_TRUE(s.team("M-drain")["incident"].is_null());
  EXPECT_EQ(s.team("A-drain")["status"], "available");
  const json after = s.teams_in_snapshot();
  for (const json& t : after) EXPECT_EQ(t, s.team(t["id"])) << t.dump();
}

TEST(TeamTable, APlanStartsAMovedTeamWhereItIsNow) {
  const Dataset data = three_drainage_teams();
  Machine s(data);
  const LiveRoads oracle(testing::demo_road_index());
  const Team& z = data.teams[0];
  ASSERT_EQ(z.id, "Z-drain");
  // Only Z is free; it reports from another waterlogging point than the scene's.
  ASSERT_EQ(s.run("team.status", {{"team", "M-drain"}, {"status", "off_duty"}}).code, "");
  ASSERT_EQ(s.run("team.status", {{"team", "A-drain"}, {"status", "off_duty"}}).code, "");
  std::vector<LonLat> points;
  for (const RiskPoint& p : data.risk_points)
    if (p.kind == RiskKind::waterlogging_point) points.push_back(p.location);
  ASSERT_GE(points.size(), 2u);
  const LonLat scene = points[0], reported = points[1];
  const double from_base = dijkstra_s(oracle, z, z.base, scene);
  const double from_reported = dijkstra_s(oracle, z, reported, scene);
  ASSERT_TRUE(reachable(from_reported));
  ASSERT_NE(from_base, from_reported);  // the move matters

  ASSERT_EQ(s.run("team.position", {{"team", "Z-drain"}, {"location", at(reported)}}).code, "");
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", scene)).code, "");
  const json plan = s.plan("W-1");
  ASSERT_EQ(assigned(plan), (std::vector<std::string>{"Z-drain"})) << plan.dump();
  EXPECT_EQ(plan["teams"]["assigned"][0]["eta_s"].get<double>(), from_reported);
  // The team keeps its home base; only its position moved.
  EXPECT_EQ(s.team("Z-drain")["base"], at(z.base));
  EXPECT_EQ(s.team("Z-drain")["position"], at(reported));
}

// An incident that moves while its team drives there (a corrected address) is re-planned from
// where the team is by then on its way to the old place, and the team's entity publishes that
// fix: a replica that follows the updates equals the snapshot.
TEST(TeamTable, AMovedIncidentReplansItsTeamFromWhereItIsOnTheWay) {
  Dataset data = three_drainage_teams();
  data.teams.resize(1);
  Machine s(data);
  const LiveRoads oracle(testing::demo_road_index());
  const Team& z = data.teams[0];
  std::vector<LonLat> points;
  for (const RiskPoint& p : data.risk_points)
    if (p.kind == RiskKind::waterlogging_point) points.push_back(p.location);
  ASSERT_GE(points.size(), 2u);
  const double there_s = dijkstra_s(oracle, z, z.base, points[0]);
  ASSERT_GT(there_s, 60.0);
  const int64_t sent_at = s.now;
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", points[0])).code, "");
  ASSERT_EQ(s.team("Z-drain")["position_at"], sent_at);

  s.now = sent_at + static_cast<int64_t>(there_s * 500);  // half-way
  const int64_t moved_at = s.now;
  TeamNow row = team_table(data.teams)[0];
  row.team.status = TeamStatus::dispatched;
  row.position_at = sent_at;
  const LonLat on_the_way = estimated_position(oracle, row, points[0], moved_at);
  ASSERT_FALSE(on_the_way == z.base);
  std::vector<Update> u;
  ASSERT_EQ(s.run("incident.update", {{"id", "W-1"}, {"location", at(points[1])}}, &u).code, "");
  const json plan = s.plan("W-1");
  ASSERT_EQ(assigned(plan), (std::vector<std::string>{"Z-drain"})) << plan.dump();
  EXPECT_EQ(plan["teams"]["assigned"][0]["eta_s"].get<double>(), dijkstra_s(oracle, z, on_the_way, points[1]));
  EXPECT_EQ(s.team("Z-drain")["position"], at(on_the_way));
  EXPECT_EQ(s.team("Z-drain")["position_at"], moved_at);
  const std::vector<std::string> published = topics(u);
  EXPECT_NE(std::find(published.begin(), published.end(), "team.Z-drain"), published.end());
  for (const Update& up : u)
    if (up.topic == "team.Z-drain") {
      EXPECT_EQ(up.body, s.team("Z-drain"));
    }
}

TEST(TeamTable, ALifecycleRefusalNamesTheAllowedChangesAndChangesNothing) {
  Machine s(three_drainage_teams());
  RequestError e = s.run("team.status", {{"team", "A-drain"}, {"status", "on_scene"}});
  EXPECT_EQ(e.code, "conflict");
  EXPECT_EQ(e.field, "args.status");
  EXPECT_NE(e.message.find("cannot go from available (待命) to on_scene (到场); allowed: dispatched (出动), off_duty (离岗)"),
            std::string::npos)
      << e.message;
  EXPECT_EQ(s.team("A-drain")["status"], "available");
  EXPECT_TRUE(s.team("A-drain")["updated_at"].is_null());

  const LonLat scene = testing::demo_risk_point(RiskKind::waterlogging_point);
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", scene)).code, "");
  const std::string sent = assigned(s.plan("W-1")).at(0);
  ASSERT_EQ(s.run("team.status", {{"team", sent}, {"status", "on_scene"}}).code, "");
  e = s.run("team.status", {{"team", sent}, {"status", "available"}});
  EXPECT_EQ(e.code, "conflict");
  EXPECT_NE(e.message.find("allowed: returning (返回), off_duty (离岗)"), std::string::npos) << e.message;
  EXPECT_EQ(s.team(sent)["status"], "on_scene");
  EXPECT_EQ(s.team(sent)["incident"], "W-1");
  EXPECT_EQ(s.run("team.status", {{"team", sent}, {"status", "returning"}, {"incident", "W-1"}}).code, "bad_request");
}

TEST(TeamTable, ATeamSentOnIsOnItsNewIncident) {
  // One drainage team: it serves W-2, goes home, and is the one W-3 gets while W-2 is still open
  // (W-2's plan still lists it).
  Dataset data = three_drainage_teams();
  data.teams.resize(1);
  Machine s(data);
  const LonLat scene = testing::demo_risk_point(RiskKind::waterlogging_point);
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-2", scene)).code, "");
  ASSERT_EQ(assigned(s.plan("W-2")), (std::vector<std::string>{"Z-drain"}));
  for (const char* status : {"on_scene", "returning", "available"})
    ASSERT_EQ(s.run("team.status", {{"team", "Z-drain"}, {"status", status}}).code, "") << status;
  EXPECT_TRUE(s.team("Z-drain")["incident"].is_null());
  std::vector<Update> u;
  ASSERT_EQ(s.run("incident.submit", waterlogging("W-3", scene), &u).code, "");
  ASSERT_EQ(assigned(s.plan("W-3")), (std::vector<std::string>{"Z-drain"}));
  EXPECT_EQ(s.team("Z-drain")["status"], "dispatched");
  EXPECT_EQ(s.team("Z-drain")["incident"], "W-3");
  // Closing W-2 does not call back a team now committed to W-3.
  ASSERT_EQ(s.run("incident.close", {{"id", "W-2"}}, &u).code, "");
  EXPECT_EQ(topics(u), (std::vector<std::string>{"incident.W-2"}));
  EXPECT_EQ(s.team("Z-drain")["status"], "dispatched");
  EXPECT_EQ(s.team("Z-drain")["incident"], "W-3");
  // Closing W-3 does.
  ASSERT_EQ(s.run("incident.close", {{"id", "W-3"}}, &u).code, "");
  EXPECT_EQ(s.team("Z-drain")["status"], "returning");
  EXPECT_EQ(s.team("Z-drain")["incident"], "W-3");
}

// A team on its way home is re-tasked from where it is estimated to be at the new incident's
// time (its last fix, the scene it cleared, and its quickest route home since), and the plan and
// the team's entity say so.
TEST(TeamTable, AReturningTeamIsReTaskedFromWhereItIsEstimatedToBe) {
  Dataset data = three_drainage_teams();
  data.teams.resize(1);
  Machine s(data);
  const LiveRoads oracle(testing::demo_road_index());
  const Team& z = data.teams[0];
  std::vector<LonLat> points;
  for (const RiskPoint& p : data.risk_points)
    if (p.kind == RiskKind::waterlogging_point) points.push_back(p.location);
  ASSERT_GE(points.size(), 2u);
  const LonLat first = points[0], second = points[1];
  const double home_s = dijkstra_s(oracle, z, first, z.base);
  ASSERT_TRUE(reachable(home_s));
  ASSERT_GT(home_s, 60.0);

  ASSERT_EQ(s.run("incident.submit", waterlogging("W-1", first)).code, "");
  ASSERT_EQ(s.run("team.status", {{"team", "Z-drain"}, {"status", "on_scene"}}).code, "");
  EXPECT_EQ(s.team("Z-drain")["position"], at(first));  // on scene is at the scene
  const int64_t left_at = s.now;
  ASSERT_EQ(s.run("team.status", {{"team", "Z-drain"}, {"status", "returning"}}).code, "");
  EXPECT_EQ(s.team("Z-drain")["position"], at(first));
  EXPECT_EQ(s.team("Z-drain")["position_at"], left_at);

  // Half way home by the clock, a second incident.
  s.now = left_at + static_cast<int64_t>(home_s * 500);
  const int64_t called_at = s.now;
  TeamNow row = team_table(data.teams)[0];
  row.team.status = TeamStatus::returning;
  row.position = first;
  row.position_at = left_at;
  const LonLat there = estimated_position(oracle, row, std::nullopt, called_at);
  ASSERT_FALSE(there == first);
  ASSERT_FALSE(there == z.base);
  const double from_there = dijkstra_s(oracle, z, there, second);
  ASSERT_TRUE(reachable(from_there));
  ASSERT_NE(from_there, dijkstra_s(oracle, z, z.base, second));  // where it is matters

  // The duty officer's nearest-team query sees it there too (and at home once it would be).
  const json nearest =
      s.query("query.nearest", {{"location", at(second)}, {"capability", "drainage"}, {"at", called_at}});
  ASSERT_EQ(nearest.size(), 1u) << nearest.dump();
  EXPECT_EQ(nearest[0]["id"], "Z-drain");
  EXPECT_EQ(nearest[0]["re_tasked"], true);
  EXPECT_EQ(nearest[0]["re_tasked_at"], at(there));
  EXPECT_EQ(nearest[0]["eta_s"].get<double>(), from_there);
  const int64_t home_at = left_at + static_cast<int64_t>(home_s * 1000) + 1000;
  const json later = s.query("query.nearest", {{"location", at(second)}, {"at", home_at}});
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0]["re_tasked_at"], at(z.base));
  EXPECT_EQ(later[0]["eta_s"].get<double>(), dijkstra_s(oracle, z, z.base, second));

  ASSERT_EQ(s.run("incident.submit", waterlogging("W-2", second)).code, "");
  const json plan = s.plan("W-2");
  ASSERT_EQ(assigned(plan), (std::vector<std::string>{"Z-drain"})) << plan.dump();
  const json& a = plan["teams"]["assigned"][0];
  EXPECT_EQ(a["eta_s"].get<double>(), from_there);
  EXPECT_EQ(a["re_tasked"], true);
  EXPECT_EQ(a["re_tasked_from"], "W-1");
  EXPECT_EQ(s.team("Z-drain")["status"], "dispatched");
  EXPECT_EQ(s.team("Z-drain")["incident"], "W-2");
  EXPECT_EQ(s.team("Z-drain")["position"], at(there));
  EXPECT_EQ(s.team("Z-drain")["position_at"], called_at);
}

}  // namespace
}  // namespace erde::service
