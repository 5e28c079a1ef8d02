// The reply path over real ZeroMQ sockets (ipc, insecure): a client that pipelines thousands of
// requests before reading gets exactly one reply for each; one that leaves too many unread is
// cut off, told so with a `disconnected` frame, and its requests meanwhile are not applied,
// while other clients and the heartbeats carry on. Counts are checked against the journal.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "service_fixture.hpp"

namespace erde::service {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::InProcessServer;
using testing::TempDir;

constexpr int kPipelined = 20000;
constexpr double kLon0 = 113.2;
constexpr double kLonStep = 1e-6;

json position_request(int id, const std::string& team) {
  return {{"id", id},
          {"kind", "team.position"},
          {"args", {{"team", team}, {"location", {{"lon", kLon0 + id * kLonStep}, {"lat", 23.12}}}}}};
}

int id_of_lon(double lon) { return static_cast<int>(std::lround((lon - kLon0) / kLonStep)); }

// A DEALER that sends everything first and reads afterwards.
class Pipeliner {
 public:
  Pipeliner(zmq::context_t& ctx, const ServerReady& ready) : socket_(ctx, zmq::socket_type::dealer) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.connect(ready.bound.request);
  }
  void send(const json& request) { socket_.send(zmq::buffer(request.dump()), zmq::send_flags::none); }
  // Replies in arrival order, until `count` came (then waits `quiet` more for any extra one) or
  // nothing arrived for `quiet`.
  std::vector<json> read(size_t count, std::chrono::milliseconds quiet = 3s) {
    std::vector<json> replies;
    zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
    for (;;) {
      auto wait = replies.size() >= count ? 300ms : quiet;
      if (zmq::poll(&item, 1, wait) == 0) break;
      zmq::message_t frame;
      while (socket_.recv(frame, zmq::recv_flags::dontwait)) {
        EXPECT_FALSE(frame.more()) << "a reply is one frame";
        replies.push_back(json::parse(frame.to_string()));
      }
    }
    return replies;
  }
  zmq::socket_t& socket() { return socket_; }

 private:
  zmq::socket_t socket_;
};

// Every reply ok, ids 0..n-1 each exactly once, in the order sent.
void expect_each_id_once_in_order(const std::vector<json>& replies, int n) {
  ASSERT_EQ(replies.size(), static_cast<size_t>(n));
  std::vector<int> seen(n, 0);
  int bad = 0;
  int out_of_order = 0;
  for (size_t i = 0; i < replies.size(); ++i) {
    const json& r = replies[i];
    if (r["ok"] != true) ++bad;
    if (!r["id"].is_number_integer()) { ++bad; continue; }
    int id = r["id"];
    ASSERT_TRUE(id >= 0 && id < n) << r.dump();
    ++seen[id];
    if (id != static_cast<int>(i)) ++out_of_order;
  }
  EXPECT_EQ(bad, 0) << replies.front().dump();
  EXPECT_EQ(out_of_order, 0);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), n);
}

// The journal's team.position records: for each team, the request ids (from the longitudes).
std::map<std::string, std::vector<int>> journaled_positions(const std::filesystem::path& journal) {
  std::map<std::string, std::vector<int>> by_team;
  for (const auto& record : scan_journal(journal).records) {
    json r = json::parse(record);
    if (r["kind"] != "team.position") continue;
    by_team[r["args"]["team"]].push_back(id_of_lon(r["args"]["location"]["lon"]));
  }
  return by_team;
}

// The replies of a client cut off (once or more) while it sent requests ids 0..sent-1: answered
// ids in order, and at each cut-off one disconnected frame naming the m requests skipped there,
// after which the ids go on at the next one read. Every id is answered once or counted
// unprocessed. Returns the answered ids.
std::set<int> cut_off_replies(const std::vector<json>& replies, int sent, int at_least) {
  std::set<int> answered;
  int want = 0, skipped = 0, frames = 0;
  for (size_t i = 0; i < replies.size(); ++i) {
    const json& r = replies[i];
    if (r["id"].is_null()) {
      EXPECT_EQ(r["ok"], false);
      EXPECT_EQ(r["error"]["code"], "disconnected");
      EXPECT_TRUE(r["error"]["field"].is_null());
      EXPECT_NE(r["error"]["message"].get<std::string>().find("not processed"), std::string::npos);
      if (frames++ == 0) {
        EXPECT_GE(static_cast<int>(i), at_least) << "cut off before its queue reached the limit";
      }
      const int m = r["error"]["not_processed"];
      EXPECT_GE(m, 1);
      want += m;
      skipped += m;
      continue;
    }
    EXPECT_EQ(r["ok"], true) << r.dump();
    if (r["id"] != want) {
      ADD_FAILURE() << "reply " << i << " answers " << r["id"] << ", not " << want;
      return answered;
    }
    answered.insert(want++);
  }
  EXPECT_GE(frames, 1) << "no disconnected frame among " << replies.size();
  EXPECT_EQ(static_cast<int>(answered.size()) + skipped, sent);
  return answered;
}

