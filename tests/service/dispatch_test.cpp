// The dispatch engine behind the service, on the demo district over real sockets: plans on
// submit, the ledger across incidents, re-plan on off duty, closures, queries, replay.
#include <gtest/gtest.h>

#include <set>

#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::InProcessServer;
using testing::TempDir;

const std::string kDemo = ERDE_SOURCE_DIR "/geodata/demo/demo.gpkg";

const Dataset& demo_data() {
  static const Dataset data = load_sources({kDemo}, {}).data;
  return data;
}

StateMachine demo_machine() {
  return make_domain_state_machine(demo_data(),
                                   open_dispatch_index(kDemo, ERDE_SOURCE_DIR "/geodata/profiles.json", 500));
}

LonLat first_risk_point(RiskKind kind) {
  for (const RiskPoint& p : demo_data().risk_points)
    if (p.kind == kind) return p.location;
  ADD_FAILURE() << "demo has no such risk point";
  return {};
}

json at(LonLat p) { return {{"lon", p.lon}, {"lat", p.lat}}; }

json waterlogging(const std::string& id) {
  return {{"id", id}, {"type", "waterlogging"}, {"severity", "major"},
          {"location", at(first_risk_point(RiskKind::waterlogging_point))}};
}

json ok_result(const std::optional<json>& reply) {
  if (!reply) {
    ADD_FAILURE() << "no reply";
    return json::object();
  }
  EXPECT_EQ((*reply)["ok"], true) << reply->dump();
  return (*reply)["result"];
}

std::set<std::string> plan_teams(const json& plan) {
  std::set<std::string> out;
  for (const json& a : plan["teams"]["assigned"]) out.insert(a["team_id"].get<std::string>());
  return out;
}

// Held quantity per (depot, material en) over plans.
std::map<std::pair<std::string, std::string>, double> picks(const json& plan) {
  std::map<std::pair<std::string, std::string>, double> out;
  for (const json& p : plan["materials"]["picks"])
    out[{p["depot_id"].get<std::string>(), p["material"]["en"].get<std::string>()}] += p["quantity"].get<double>();
  return out;
}

double stock(const std::string& depot_id, const std::string& material) {
  double total = 0;
  for (const Depot& d : demo_data().depots)
    if (d.id == depot_id)
      for (const auto& line : d.stock)
        if (to_string(line.material) == material) total += line.quantity;
  return total;
}

struct Session {
  TempDir dir;
  InProcessServer server{testing::insecure_options(dir), demo_machine()};
  zmq::context_t ctx;
  CloneClient clone{ctx, testing::plain_connection(server.ready())};
  Requester& r = clone.requester();

  json command(const std::string& kind, const json& args) {
    json result = ok_result(r.call(kind, args, 30s));
    if (!result["updates"].empty()) {
      EXPECT_TRUE(clone.wait_for(result["updates"].back()["seq"], 10s));
    }
    return result;
  }
  const json& entity(const std::string& topic) { return clone.entities().at(topic); }
};

TEST(DispatchService, SubmitPublishesAPlanAndTheLedgerKeepsIncidentsApart) {
  Session s;
  ASSERT_TRUE(s.server.running()) << s.server.failure();
  ASSERT_TRUE(s.clone.sync());

  json first = s.command("incident.submit", waterlogging("W-1"));
  EXPECT_EQ(first["entity"]["id"], "W-1");
  EXPECT_EQ(first["updates"][1]["topic"], "plan.W-1");
  const json plan1 = s.entity("plan.W-1");
  EXPECT_EQ(plan1["format"], "erde.plan/1");
  ASSERT_FALSE(plan1["teams"]["assigned"].empty());
  for (const json& a : plan1["teams"]["assigned"]) {
    EXPECT_GT(a["eta_s"].get<double>(), 0);
    EXPECT_EQ(s.entity("team." + a["team_id"].get<std::string>())["status"], "dispatched");
    EXPECT_EQ(s.entity("team." + a["team_id"].get<std::string>())["incident"], "W-1");
  }
  const json summary = s.entity("incident.W-1")["plan_summary"];
  EXPECT_EQ(summary["complete"], plan1["complete"]);
  EXPECT_EQ(summary["teams_assigned"], plan1["teams"]["assigned"].size());
  EXPECT_EQ(summary["staffed_eta_s"], plan1["teams"]["staffed_eta_s"]);
  ASSERT_FALSE(plan1["materials"]["picks"].empty());

  s.command("incident.submit", waterlogging("W-2"));
  const json plan2 = s.entity("plan.W-2");
  for (const std::string& t : plan_teams(plan2)) EXPECT_FALSE(plan_teams(plan1).contains(t)) << t;
  auto held = picks(plan1);
  for (const auto& [key, q] : picks(plan2)) held[key] += q;
  for (const auto& [key, q] : held) EXPECT_LE(q, stock(key.first, key.second) + 1e-9) << key.first << " " << key.second;

  json queried = ok_result(s.r.call("query.plan", {{"id", "W-2"}}));
  EXPECT_EQ(queried["plan"], plan2);

  // Closing W-1 frees its stock: a third incident may be promised it again.
  s.command("incident.close", {{"id", "W-1"}});
  for (const std::string& t : plan_teams(plan1)) EXPECT_EQ(s.entity("team." + t)["status"], "returning");
  s.command("incident.submit", waterlogging("W-3"));
  EXPECT_EQ(picks(s.entity("plan.W-3")), picks(plan1));
}

