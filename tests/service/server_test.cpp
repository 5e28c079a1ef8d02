// The service over real ZeroMQ sockets (ipc, insecure): replies and structured errors, update
// sequence numbers, Clone snapshot + updates, gaps and resync, heartbeats.
#include <gtest/gtest.h>

#include <zmq_addon.hpp>

#include "service_fixture.hpp"

namespace erde::service {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::InProcessServer;
using testing::TempDir;

std::string error_code(const std::optional<json>& reply) {
  if (!reply) return "no reply";
  if ((*reply)["ok"] == true) return "ok";
  const json& e = (*reply)["error"];
  return e["code"].get<std::string>() + (e["field"].is_string() ? "@" + e["field"].get<std::string>() : "");
}

std::string raw_code(const std::optional<std::string>& reply) {
  if (!reply) return "no reply";
  return error_code(json::parse(*reply));
}

TEST(Server, RepliesWithResultsAndStructuredErrors) {
  TempDir dir;
  InProcessServer server(testing::insecure_options(dir));
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t ctx;
  Requester r(ctx, testing::plain_connection(server.ready()));

  auto pong = r.call("ping", json::object());
  ASSERT_TRUE(pong);
  EXPECT_EQ((*pong)["result"]["pong"], true);

  auto submitted = r.call("incident.submit", testing::fire_at(113.27, 23.13));
  ASSERT_EQ(error_code(submitted), "ok");
  EXPECT_EQ((*submitted)["seq"], 1);
  EXPECT_EQ((*submitted)["result"]["entity"]["id"], "I-000001");

  EXPECT_EQ(raw_code(r.call_raw({"{not json"})), "bad_json");
  EXPECT_EQ(raw_code(r.call_raw({"{}", "{}"})), "bad_frames");
  EXPECT_EQ(raw_code(r.call_raw({std::string(kDefaultMaxFrameBytes + 10, ' ')})), "too_large");
  EXPECT_EQ(raw_code(r.call_raw({R"({"kind":"incident.submit","args":{"type":5,"location":{"lon":1,"lat":2}}})"})),
            "bad_request@args.type");
  EXPECT_EQ(error_code(r.call("incident.submit", testing::fire_at(113.27, 95.0))), "out_of_range@args.location.lat");
  EXPECT_EQ(error_code(r.call("incident.close", {{"id", "I-999"}})), "unknown_id@args.id");
  EXPECT_EQ(error_code(r.call("team.position", {{"team", "T-fire-1"}, {"location", "here"}})),
            "bad_request@args.location");
  EXPECT_EQ(error_code(r.call("launch.rockets", json::object())), "unknown_kind@kind");
  EXPECT_EQ(error_code(r.call("query.route", json::object())), "not_implemented@kind");
  EXPECT_EQ(error_code(r.call("query.incident", {{"id", "I-000001"}})), "ok");

  // A REQ client (with its empty delimiter frame) is served too.
  zmq::socket_t req(ctx, zmq::socket_type::req);
  req.set(zmq::sockopt::linger, 0);
  req.connect(server.ready().bound.request);
  req.send(zmq::str_buffer(R"({"id":7,"kind":"ping"})"));
  zmq::pollitem_t item{req.handle(), 0, ZMQ_POLLIN, 0};
  ASSERT_EQ(zmq::poll(&item, 1, 5s), 1);
  zmq::message_t reply;
  ASSERT_TRUE(req.recv(reply));
  EXPECT_EQ(json::parse(reply.to_string())["id"], 7);

  // Still alive and consistent after all of that.
  auto after = r.call("ping", json::object());
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)["seq"], 1);
}

TEST(Server, PublishesEveryChangeWithStrictlyIncreasingSequence) {
  TempDir dir;
  InProcessServer server(testing::insecure_options(dir));
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t ctx;
  zmq::socket_t sub(ctx, zmq::socket_type::sub);
  sub.set(zmq::sockopt::linger, 0);
  sub.set(zmq::sockopt::subscribe, "");
  sub.connect(server.ready().bound.publish);
  Requester r(ctx, testing::plain_connection(server.ready()));
  // Wait until the subscription is live: a heartbeat arrives.
  zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
  ASSERT_EQ(zmq::poll(&item, 1, 3s), 1);

  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(error_code(r.call("team.position", {{"team", "T-fire-1"},
                                                   {"location", {{"lon", 113.0 + i * 0.01}, {"lat", 23.1}}}})),
              "ok");
    ASSERT_EQ(error_code(r.call("incident.submit", testing::fire_at(113.2, 23.1))), "ok");
  }
  uint64_t last = 0;
  int updates = 0;
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (updates < 20 && std::chrono::steady_clock::now() < deadline) {
    if (zmq::poll(&item, 1, 200ms) == 0) continue;
    std::vector<zmq::message_t> frames;
    ASSERT_TRUE(zmq::recv_multipart(sub, std::back_inserter(frames)));
    ASSERT_EQ(frames.size(), 3u);
    uint64_t seq = std::stoull(frames[1].to_string());
    auto body = json::parse(frames[2].to_string());
    if (frames[0].to_string() == "HUGZ") {
      EXPECT_GE(seq, last);
      EXPECT_EQ(body["seq"], seq);
      continue;
    }
    EXPECT_EQ(seq, last + 1);
    last = seq;
    ++updates;
    std::string topic = frames[0].to_string();
    EXPECT_TRUE(topic.rfind("team.", 0) == 0 || topic.rfind("incident.", 0) == 0) << topic;
  }
  EXPECT_EQ(updates, 20);
}