TEST(ReplyPath, TwentyThousandPipelinedCommandsGetOneReplyEachAndAreAllJournaled) {
  TempDir dir;
  auto server = std::make_unique<InProcessServer>(testing::insecure_options(dir));
  ASSERT_TRUE(server->running()) << server->failure();
  zmq::context_t ctx;
  Pipeliner client(ctx, server->ready());
  for (int i = 0; i < kPipelined; ++i) client.send(position_request(i, "T-fire-1"));
  auto replies = client.read(kPipelined);
  expect_each_id_once_in_order(replies, kPipelined);
  EXPECT_EQ(replies.back()["seq"], kPipelined);
  server.reset();  // everything durable and closed
  auto journaled = journaled_positions(dir.path / "journal");
  ASSERT_EQ(journaled["T-fire-1"].size(), static_cast<size_t>(kPipelined));
  for (int i = 0; i < kPipelined; ++i) ASSERT_EQ(journaled["T-fire-1"][i], i);
}

TEST(ReplyPath, TwentyThousandPipelinedPingsGetOneReplyEach) {
  TempDir dir;
  InProcessServer server(testing::insecure_options(dir));
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t ctx;
  Pipeliner client(ctx, server.ready());
  for (int i = 0; i < kPipelined; ++i) client.send({{"id", i}, {"kind", "ping"}});
  auto replies = client.read(kPipelined);
  expect_each_id_once_in_order(replies, kPipelined);
  EXPECT_EQ(replies.back()["result"]["pong"], true);
}

TEST(ReplyPath, TwoClientsPipeliningAtOnceEachGetAllTheirReplies) {
  TempDir dir;
  auto server = std::make_unique<InProcessServer>(testing::insecure_options(dir));
  ASSERT_TRUE(server->running()) << server->failure();
  zmq::context_t ctx;
  const std::vector<std::string> teams = {"T-fire-1", "T-water-1"};
  std::vector<std::vector<json>> replies(teams.size());
  std::vector<std::thread> threads;
  for (size_t c = 0; c < teams.size(); ++c)
    threads.emplace_back([&, c] {
      Pipeliner client(ctx, server->ready());
      for (int i = 0; i < kPipelined; ++i) client.send(position_request(i, teams[c]));
      replies[c] = client.read(kPipelined);
    });
  for (auto& t : threads) t.join();
  for (size_t c = 0; c < teams.size(); ++c) {
    SCOPED_TRACE(teams[c]);
    expect_each_id_once_in_order(replies[c], kPipelined);
  }
  server.reset();
  auto journaled = journaled_positions(dir.path / "journal");
  for (const auto& team : teams) {
    ASSERT_EQ(journaled[team].size(), static_cast<size_t>(kPipelined)) << team;
    for (int i = 0; i < kPipelined; ++i) ASSERT_EQ(journaled[team][i], i) << team;
  }
}