TEST(DispatchService, OffDutyTeamIsReplacedAndTheNewPlanPublished) {
  Session s;
  ASSERT_TRUE(s.server.running()) << s.server.failure();
  ASSERT_TRUE(s.clone.sync());
  s.command("incident.submit", {{"id", "F-1"}, {"type", "fire"}, {"severity", "large"},
                                {"location", at(first_risk_point(RiskKind::waterlogging_point))}});
  const json before = s.entity("plan.F-1");
  ASSERT_FALSE(before["teams"]["assigned"].empty());
  const std::string lost = before["teams"]["assigned"][0]["team_id"];
  json result = s.command("team.status", {{"team", lost}, {"status", "off_duty"}});
  std::vector<std::string> topics;
  for (const json& u : result["updates"]) topics.push_back(u["topic"]);
  ASSERT_GE(topics.size(), 2u);
  EXPECT_EQ(topics[0], "team." + lost);
  EXPECT_EQ(topics[1], "plan.F-1");
  const json after = s.entity("plan.F-1");
  EXPECT_FALSE(plan_teams(after).contains(lost));
  EXPECT_EQ(s.entity("team." + lost)["status"], "off_duty");
  for (const std::string& t : plan_teams(after)) EXPECT_EQ(s.entity("team." + t)["status"], "dispatched") << t;
  if (before["teams"]["shortfall"].empty() && after["teams"]["shortfall"].empty()) {
    EXPECT_EQ(plan_teams(after).size(), plan_teams(before).size());
  }
}

TEST(DispatchService, ADrillIsPlannedButCommitsNothing) {
  Session s;
  ASSERT_TRUE(s.server.running()) << s.server.failure();
  ASSERT_TRUE(s.clone.sync());
  json drill = waterlogging("D-1");
  drill["drill"] = true;
  json result = s.command("incident.submit", drill);
  ASSERT_EQ(result["updates"].size(), 2u);
  const json plan = s.entity("plan.D-1");
  ASSERT_FALSE(plan["teams"]["assigned"].empty());
  for (const std::string& t : plan_teams(plan)) EXPECT_EQ(s.entity("team." + t)["status"], "available");
  s.command("incident.submit", waterlogging("W-1"));
  EXPECT_EQ(plan_teams(s.entity("plan.W-1")), plan_teams(plan));
}

TEST(DispatchService, QueriesNearestAndRouteAndClosuresSlowThemDown) {
  Session s;
  ASSERT_TRUE(s.server.running()) << s.server.failure();
  ASSERT_TRUE(s.clone.sync());
  const LonLat p = first_risk_point(RiskKind::waterlogging_point);
  json nearest = ok_result(s.r.call("query.nearest", {{"location", at(p)}, {"k", 3}}, 30s));
  ASSERT_EQ(nearest.size(), 3u);
  EXPECT_LE(nearest[0]["eta_s"].get<double>(), nearest[1]["eta_s"].get<double>());
  json capable = ok_result(s.r.call("query.nearest", {{"location", at(p)}, {"capability", "drainage"}}, 30s));
  for (const json& t : capable) EXPECT_EQ(t["status"], "available");

  const LonLat base = demo_data().depots.front().location;
  json route = ok_result(s.r.call("query.route", {{"from", at(base)}, {"to", at(p)}}, 30s));
  ASSERT_EQ(route["reachable"], true) << route.dump();
  ASSERT_GE(route["geometry"]["coordinates"].size(), 3u);
  // Close the middle of the route: the trip gets longer or impossible; removing restores it.
  const json mid = route["geometry"]["coordinates"][route["geometry"]["coordinates"].size() / 2];
  s.command("closure.add", {{"id", "C-mid"}, {"reason", "collapse"},
                            {"geometry", {{"type", "Point"}, {"coordinates", mid}}}, {"radius_m", 30}});
  json closed = ok_result(s.r.call("query.route", {{"from", at(base)}, {"to", at(p)}}, 30s));
  if (closed["reachable"] == true) {
    EXPECT_GT(closed["time_s"].get<double>(), route["time_s"].get<double>());
  }
  s.command("closure.remove", {{"id", "C-mid"}});
  json reopened = ok_result(s.r.call("query.route", {{"from", at(base)}, {"to", at(p)}}, 30s));
  EXPECT_EQ(reopened["time_s"], route["time_s"]);
}

