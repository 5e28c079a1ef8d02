// Drills inside the service, on the demo district over real sockets: drill events on their own
// topics take the next live sequence numbers, never touch live state, go to their own journal,
// and live replay keeps the numbering.
#include <gtest/gtest.h>

#include <zmq_addon.hpp>

#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "service/drill_runner.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::InProcessServer;
using testing::TempDir;

const std::string kDemo = ERDE_SOURCE_DIR "/geodata/demo/demo.gpkg";
const std::string kScenarios = ERDE_SOURCE_DIR "/scenarios";
const std::string kScenario = "hazchem_leak";

StateMachine demo_machine() {
  static const Dataset data = load_sources({kDemo}, {}).data;
  return make_domain_state_machine(data, open_dispatch_index(kDemo, ERDE_SOURCE_DIR "/geodata/profiles.json", 500));
}

struct Message {
  std::string topic;
  uint64_t seq = 0;
  json body;
};

// Receives published messages (heartbeats left out) until one with `last_seq` or the timeout.
std::vector<Message> receive_until(zmq::socket_t& sub, uint64_t last_seq, std::chrono::milliseconds timeout) {
  std::vector<Message> got;
  auto until = std::chrono::steady_clock::now() + timeout;
  std::vector<zmq::message_t> frames;
  while (std::chrono::steady_clock::now() < until && (got.empty() || got.back().seq < last_seq)) {
    zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, 50ms);
    frames.clear();
    if (!zmq::recv_multipart(sub, std::back_inserter(frames), zmq::recv_flags::dontwait)) continue;
    if (frames.size() != 3 || frames[0].to_string_view() == "HUGZ") continue;
    got.push_back({frames[0].to_string(), std::stoull(frames[1].to_string()), json::parse(frames[2].to_string())});
  }
  return got;
}

std::string request_text(int id, const std::string& kind, const json& args) {
  return json{{"id", id}, {"kind", kind}, {"args", args}}.dump();
}

