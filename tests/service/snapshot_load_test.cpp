// A large live state taken page by page over real sockets (issue 13): 20,000 open incidents
// with their plans on the demo district. While one client pulls the whole paged snapshot, with
// commands run between its pages, another client watches the heartbeats (HUGZ on SUB) and ping
// round trips: heartbeats never stop, pings are answered, every page stays within its bound,
// and the replica (pages + the updates after the FIRST page) equals the state machine's own
// full snapshot. ERDE_SNAPSHOT_TEST_INCIDENTS changes the number of incidents (at least 100).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <cstdlib>
#include <random>

#include <zmq_addon.hpp>

#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "service/snapshot_pages.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Steady = std::chrono::steady_clock;
using testing::InProcessServer;
using testing::TempDir;

const std::string kDemo = ERDE_SOURCE_DIR "/geodata/demo/demo.gpkg";

StateMachine demo_machine() {
  static const Dataset data = load_sources({kDemo}, {}).data;
  return make_domain_state_machine(data, open_dispatch_index(kDemo, ERDE_SOURCE_DIR "/geodata/profiles.json", 500));
}

// 20,000 in an optimised build; a sanitizer or debug build plans ten times fewer (and takes
// smaller pages, so there are still many).
size_t incident_count() {
  if (const char* n = std::getenv("ERDE_SNAPSHOT_TEST_INCIDENTS")) return std::strtoul(n, nullptr, 10);
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  return 2000;
#else
  return 20000;
#endif
}

double seconds_since(Steady::time_point t) {
  return std::chrono::duration<double>(Steady::now() - t).count();
}

// A second client on its own thread: the gaps between heartbeats on SUB, and ping round trips
// (one ping at a time, every 100 ms).
class Watcher {
 public:
  Watcher(zmq::context_t& ctx, const Connection& conn)
      : sub_(ctx, zmq::socket_type::sub), dealer_(ctx, zmq::socket_type::dealer) {
    configure_client_socket(sub_, conn);
    configure_client_socket(dealer_, conn);
    sub_.set(zmq::sockopt::subscribe, "HUGZ");
    sub_.connect(conn.endpoints.publish);
    dealer_.connect(conn.endpoints.request);
    thread_ = std::thread([this] { run(); });
  }
  ~Watcher() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  double max_gap_s = 0, max_ping_s = 0;
  int heartbeats = 0, pings = 0, pings_late = 0;