// A closure that would close nothing (no road within it, or a ring GEOS cannot use) is refused
// with the reason and never stored or published; a real one still goes through.
TEST(DispatchService, ClosuresThatCloseNothingAreRefused) {
  Session s;
  ASSERT_TRUE(s.server.running()) << s.server.failure();
  ASSERT_TRUE(s.clone.sync());
  auto refused = [&](const json& args, const std::string& words) {
    const std::optional<json> got = s.r.call("closure.add", args, 30s);
    ASSERT_TRUE(got.has_value());
    const json& reply = *got;
    ASSERT_EQ(reply.value("ok", true), false) << reply.dump();
    EXPECT_EQ(reply["error"]["code"], "bad_value") << reply.dump();
    EXPECT_EQ(reply["error"]["field"], "args.geometry") << reply.dump();
    EXPECT_NE(reply["error"]["message"].get<std::string>().find(words), std::string::npos) << reply.dump();
  };
  const LonLat base = demo_data().depots.front().location;
  // 20 km east of the district: no road of it within 25 m.
  refused({{"id", "C-far"}, {"reason", "x"}, {"geometry", {{"type", "Point"}, {"coordinates", {base.lon + 0.2, base.lat}}}}},
          "touches no road");
  const double d = 0.002;
  const json bow = {{"type", "Polygon"},
                    {"coordinates", {{{base.lon - d, base.lat - d}, {base.lon + d, base.lat + d}, {base.lon + d, base.lat - d},
                                      {base.lon - d, base.lat + d}, {base.lon - d, base.lat - d}}}}};
  refused({{"id", "C-bow"}, {"reason", "x"}, {"geometry", bow}}, "not a valid polygon");
  const json listed = ok_result(s.r.call("query.closures", json::object(), 30s));
  EXPECT_TRUE(listed.empty()) << listed.dump();
  EXPECT_EQ(s.clone.entities().count("closure.C-far") + s.clone.entities().count("closure.C-bow"), 0u);
  s.command("closure.add", {{"id", "C-ok"}, {"reason", "collapse"},
                            {"geometry", {{"type", "Point"}, {"coordinates", {base.lon, base.lat}}}}, {"radius_m", 200}});
  EXPECT_EQ(s.entity("closure.C-ok")["id"], "C-ok");
}

TEST(DispatchService, JournalReplayReproducesPlansAndSequence) {
  TempDir dir;
  json plans, snapshot;
  uint64_t seq = 0;
  {
    InProcessServer server(testing::insecure_options(dir), demo_machine());
    ASSERT_TRUE(server.running()) << server.failure();
    zmq::context_t ctx;
    Requester r(ctx, testing::plain_connection(server.ready()));
    ok_result(r.call("incident.submit", waterlogging("W-1"), 30s));
    ok_result(r.call("incident.submit", waterlogging("W-2"), 30s));
    ok_result(r.call("closure.add", {{"id", "C-1"}, {"reason", "flood"},
                                     {"geometry", {{"type", "Point"}, {"coordinates", {113.27, 23.13}}}}},
                     30s));
    json plan = ok_result(r.call("query.plan", {{"id", "W-1"}}));
    const std::string lost = plan["plan"]["teams"]["assigned"][0]["team_id"];
    ok_result(r.call("team.status", {{"team", lost}, {"status", "off_duty"}}, 30s));
    ok_result(r.call("incident.update", {{"id", "W-2"}, {"severity", "large"}}, 30s));
    json snap = testing::pulled_state(r);
    seq = snap["seq"];
    snapshot = snap["state"];
  }
  InProcessServer again(testing::insecure_options(dir), demo_machine());
  ASSERT_TRUE(again.running()) << again.failure();
  EXPECT_EQ(again.ready().seq, seq);
  zmq::context_t ctx;
  Requester r(ctx, testing::plain_connection(again.ready()));
  json snap = testing::pulled_state(r);
  EXPECT_EQ(snap["seq"], seq);
  EXPECT_EQ(snap["state"], snapshot);
}

}  // namespace
}  // namespace erde::service