TEST(DrillServe, EventsTakeTheNextSequenceNumbersAndLeaveLiveStateAlone) {
  TempDir dir;
  auto options = testing::insecure_options(dir);
  json state_before;
  uint64_t final_seq = 0;
  {
    InProcessServer server(options, demo_machine());
    ASSERT_TRUE(server.running()) << server.failure();
    zmq::context_t ctx;
    auto connection = testing::plain_connection(server.ready());
    Requester r(ctx, connection);
    CloneClient clone(ctx, connection);
    ASSERT_TRUE(clone.sync());
    zmq::socket_t sub(ctx, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::subscribe, "");
    sub.connect(server.ready().bound.publish);
    // Subscribed once a heartbeat arrives.
    std::vector<zmq::message_t> frames;
    sub.set(zmq::sockopt::rcvtimeo, 3000);
    ASSERT_TRUE(zmq::recv_multipart(sub, std::back_inserter(frames)));
    state_before = testing::pulled_state(r)["state"];

    // Live submissions around the start, in one pipeline: they share the server's wake.
    zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
    dealer.set(zmq::sockopt::linger, 0);
    dealer.set(zmq::sockopt::rcvtimeo, 30000);
    dealer.connect(connection.endpoints.request);
    dealer.send(zmq::buffer(request_text(1, "incident.submit", testing::fire_at(113.27, 23.13))), zmq::send_flags::none);
    dealer.send(zmq::buffer(request_text(2, "drill.start", {{"scenario", kScenario}, {"id", "d1"}, {"speed", 0}})),
                zmq::send_flags::none);
    dealer.send(zmq::buffer(request_text(3, "incident.submit", testing::fire_at(113.28, 23.14))), zmq::send_flags::none);
    for (int n = 0; n < 3; ++n) {
      zmq::message_t reply;
      ASSERT_TRUE(dealer.recv(reply));
      auto j = json::parse(reply.to_string());
      ASSERT_EQ(j["ok"], true) << j.dump();
      if (j["id"] == 2) {
        EXPECT_EQ(j["result"]["id"], "d1");
        EXPECT_TRUE(j["result"]["briefing"].is_array());
      }
    }

    // Finished at speed 0 within a wake or two.
    json status;
    for (int attempt = 0; attempt < 50; ++attempt) {
      status = (*r.call("query.drill", {{"id", "d1"}}))["result"];
      if (status["status"] == "finished") break;
      std::this_thread::sleep_for(100ms);
    }
    ASSERT_EQ(status["status"], "finished") << status.dump();
    EXPECT_TRUE(status["report"].is_object());
    const uint64_t drill_events = status["events"].get<uint64_t>();
    ASSERT_GT(drill_events, 0u);
    final_seq = (*r.call("ping", json::object()))["result"]["seq"].get<uint64_t>();

    auto messages = receive_until(sub, final_seq, 10s);
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages.front().seq, 1u);
    EXPECT_EQ(messages.back().seq, final_seq);
    uint64_t drill_seen = 0, live_seen = 0;
    for (size_t i = 0; i < messages.size(); ++i) {
      if (i > 0) {
        EXPECT_EQ(messages[i].seq, messages[i - 1].seq + 1) << "no gap, strictly increasing";
      }
      if (messages[i].topic.rfind("drill.", 0) == 0) {
        ++drill_seen;
        EXPECT_EQ(messages[i].topic.rfind("drill.d1.", 0), 0u) << messages[i].topic;
        EXPECT_EQ(messages[i].body["drill_id"], "d1");
        EXPECT_EQ(messages[i].body["drill"], true);
      } else {
        ++live_seen;
      }
    }
    EXPECT_EQ(drill_seen, drill_events);
    EXPECT_GE(live_seen, 2u);

    // A Clone replica follows without a resync and keeps drill events out of its state.
    ASSERT_TRUE(clone.wait_for(final_seq, 5s));
    EXPECT_EQ(clone.resyncs(), 0);
    for (const auto& [key, value] : clone.entities()) EXPECT_NE(key.rfind("drill.", 0), 0u) << key;

    // The drill sent teams, but live teams moved only for the two live incidents; live closures
    // are as they were; the only incidents are the live ones.
    bool drill_dispatched = false;
    for (const auto& m : messages) drill_dispatched |= m.topic == "drill.d1.team" && m.body["kind"] == "dispatched";
    EXPECT_TRUE(drill_dispatched);
    json state_after = testing::pulled_state(r)["state"];
    ASSERT_EQ(state_after["teams"].size(), state_before["teams"].size());
    for (size_t t = 0; t < state_after["teams"].size(); ++t) {
      const json& team = state_after["teams"][t];
      if (team["incident"].is_null()) EXPECT_EQ(team, state_before["teams"][t]);
      else EXPECT_TRUE(team["incident"] == "I-000001" || team["incident"] == "I-000002") << team.dump();
    }
    EXPECT_EQ(state_after["closures"], state_before["closures"]);
    ASSERT_EQ(state_after["incidents"].size(), 2u);
    for (const auto& i : state_after["incidents"]) EXPECT_EQ(i["drill"], false);
    state_before = state_after;

    // The drill's own journal: the start request, then every event.
    auto drill_journal = scan_journal(dir.path / "drill-d1.journal");
    ASSERT_EQ(drill_journal.records.size(), 1 + drill_events);
    EXPECT_EQ(json::parse(drill_journal.records[0])["kind"], "drill.start");
    EXPECT_EQ(json::parse(drill_journal.records[1])["event"]["drill_id"], "d1");

    auto stopped = r.call("drill.stop", {{"id", "d1"}});
    EXPECT_EQ((*stopped)["result"]["stopped"], true);
    EXPECT_EQ((*r.call("query.drill", {{"id", "d1"}}))["error"]["code"], "unknown_id");
  }
  // Replaying the live journal skips the drill's numbers exactly.
  InProcessServer again(options, demo_machine());
  ASSERT_TRUE(again.running()) << again.failure();
  EXPECT_EQ(again.ready().seq, final_seq);
  zmq::context_t ctx;
  Requester r(ctx, testing::plain_connection(again.ready()));
  EXPECT_EQ(testing::pulled_state(r)["state"], state_before);
}

Request drill_request(const std::string& kind, const json& args) { return {1, kind, args}; }

json error_of(const std::string& reply) { return json::parse(reply)["error"]; }