TEST(Server, ALateJoinerConvergesFromSnapshotPlusUpdates) {
  TempDir dir;
  InProcessServer server(testing::insecure_options(dir));
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t ctx;
  auto conn = testing::plain_connection(server.ready());
  Requester writer(ctx, conn);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(error_code(writer.call("incident.submit", testing::fire_at(113.2, 23.1))), "ok");

  CloneClient late(ctx, conn);
  ASSERT_TRUE(late.sync());
  EXPECT_EQ(late.seq(), 5u);
  uint64_t last = 0;
  for (int i = 0; i < 5; ++i) {
    auto reply = writer.call("incident.update", {{"id", "I-00000" + std::to_string(i + 1)}, {"severity", "major"}});
    ASSERT_EQ(error_code(reply), "ok");
    last = (*reply)["seq"];
  }
  ASSERT_EQ(error_code(writer.call("closure.add", {{"reason", "r"}, {"geometry", {{"type", "Point"}, {"coordinates", {113.2, 23.1}}}}})), "ok");
  ASSERT_EQ(error_code(writer.call("closure.remove", {{"id", "C-000001"}})), "ok");
  last += 2;
  ASSERT_TRUE(late.wait_for(last, 5s)) << late.seq();

  CloneClient fresh(ctx, conn);
  ASSERT_TRUE(fresh.sync());
  EXPECT_EQ(fresh.seq(), late.seq());
  EXPECT_EQ(fresh.entities(), late.entities());
  EXPECT_EQ(late.entities().at("incident.I-000003")["severity"], "major");
  EXPECT_FALSE(late.entities().contains("closure.C-000001"));
}

TEST(Server, ASlowSubscriberLosesUpdatesNoticesTheGapAndResyncs) {
  TempDir dir;
  auto options = testing::insecure_options(dir);
  options.publish_hwm = 1;
  options.journal.clear();  // speed: this test is about the publisher, not durability
  InProcessServer server(options);
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t ctx;
  auto conn = testing::plain_connection(server.ready());
  conn.receive_hwm = 1;
  CloneClient slow(ctx, conn);
  ASSERT_TRUE(slow.sync());
  slow.pump(300ms);  // subscription established

  Requester writer(ctx, conn);
  std::string long_text(3900, 'x');
  auto start = std::chrono::steady_clock::now();
  uint64_t last = 0;
  for (int i = 0; i < 400; ++i) {  // ~1.6 MB of updates while the subscriber reads nothing
    json args = testing::fire_at(113.2, 23.1);
    args["description"] = long_text;
    auto reply = writer.call("incident.submit", args);
    ASSERT_EQ(error_code(reply), "ok");
    last = (*reply)["seq"];
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 45s) << "the engine was held up by a stalled subscriber";
  ASSERT_TRUE(slow.wait_for(last, 10s)) << slow.seq();
  EXPECT_GE(slow.resyncs(), 1);
  CloneClient fresh(ctx, conn);
  ASSERT_TRUE(fresh.sync());
  EXPECT_EQ(fresh.entities(), slow.entities());
}

TEST(Server, HeartbeatsShowALiveServerAndTheirAbsenceADeadOne) {
  TempDir dir;
  auto server = std::make_unique<InProcessServer>(testing::insecure_options(dir));
  ASSERT_TRUE(server->running()) << server->failure();
  zmq::context_t ctx;
  CloneClient c(ctx, testing::plain_connection(server->ready()));
  ASSERT_TRUE(c.sync());
  c.pump(1s);
  EXPECT_LT(c.silence_ms(), 500);  // heartbeats every 200 ms in the tests
  server.reset();
  c.pump(1200ms);
  EXPECT_GT(c.silence_ms(), 1000);
  EXPECT_FALSE(c.requester().call("ping", json::object(), 300ms));
}

}  // namespace
}  // namespace erde::service
