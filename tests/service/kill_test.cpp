// Durability under SIGKILL: a real server process (this test binary re-executed as a server)
// is killed at random moments while a client sends commands; after each restart no
// acknowledged command is lost, and the end state equals one uninterrupted run of the same
// journaled commands, sequence numbers included.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <map>
#include <set>

#include "service/service_core.hpp"
#include "service_fixture.hpp"

extern char** environ;

namespace erde::service {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kChildVariable = "ERDE_SERVICE_TEST_CHILD";

// In the child, runs the server before GoogleTest starts: "<journal>|<request>|<publish>".
int run_child(const std::string& spec) {
  auto a = spec.find('|');
  auto b = spec.find('|', a + 1);
  ServerOptions o;
  o.journal = spec.substr(0, a);
  o.bind = {spec.substr(a + 1, b - a - 1), spec.substr(b + 1)};
  o.log = [](const std::string&) {};
  std::atomic<bool> stop{false};
  try {
    run_server(o, make_domain_state_machine(sample_dataset()), stop);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "child server: %s\n", e.what());
    return 1;
  }
  return 0;
}

[[maybe_unused]] const bool is_child = [] {
  if (const char* spec = std::getenv(kChildVariable)) std::_Exit(run_child(spec));
  return false;
}();

pid_t spawn_server(const std::string& spec) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e) env_text.emplace_back(*e);
  env_text.push_back(std::string(kChildVariable) + "=" + spec);
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::string exe = "/proc/self/exe";
  std::string arg0 = "erde-test-server";
  char* argv[] = {arg0.data(), nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv, envp.data()) != 0) return -1;
  return pid;
}

void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

// SIGKILLs `pid` at a random moment 30 to 250 ms from now, from a thread to be joined.
std::thread kill_soon(pid_t pid, std::mt19937& random) {
  std::uniform_int_distribution<int> delay_ms(30, 250);
  auto kill_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms(random));
  return std::thread([pid, kill_at] {
    std::this_thread::sleep_until(kill_at);
    ::kill(pid, SIGKILL);
  });
}

// The first ping reply of a server just spawned (it replays its journal first); a server that
// does not answer within 10 s is killed.
std::optional<json> first_pong(Requester& r, pid_t pid) {
  std::optional<json> pong;
  for (int attempt = 0; attempt < 50 && !pong; ++attempt) pong = r.call("ping", json::object(), 200ms);
  if (!pong) kill_and_reap(pid);
  return pong;
}

TEST(KillTest, NoAcknowledgedCommandIsLostAndReplayIsExact) {
  testing::TempDir dir;
  const std::string journal = (dir.path / "journal").string();
  const Endpoints ends{dir.ipc("req"), dir.ipc("pub")};
  const std::string spec = journal + "|" + ends.request + "|" + ends.publish;
  std::mt19937 random(20261123);
  std::set<std::string> acked_incidents;
  uint64_t acked_max_seq = 0;
  int next_incident = 0;
  zmq::context_t ctx;
  const auto test_start = std::chrono::steady_clock::now();

  const int kills = 10;
  for (int round = 0; round <= kills; ++round) {
    pid_t pid = spawn_server(spec);
    ASSERT_GT(pid, 0);
    Requester r(ctx, Connection{ends, std::nullopt, {}});
    std::optional<json> pong = first_pong(r, pid);
    ASSERT_TRUE(pong) << "server did not come up in round " << round;
    EXPECT_GE((*pong)["result"]["seq"].get<uint64_t>(), acked_max_seq);

    // Every acknowledged incident survived every kill so far.
    auto snap = pull_snapshot(r);
    ASSERT_TRUE(snap);
    std::set<std::string> present;
    for (const auto& [topic, i] : snap->entities)
      if (topic.rfind("incident.", 0) == 0) present.insert(i["id"]);
    for (const auto& id : acked_incidents) EXPECT_TRUE(present.contains(id)) << id << " lost in round " << round;

    if (round == kills) {
      // Compare with one uninterrupted run of the journaled commands.
      ::kill(pid, SIGTERM);
      int status = 0;
      ::waitpid(pid, &status, 0);
      auto scan = scan_journal(journal);
      EXPECT_TRUE(scan.problem.empty()) << scan.problem;
      auto reference = make_domain_state_machine(sample_dataset());
      uint64_t seq = 0;
      for (const auto& record : scan.records) {
        JournalEntry e = decode_journal_entry(record);
        EXPECT_EQ(e.seq_before, seq);
        ASSERT_FALSE(reference.validate(e.command)) << record;
        seq += reference.apply(e.command).size();
      }
      EXPECT_EQ(snap->seq, seq);
      EXPECT_EQ(snap->entities, snapshot_entities(reference.snapshot()));
      EXPECT_GE(scan.records.size(), acked_incidents.size());
      break;
    }

    // Commands until a random moment, then SIGKILL while requests are in flight.
    std::thread killer = kill_soon(pid, random);
    for (int n = 0; n < 2000; ++n) {
      std::string id = "K-" + std::to_string(next_incident++);
      auto reply = r.call("incident.submit", testing::fire_at(113.2 + n * 1e-4, 23.1, id), 300ms);
      if (!reply) break;  // the server is gone
      ASSERT_EQ((*reply)["ok"], true) << reply->dump();
      acked_incidents.insert(id);
      acked_max_seq = (*reply)["seq"];
      auto moved = r.call("team.position", {{"team", "T-fire-1"}, {"location", {{"lon", 113.2}, {"lat", 23.0 + n * 1e-4}}}}, 300ms);
      if (!moved) break;
      acked_max_seq = (*moved)["seq"];
    }
    killer.join();
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status)) << "round " << round;
  }
  EXPECT_GT(acked_incidents.size(), 20u);
  EXPECT_LT(std::chrono::steady_clock::now() - test_start, 60s);
}