TEST(DrillServe, RefusesViewersBadScenariosAndServersWithoutRoads) {
  TempDir dir;
  testing::LogSink log;
  DrillRunner runner(demo_machine().make_drill, kScenarios, dir.path, testing::fixed_clock, log.log());

  auto viewer = error_of(runner.handle(drill_request("drill.start", {{"scenario", kScenario}}), {"wall", Role::viewer}, 0));
  EXPECT_EQ(viewer["code"], "forbidden");
  EXPECT_EQ(viewer["field"], "kind");
  EXPECT_TRUE(log.contains("refused drill.start from wall"));
  auto dispatcher = error_of(runner.handle(drill_request("drill.stop", {{"id", "x"}}), {"duty", Role::dispatcher}, 0));
  EXPECT_EQ(dispatcher["code"], "forbidden");

  auto bad = error_of(runner.handle(drill_request("drill.start", {{"scenario", "no-such"}}), {"admin", Role::admin}, 0));
  EXPECT_EQ(bad["code"], "bad_value");
  EXPECT_EQ(bad["field"], "args.scenario");
  EXPECT_NE(bad["message"].get<std::string>().find("no-such"), std::string::npos) << bad.dump();

  auto bad_id = error_of(runner.handle(drill_request("drill.start", {{"scenario", kScenario}, {"id", "../x"}}),
                                       {"admin", Role::admin}, 0));
  EXPECT_EQ(bad_id["field"], "args.id");

  // A viewer may query.
  auto list = json::parse(runner.handle(drill_request("query.drill", json::object()), {"wall", Role::viewer}, 0));
  EXPECT_EQ(list["ok"], true);
  EXPECT_EQ(list["result"]["drills"], json::array());

  DrillRunner no_roads(make_domain_state_machine(sample_dataset()).make_drill, kScenarios, dir.path,
                       testing::fixed_clock, [](const std::string&) {});
  auto unavailable =
      error_of(no_roads.handle(drill_request("drill.start", {{"scenario", kScenario}}), {"admin", Role::admin}, 0));
  EXPECT_EQ(unavailable["code"], "unavailable");
}

// A keyed drill.start was served as if the key did not exist: a client retrying it with the key
// (as Requester::command does) started a second drill.
TEST(DrillServe, RefusesAnIdempotencyKeyItCannotHonour) {
  TempDir dir;
  testing::LogSink log;
  DrillRunner runner(demo_machine().make_drill, kScenarios, dir.path, testing::fixed_clock, log.log());
  Request keyed = drill_request("drill.start", {{"scenario", kScenario}});
  keyed.idempotency_key = "k-1";
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto refused = error_of(runner.handle(keyed, {"admin", Role::admin}, 0));
    EXPECT_EQ(refused["code"], "bad_request");
    EXPECT_EQ(refused["field"], "idempotency_key");
  }
  auto list = json::parse(runner.handle(drill_request("query.drill", json::object()), {"admin", Role::admin}, 0));
  EXPECT_EQ(list["result"]["drills"], json::array()) << "no drill was started";
}

TEST(DrillServe, StartsOnlyScenariosInsideTheScenariosFolder) {
  TempDir dir;
  const auto folder = dir.path / "scenarios";
  std::filesystem::create_directories(folder / "city");
  std::filesystem::copy_file(kScenarios + "/hazchem_leak.yaml", folder / "city" / "leak.yaml");
  std::filesystem::copy_file(kScenarios + "/hazchem_leak.yaml", dir.path / "outside.yaml");
  std::filesystem::create_symlink(dir.path / "outside.yaml", folder / "link.yaml");
  testing::LogSink log;
  DrillRunner runner(demo_machine().make_drill, folder, dir.path / "journals", testing::fixed_clock, log.log());
  std::filesystem::create_directories(dir.path / "journals");
  const Caller admin{"ops", Role::admin};

  int n = 0;
  auto start = [&](const std::string& scenario) {
    return json::parse(runner.handle(drill_request("drill.start", {{"scenario", scenario}, {"id", "d" + std::to_string(++n)}, {"speed", 0}}),
                                     admin, 0));
  };
  EXPECT_EQ(start("city/leak")["ok"], true);
  EXPECT_EQ(start("city/leak.yaml")["ok"], true);
  for (const std::string& outside : {(dir.path / "outside.yaml").string(), std::string("../outside.yaml"),
                                     std::string("city/../../outside"), std::string("link"), std::string("/etc/passwd"),
                                     std::string("")}) {
    const json reply = start(outside);
    ASSERT_EQ(reply["ok"], false) << outside;
    EXPECT_EQ(reply["error"]["code"], "bad_value") << outside;
    EXPECT_EQ(reply["error"]["field"], "args.scenario") << outside;
  }
  DrillRunner none(demo_machine().make_drill, "", dir.path, testing::fixed_clock, log.log());
  const json refused = json::parse(none.handle(drill_request("drill.start", {{"scenario", "city/leak"}}), admin, 0));
  EXPECT_EQ(refused["error"]["code"], "unavailable");
}

}  // namespace
}  // namespace erde::service
