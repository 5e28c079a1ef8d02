// The console's link against a real server over real sockets: it follows the state by the Clone
// pattern, shows each plan as the server has it, notices a dead server and recovers.
#include <gtest/gtest.h>

#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "live_link.hpp"
#include "render.hpp"
#include "service/service_core.hpp"
#include "service/service_fixture.hpp"

namespace erde::console {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using service::testing::InProcessServer;
using service::testing::TempDir;

const std::string kDemo = ERDE_SOURCE_DIR "/geodata/demo/demo.gpkg";

service::StateMachine demo_machine() {
  static const Dataset data = load_sources({kDemo}, {}).data;
  return service::make_domain_state_machine(
      data, open_dispatch_index(kDemo, ERDE_SOURCE_DIR "/geodata/profiles.json", 500));
}

bool pump_until(LiveLink& link, uint64_t seq, std::chrono::milliseconds timeout) {
  auto end = std::chrono::steady_clock::now() + timeout;
  while (link.picture().replica.seq < seq || !link.picture().replica.synced) {
    if (std::chrono::steady_clock::now() > end) return false;
    link.pump(50ms);
  }
  return true;
}

TEST(LiveLink, FollowsPlansAndTeamStatusesAsTheServerHasThem) {
  TempDir dir;
  InProcessServer server(service::testing::insecure_options(dir), demo_machine());
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t context;
  auto connection = service::testing::plain_connection(server.ready());
  LiveLink link(context, connection);
  ASSERT_TRUE(link.wait_synced(5s));
  EXPECT_EQ(link.picture().replica.seq, 0u);

  service::Requester duty(context, connection);
  auto reply = duty.call("incident.submit", service::testing::fire_at(113.2706, 23.1462, "F-1"), 30s);
  ASSERT_TRUE(reply && reply->value("ok", false)) << (reply ? reply->dump() : "no reply");
  uint64_t last = (*reply)["result"]["updates"].back()["seq"].get<uint64_t>();
  ASSERT_TRUE(pump_until(link, last, 10s));

  // The oracle: the server's own answer to query.plan.
  auto asked = duty.call("query.plan", {{"id", "F-1"}});
  ASSERT_TRUE(asked && asked->value("ok", false));
  const json& server_plan = (*asked)["result"]["plan"];
  const json* plan = plan_of(link.picture(), "F-1");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(*plan, server_plan);
  const json& assigned = server_plan["teams"]["assigned"];
  ASSERT_FALSE(assigned.empty());

  RenderOptions o;
  o.width = 160;
  o.now_ms = steady_ms();
  std::string text;
  for (const auto& line : render_picture(link.picture(), o)) text += line + "\n";
  for (const auto& a : assigned) {
    std::string id = a["team_id"].get<std::string>();
    EXPECT_EQ(link.picture().replica.entities.at("team." + id)["status"], "dispatched");
    EXPECT_NE(text.find(id), std::string::npos) << text;
    EXPECT_NE(text.find("ETA " + format_duration(a["eta_s"].get<double>())), std::string::npos) << text;
  }

  // A dispatcher's team status change, sent through the link itself.
  std::string team = assigned[0]["team_id"];
  link.send("team.status", {{"team", team}, {"status", "on_scene"}}, "status");
  auto answer = link.wait_reply("status", 10s);
  ASSERT_TRUE(answer) << "no reply";
  ASSERT_EQ(refusal_text(answer->body), "");
  ASSERT_TRUE(pump_until(link, answer->body["seq"].get<uint64_t>(), 5s));
  EXPECT_EQ(link.picture().replica.entities.at("team." + team)["status"], "on_scene");
  EXPECT_NE(link.picture().feed.back().text.find("dispatched 出动 → on_scene 到场"), std::string::npos)
      << link.picture().feed.back().text;

  // A refusal comes back as words with the field.
  link.send("team.status", {{"team", team}, {"status", "sleeping"}}, "bad");
  auto refused = link.wait_reply("bad", 10s);
  ASSERT_TRUE(refused);
  EXPECT_NE(refusal_text(refused->body).find("bad_value"), std::string::npos);
  EXPECT_NE(refusal_text(refused->body).find("args.status"), std::string::npos);
}

TEST(LiveLink, NoticesADeadServerAndResyncsWhenItReturns) {
  TempDir dir;
  auto options = service::testing::insecure_options(dir);
  std::optional<InProcessServer> server;
  server.emplace(options);
  ASSERT_TRUE(server->running()) << server->failure();
  zmq::context_t context;
  auto connection = service::testing::plain_connection(server->ready());
  LiveLink link(context, connection);
  ASSERT_TRUE(link.wait_synced(5s));
  {
    service::Requester duty(context, connection);
    auto reply = duty.call("incident.submit", service::testing::fire_at(113.27, 23.13, "A"));
    ASSERT_TRUE(reply && reply->value("ok", false));
  }
  ASSERT_TRUE(pump_until(link, 1, 5s));

  server->stop();
  server.reset();
  auto stopped = std::chrono::steady_clock::now();
  while (!server_silent(link.picture(), steady_ms()) &&
         std::chrono::steady_clock::now() - stopped < 6s)
    link.pump(100ms);
  EXPECT_TRUE(server_silent(link.picture(), steady_ms()));
  EXPECT_NE(render_status(link.picture(), steady_ms()).find("SERVER SILENT"), std::string::npos);

  // Back on the same endpoints and journal; a command made while the console was away arrives
  // through the resync.
  server.emplace(options);
  ASSERT_TRUE(server->running()) << server->failure();
  service::Requester duty(context, connection);
  auto reply = duty.call("incident.submit", service::testing::fire_at(113.28, 23.14, "B"), 10s);
  ASSERT_TRUE(reply && reply->value("ok", false));
  uint64_t last = (*reply)["seq"].get<uint64_t>();
  ASSERT_TRUE(pump_until(link, last, 10s)) << link.picture().replica.seq;
  EXPECT_FALSE(server_silent(link.picture(), steady_ms()));
  EXPECT_EQ(incidents_of(link.picture(), true).size(), 2u);
}

// A command typed while the server is down is sent again with its idempotency key until the
// server is back; all the copies that then arrive make one incident and one reply.
TEST(LiveLink, ACommandSentWhileTheServerIsDownIsAppliedOnceWhenItReturns) {
  TempDir dir;
  auto options = service::testing::insecure_options(dir);
  options.journal = dir.path / "journal";
  std::optional<InProcessServer> server;
  server.emplace(options);
  ASSERT_TRUE(server->running()) << server->failure();
  zmq::context_t context;
  auto connection = service::testing::plain_connection(server->ready());
  LiveLink link(context, connection);
  ASSERT_TRUE(link.wait_synced(5s));
  server->stop();
  server.reset();

  json fire = service::testing::fire_at(113.27, 23.13);
  fire["description"] = "typed while the server was down";
  link.send("incident.submit", fire, "incident");
  auto down = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - down < 7s) link.pump(200ms);  // two retries queue up
  EXPECT_TRUE(link.replies().empty());

  server.emplace(options);
  ASSERT_TRUE(server->running()) << server->failure();
  auto reply = link.wait_reply("incident", 20s);
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->body.value("ok", false), true) << reply->body.dump();
  link.pump(1s);  // the other copies' replies (duplicates) have no one waiting for them
  EXPECT_TRUE(link.replies().empty());

  service::Requester viewer(context, connection);
  auto all = viewer.call("query.incidents", json::object(), 5s);
  ASSERT_TRUE(all && all->value("ok", false)) << (all ? all->dump() : "no reply");
  int copies = 0;
  for (const auto& i : (*all)["result"]) copies += i.value("description", "") == fire["description"];
  EXPECT_EQ(copies, 1);
  size_t submits = 0;
  for (const auto& r : service::scan_journal(options.journal).records)
    submits += service::decode_journal_entry(r).command.kind == "incident.submit";
  EXPECT_EQ(submits, 1u);
}

}  // namespace
}  // namespace erde::console