// Retries across SIGKILLs: every command carries an idempotency key and is retried with it until
// acknowledged, so the server, killed at random moments, applies each exactly once. The
// incidents get server-made ids, so a duplicate would be a second incident.
TEST(KillTest, RetriedKeyedCommandsApplyExactlyOnce) {
  testing::TempDir dir;
  const std::string journal = (dir.path / "journal").string();
  const Endpoints ends{dir.ipc("req"), dir.ipc("pub")};
  const std::string spec = journal + "|" + ends.request + "|" + ends.publish;
  std::mt19937 random(20261202);
  zmq::context_t ctx;
  struct Sent {
    std::string key;
    std::string incident;  // from the acknowledging reply
    int attempts = 0;
    bool duplicate = false;
  };
  std::vector<Sent> commands;
  int retried = 0;
  const int kills = 6;
  for (int round = 0; round <= kills; ++round) {
    pid_t pid = spawn_server(spec);
    ASSERT_GT(pid, 0);
    Requester r(ctx, Connection{ends, std::nullopt, {}});
    std::optional<json> pong = first_pong(r, pid);
    ASSERT_TRUE(pong) << "server did not come up in round " << round;
    std::thread killer;
    if (round < kills) killer = kill_soon(pid, random);
    const size_t until = round < kills ? commands.size() + 3000 : commands.size();
    for (size_t n = 0; n < until; ++n) {
      if (n == commands.size()) commands.push_back({new_idempotency_key(), {}, 0, false});
      Sent& c = commands[n];
      if (!c.incident.empty()) continue;
      json args = testing::fire_at(113.2 + static_cast<double>(n) * 1e-5, 23.1);
      args["description"] = "command " + std::to_string(n);
      std::optional<json> reply;
      do {  // after the last kill a slow reply is simply retried
        reply = r.call("incident.submit", args, 300ms, {}, c.key);
        ++c.attempts;
      } while (!reply && round == kills && c.attempts < 30);
      if (!reply) break;  // killed: retried with the same key after the restart
      ASSERT_EQ((*reply)["ok"], true) << reply->dump();
      c.incident = (*reply)["result"]["entity"]["id"];
      c.duplicate = reply->value("duplicate", false);
      if (c.attempts > 1) ++retried;
      EXPECT_EQ((*reply)["result"]["entity"]["description"], args["description"]);
    }
    if (killer.joinable()) killer.join();
    if (round == kills) ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  // The journal is the oracle: each key once, and its command is the one acknowledged.
  std::map<std::string, int> times;
  for (const auto& record : scan_journal(journal).records) {
    JournalEntry e = decode_journal_entry(record);
    ++times[e.idempotency_key];
  }
  std::set<std::string> incidents;
  for (const auto& c : commands) {
    ASSERT_FALSE(c.incident.empty()) << "command " << c.key << " never acknowledged";
    EXPECT_EQ(times[c.key], 1) << c.key;
    EXPECT_TRUE(incidents.insert(c.incident).second) << c.incident << " acknowledged twice";
  }
  EXPECT_EQ(times.size(), commands.size());
  EXPECT_GT(retried, 0) << "no kill landed between a command and its reply";
}

}  // namespace
}  // namespace erde::service