TEST(ReplyPath, AClientThatDoesNotReadIsCutOffToldSoAndItsLaterRequestsAreNotApplied) {
  TempDir dir;
  testing::LogSink log;
  auto options = testing::insecure_options(dir, &log);
  options.max_queued_replies = 300;
  auto server = std::make_unique<InProcessServer>(options);
  ASSERT_TRUE(server->running()) << server->failure();
  zmq::context_t ctx;
  std::atomic<bool> done{false};

  // Heartbeats, watched throughout.
  std::vector<std::chrono::steady_clock::time_point> hugz;
  std::thread watcher([&] {
    zmq::socket_t sub(ctx, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::subscribe, "HUGZ");
    sub.connect(server->ready().bound.publish);
    zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
    while (!done) {
      if (zmq::poll(&item, 1, 50ms) == 0) continue;
      zmq::message_t frame;
      while (sub.recv(frame, zmq::recv_flags::dontwait))
        if (!frame.more()) hugz.push_back(std::chrono::steady_clock::now());
    }
  });
  // A well-behaved client moving another team, one request at a time, throughout.
  int good_ok = 0, good_failed = 0;
  std::thread good([&] {
    Requester r(ctx, testing::plain_connection(server->ready()));
    for (int i = 0; !done; ++i) {
      auto reply = r.call("team.position", position_request(i, "T-water-1")["args"], 2s);
      if (reply && (*reply)["ok"] == true) ++good_ok;
      else ++good_failed;
    }
  });

  Pipeliner stuck(ctx, server->ready());
  auto flood_start = std::chrono::steady_clock::now();
  for (int i = 0; i < kPipelined; ++i) stuck.send(position_request(i, "T-fire-1"));
  std::this_thread::sleep_for(500ms);  // the server reads the rest; the client still reads nothing
  auto replies = stuck.read(kPipelined);
  auto flood_end = std::chrono::steady_clock::now();

  std::set<int> answered = cut_off_replies(replies, kPipelined, 300);
  ASSERT_FALSE(::testing::Test::HasFailure());
  ASSERT_FALSE(answered.empty());
  const int last_answered = *answered.rbegin();

  // Served afresh: the team stands where the last processed request put it, and a new request is
  // processed.
  stuck.send({{"id", "after"}, {"kind", "query.team"}, {"args", {{"id", "T-fire-1"}}}});
  stuck.send(position_request(kPipelined, "T-fire-1"));
  auto after = stuck.read(2);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0]["id"], "after");
  EXPECT_EQ(id_of_lon(after[0]["result"]["position"]["lon"]), last_answered) << after[0].dump();
  EXPECT_EQ(after[1]["id"], kPipelined);
  EXPECT_EQ(after[1]["ok"], true);

  done = true;
  good.join();
  watcher.join();
  EXPECT_EQ(good_failed, 0);
  EXPECT_GE(good_ok, 10);
  // Heartbeats kept coming every 200 ms while the client did not read.
  auto flood_ms = std::chrono::duration_cast<std::chrono::milliseconds>(flood_end - flood_start).count();
  EXPECT_GE(static_cast<int64_t>(hugz.size()), flood_ms / 400);
  std::chrono::steady_clock::duration longest{};
  for (size_t i = 1; i < hugz.size(); ++i) longest = std::max(longest, hugz[i] - hugz[i - 1]);
  EXPECT_LT(longest, 1000ms);

  EXPECT_TRUE(log.contains("does not read its replies"));
  EXPECT_TRUE(log.contains("of its requests were not processed; it is served again"));
  server.reset();
  auto journaled = journaled_positions(dir.path / "journal");
  std::set<int> fire(journaled["T-fire-1"].begin(), journaled["T-fire-1"].end());
  answered.insert(kPipelined);
  EXPECT_EQ(journaled["T-fire-1"].size(), answered.size());
  EXPECT_EQ(fire, answered) << "exactly the answered requests were applied";
  EXPECT_EQ(journaled["T-water-1"].size(), static_cast<size_t>(good_ok));
}

TEST(ReplyPath, TheByteLimitCutsOffAClientWhoseUnreadRepliesAreLarge) {
  TempDir dir;
  auto options = testing::insecure_options(dir);
  options.max_queued_reply_bytes = 256 * 1024;
  InProcessServer server(options);
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t ctx;
  Pipeliner client(ctx, server.ready());
  constexpr int kSent = 8000;  // ~1 KiB replies: 8 MB, far beyond what ZeroMQ queues
  for (int i = 0; i < kSent; ++i) client.send({{"id", i}, {"kind", "query.teams"}});
  std::this_thread::sleep_for(300ms);
  auto replies = client.read(kSent);
  ASSERT_FALSE(replies.empty());
  ASSERT_GT(replies.front().dump().size(), 500u);
  auto answered = cut_off_replies(replies, kSent, 256 * 1024 / static_cast<int>(replies.front().dump().size()));
  EXPECT_FALSE(answered.empty());
}

TEST(ReplyPath, RepliesToAClientThatLeftAreDroppedAndLoggedOnce) {
  TempDir dir;
  testing::LogSink log;
  InProcessServer server(testing::insecure_options(dir, &log));
  ASSERT_TRUE(server.running()) << server.failure();
  zmq::context_t ctx;
  {
    Pipeliner leaver(ctx, server.ready());
    for (int i = 0; i < kPipelined; ++i) leaver.send({{"id", i}, {"kind", "ping"}});
    std::this_thread::sleep_for(200ms);
  }  // closed without reading
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!log.contains("is gone") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  std::this_thread::sleep_for(500ms);  // what it sent before leaving is answered to nobody
  Requester other(ctx, testing::plain_connection(server.ready()));
  auto pong = other.call("ping", json::object());
  ASSERT_TRUE(pong);
  EXPECT_EQ((*pong)["ok"], true);
  std::lock_guard lock(log.mutex);
  EXPECT_EQ(std::count_if(log.lines.begin(), log.lines.end(),
                          [](const std::string& l) { return l.find("is gone") != std::string::npos; }),
            1)
      << (log.lines.empty() ? "" : log.lines.back());
}

}  // namespace
}  // namespace erde::service