 private:
  void run() {
    Steady::time_point last_hugz{}, ping_sent{};
    bool heard = false, awaiting = false;
    auto next_ping = Steady::now();
    uint64_t ping_id = 0;
    while (!stop_) {
      if (!awaiting && Steady::now() >= next_ping) {
        std::string text = json{{"id", ++ping_id}, {"kind", "ping"}}.dump();
        dealer_.send(zmq::buffer(text), zmq::send_flags::none);
        ping_sent = Steady::now();
        awaiting = true;
      }
      if (awaiting && seconds_since(ping_sent) > 3.0) {  // unanswered: count it, ping again
        ++pings_late;
        awaiting = false;
        next_ping = Steady::now();
      }
      zmq::pollitem_t items[2] = {{sub_.handle(), 0, ZMQ_POLLIN, 0}, {dealer_.handle(), 0, ZMQ_POLLIN, 0}};
      zmq::poll(items, 2, 20ms);
      std::vector<zmq::message_t> frames;
      while (zmq::recv_multipart(sub_, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
        auto now = Steady::now();
        if (heard) max_gap_s = std::max(max_gap_s, std::chrono::duration<double>(now - last_hugz).count());
        last_hugz = now;
        heard = true;
        ++heartbeats;
        frames.clear();
      }
      while (zmq::recv_multipart(dealer_, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
        json reply = json::parse(frames.back().to_string(), nullptr, false);
        if (awaiting && reply.is_object() && reply.value("id", json()) == json(ping_id)) {
          max_ping_s = std::max(max_ping_s, seconds_since(ping_sent));
          ++pings;
          awaiting = false;
          next_ping = Steady::now() + 100ms;
        }
        frames.clear();
      }
    }
    // The time since the last heartbeat counts too: a server that went quiet at the end.
    if (heard) max_gap_s = std::max(max_gap_s, seconds_since(last_hugz));
  }

  zmq::socket_t sub_, dealer_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Moves the entities out of a whole-state snapshot, keyed by topic (snapshot_entities without
// copying every plan once more).
std::map<std::string, json> take_entities(json state) {
  static const std::pair<const char*, const char*> collections[] = {
      {"teams", "team."}, {"incidents", "incident."}, {"closures", "closure."}, {"shelters", "shelter."},
      {"depots", "depot."}};
  std::map<std::string, json> out;
  for (const auto& [name, prefix] : collections)
    for (json& e : state[name]) {
      std::string topic = prefix + e["id"].get<std::string>();  // before the move below
      out[topic] = std::move(e);
    }
  for (auto& [id, plan] : state["plans"].items()) out["plan." + id] = std::move(plan);
  return out;
}

json ok_result(const std::optional<json>& reply) {
  EXPECT_TRUE(reply) << "no reply";
  if (!reply) return json();
  EXPECT_TRUE(reply->value("ok", false)) << reply->dump();
  return reply->value("result", json());
}

TEST(SnapshotLoad, AHugeStatePagesWithoutStoppingHeartbeatsAndTheReplicaIsExact) {
  const size_t incidents = incident_count();
  const size_t page_limit = incidents >= 10000 ? kDefaultSnapshotPageBytes : 64 << 10;
  char late_incident[32];  // one whose pages come late
  std::snprintf(late_incident, sizeof late_incident, "I-%06zu", incidents - 10);
  TempDir dir;
  auto options = testing::insecure_options(dir);
  options.clock = system_clock_ms();
  options.heartbeat = 200ms;
  StateMachine machine = demo_machine();
  StateMachine oracle = machine;  // shares the live state: read after the server stops
  auto server = std::make_unique<InProcessServer>(options, std::move(machine));
  ASSERT_TRUE(server->running()) << server->failure();
  const Connection conn = testing::plain_connection(server->ready());
  zmq::context_t ctx;

  // The state: incidents submitted in a pipeline, each planned against the others' holds.
  const auto build_start = Steady::now();
  {
    zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
    configure_client_socket(dealer, conn);
    dealer.connect(conn.endpoints.request);
    std::mt19937 random(20261202);
    std::uniform_real_distribution<double> lon(113.256, 113.315), lat(23.108, 23.152);
    size_t sent = 0, acked = 0;
    while (acked < incidents) {
      while (sent < incidents && sent - acked < 256) {
        json args = {{"type", sent % 3 ? "fire" : "waterlogging"}, {"severity", sent % 2 ? "general" : "large"},
                     {"location", {{"lon", lon(random)}, {"lat", lat(random)}}}};
        std::string text = json{{"id", sent}, {"kind", "incident.submit"}, {"args", args}}.dump();
        dealer.send(zmq::buffer(text), zmq::send_flags::none);
        ++sent;
      }
      zmq::pollitem_t item{dealer.handle(), 0, ZMQ_POLLIN, 0};
      ASSERT_GT(zmq::poll(&item, 1, 60s), 0) << "no reply after " << acked << " incidents";
      std::vector<zmq::message_t> frames;
      ASSERT_TRUE(zmq::recv_multipart(dealer, std::back_inserter(frames)));
      json reply = json::parse(frames.back().to_string());
      ASSERT_TRUE(reply["ok"]) << reply.dump();
      ++acked;
    }
  }
  const double build_s = seconds_since(build_start);

  // The puller subscribes first (and keeps everything that comes), then takes the pages.
  zmq::socket_t sub(ctx, zmq::socket_type::sub);
  configure_client_socket(sub, conn);
  sub.set(zmq::sockopt::rcvhwm, 0);
  sub.set(zmq::sockopt::subscribe, "");
  sub.connect(conn.endpoints.publish);
  {
    std::vector<zmq::message_t> frames;
    sub.set(zmq::sockopt::rcvtimeo, 5000);
    ASSERT_TRUE(zmq::recv_multipart(sub, std::back_inserter(frames))) << "subscribed: no heartbeat";
  }
  Watcher watcher(ctx, conn);
  std::this_thread::sleep_for(500ms);  // the watcher's first heartbeats
  Requester pager(ctx, conn), commands(ctx, conn);
  const std::string team = ok_result(commands.call("query.teams", json::object())).at(0).at("id");
  Replica replica;
  std::vector<size_t> page_bytes;
  uint64_t first_seq = 0, last_seq = 0;
  int commands_run = 0;
  const auto pull_start = Steady::now();
  for (size_t page = 0;; ++page) {
    json args = json::object();
    if (replica.loading()) args["after"] = replica.next_after();
    if (page_limit != kDefaultSnapshotPageBytes) args["max_bytes"] = page_limit;
    std::string request = json{{"id", page}, {"kind", "snapshot"}, {"args", args}}.dump();
    auto frame = pager.call_raw({request}, 30s);
    ASSERT_TRUE(frame) << "no page " << page;
    page_bytes.push_back(frame->size());
    json reply = json::parse(*frame);
    ASSERT_TRUE(reply["ok"]) << reply.dump().substr(0, 300);
    last_seq = reply["result"]["seq"];
    if (page == 0) first_seq = last_seq;
    if (replica.load_snapshot(reply["result"])) break;
    ASSERT_TRUE(replica.loading()) << "page " << page << " was refused by the replica";
    // Commands between pages change entities on pages already taken, on pages still to come,
    // and add and remove some: the merge rule must end in the exact state all the same.
    switch (page) {
      case 0:
        ok_result(commands.call("closure.add", {{"id", "C-1"}, {"reason", "flood"}, {"radius_m", 300},
                                                {"geometry", {{"type", "Point"}, {"coordinates", {113.28, 23.13}}}}}));
        ok_result(commands.call("incident.close", {{"id", "I-000002"}, {"reason", "handled"}}));
        commands_run += 2;
        break;
      case 3:
        ok_result(commands.call("incident.update", {{"id", "I-000005"}, {"severity", "general"}}));
        ok_result(commands.call("incident.submit", {{"type", "fire"}, {"location", {{"lon", 113.29}, {"lat", 23.12}}}}));
        commands_run += 2;
        break;
      case 40:
        ok_result(commands.call("incident.close", {{"id", "I-000010"}}));
        ok_result(commands.call("team.position", {{"team", team}, {"location", {{"lon", 113.27}, {"lat", 23.14}}}}));
        commands_run += 2;
        break;
      case 80:
        ok_result(commands.call("closure.remove", {{"id", "C-1"}}));
        ok_result(commands.call("incident.update", {{"id", late_incident}, {"type", "waterlogging"}}));
        commands_run += 2;
        break;
      default:
        break;
    }
  }
  const double pull_s = seconds_since(pull_start);
  EXPECT_EQ(replica.seq, first_seq);

  // Then the queued updates after the first page, in order, up to the server's sequence now.
  const uint64_t target = ok_result(commands.call("ping", json::object()))["seq"];
  size_t applied = 0;
  sub.set(zmq::sockopt::rcvtimeo, 5000);
  while (replica.seq < target) {
    std::vector<zmq::message_t> frames;
    ASSERT_TRUE(zmq::recv_multipart(sub, std::back_inserter(frames))) << "updates stopped at " << replica.seq;
    ASSERT_EQ(frames.size(), 3u);
    uint64_t seq = std::stoull(frames[1].to_string());
    auto outcome = frames[0].to_string_view() == "HUGZ"
                       ? replica.heartbeat(seq)
                       : replica.apply(frames[0].to_string_view(), seq, frames[2].to_string_view());
    ASSERT_NE(outcome, UpdateOutcome::gap) << "lost updates at " << seq;
    applied += outcome == UpdateOutcome::applied;
  }
  watcher.stop();
  const double seconds = seconds_since(pull_start);

  std::printf("[ snapshot ] %zu incidents built in %.1f s; %zu pages pulled in %.2f s (largest %zu bytes, "
              "%.1f MB in all), seq %llu..%llu, %d commands between pages, %zu updates merged; "
              "heartbeat gap max %.2f s (%d heartbeats), ping max %.3f s (%d pings, %d late) over %.1f s\n",
              incidents, build_s, page_bytes.size(), pull_s, *std::max_element(page_bytes.begin(), page_bytes.end()),
              std::accumulate(page_bytes.begin(), page_bytes.end(), 0.0) / 1e6,
              static_cast<unsigned long long>(first_seq), static_cast<unsigned long long>(last_seq), commands_run,
              applied, watcher.max_gap_s, watcher.heartbeats, watcher.max_ping_s, watcher.pings, watcher.pings_late,
              seconds);
  EXPECT_EQ(commands_run, 8);
  EXPECT_GT(last_seq, first_seq) << "the commands ran between the pages";
  // Heartbeats never stop and pings are answered (a correctness property, not a speed target).
  EXPECT_LT(watcher.max_gap_s, 3.0);
  EXPECT_GT(watcher.heartbeats, 1);
  EXPECT_EQ(watcher.pings_late, 0);
  // Every page within its bound: its entities plus the reply's own few bytes.
  for (size_t n = 0; n < page_bytes.size(); ++n) EXPECT_LE(page_bytes[n], page_limit + 200) << "page " << n;

  // The oracle: the machine's own whole-state snapshot of the same (now still) state.
  server->stop();
  auto expected = take_entities(oracle.snapshot());
  EXPECT_EQ(replica.entities.size(), expected.size());
  size_t wrong = 0;
  for (const auto& [topic, value] : expected) {
    auto it = replica.entities.find(topic);
    if (it != replica.entities.end() && it->second == value) continue;
    if (++wrong <= 5)
      ADD_FAILURE() << topic << (it == replica.entities.end() ? " missing" : " differs: " + it->second.dump().substr(0, 300));
  }
  EXPECT_EQ(wrong, 0u);
  char added[32];  // the incident submitted between pages
  std::snprintf(added, sizeof added, "I-%06zu", incidents + 1);
  EXPECT_TRUE(expected.count("closure.C-1") == 0 && expected.count(std::string("incident.") + added) == 1);
  EXPECT_EQ(expected.at("incident.I-000002")["status"], "closed");
}

// The C++ CloneClient takes many small pages and converges with the updates around them.
TEST(SnapshotLoad, TheCloneClientSyncsAcrossManySmallPages) {
  TempDir dir;
  InProcessServer server(testing::insecure_options(dir));
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t ctx;
  const Connection conn = testing::plain_connection(server.ready());
  Requester r(ctx, conn);
  for (int n = 0; n < 60; ++n) {
    json args = testing::fire_at(113.2 + n * 1e-3, 23.1);
    args["description"] = std::string(300, 'd');
    ok_result(r.call("incident.submit", args));
  }
  CloneClient clone(ctx, conn);
  clone.set_page_bytes(kMinSnapshotPageBytes);
  ASSERT_TRUE(clone.sync());
  EXPECT_GT(clone.pages(), 5u);
  ok_result(r.call("incident.close", {{"id", "I-000001"}}));
  uint64_t seq = ok_result(r.call("incident.submit", testing::fire_at(113.3, 23.1)))["updates"].back()["seq"];
  ASSERT_TRUE(clone.wait_for(seq, 5s));
  auto fresh = pull_snapshot(r);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->seq, seq);
  EXPECT_EQ(clone.entities(), fresh->entities);
  EXPECT_EQ(clone.resyncs(), 0);
}

}  // namespace
}  // namespace erde::service
