// Group commit: the commands of one batch cost one fsync of the journal, and the batch's replies
// leave the server only after it.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <mutex>

#include "service/service_core.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::InProcessServer;
using testing::TempDir;

std::string submit_request(int n) {
  json args = testing::fire_at(113.27, 23.13);
  return json{{"id", n}, {"kind", "incident.submit"}, {"args", args}}.dump();
}

TEST(GroupCommit, ABatchOfCommandsCostsOneSync) {
  TempDir dir;
  Journal journal(dir.path / "j");
  ServiceCore core(make_domain_state_machine(sample_dataset()), &journal, testing::fixed_clock, {});
  core.set_group_commit(true);
  std::vector<Published> out;
  for (int n = 0; n < 10; ++n) core.handle({submit_request(n)}, {"a", Role::admin}, out);
  core.handle({R"({"kind":"query.incidents"})"}, {"a", Role::admin}, out);
  EXPECT_EQ(out.size(), 10u);
  EXPECT_EQ(journal.sync_count(), 0u);
  EXPECT_TRUE(journal.unsynced());
  core.commit();
  EXPECT_EQ(journal.sync_count(), 1u);
  EXPECT_FALSE(journal.unsynced());
  core.commit();  // nothing new: no fsync
  EXPECT_EQ(journal.sync_count(), 1u);
  EXPECT_EQ(scan_journal(dir.path / "j").records.size(), 10u);
}

TEST(GroupCommit, DirectHandleWithoutGroupCommitSyncsEachCommand) {
  TempDir dir;
  Journal journal(dir.path / "j");
  ServiceCore core(make_domain_state_machine(sample_dataset()), &journal, testing::fixed_clock, {});
  std::vector<Published> out;
  for (int n = 0; n < 4; ++n) core.handle({submit_request(n)}, {"a", Role::admin}, out);
  EXPECT_EQ(journal.sync_count(), 4u);
  EXPECT_FALSE(journal.unsynced());
}

// A write that fails mid-batch (here: the file-size limit, as a full disk would) refuses that
// command and every later one while there is no room, and ping says so; the batch's earlier
// commands are still synced by commit(), and once there is room commands are accepted again.
TEST(GroupCommit, AFailedWriteRefusesTheCommandAndKeepsTheBatchBeforeIt) {
  TempDir dir;
  testing::LogSink log;
  Journal journal(dir.path / "j");
  ServiceCore core(make_domain_state_machine(sample_dataset()), &journal, testing::fixed_clock, log.log());
  core.set_group_commit(true);
  std::vector<Published> out;
  auto accepted = [&](int n) {
    return json::parse(core.handle({submit_request(n)}, {"a", Role::admin}, out))["ok"] == true;
  };
  ASSERT_TRUE(accepted(0));
  struct FileSizeLimit {  // this process's, restored on the way out
    rlimit old{};
    void (*previous)(int) = nullptr;
    explicit FileSizeLimit(uintmax_t bytes) {
      ::getrlimit(RLIMIT_FSIZE, &old);
      previous = std::signal(SIGXFSZ, SIG_IGN);
      rlimit small = old;
      small.rlim_cur = bytes;
      ::setrlimit(RLIMIT_FSIZE, &small);
    }
    ~FileSizeLimit() {
      ::setrlimit(RLIMIT_FSIZE, &old);
      std::signal(SIGXFSZ, previous);
    }
  };
  auto journal_health = [&] {
    return json::parse(core.handle({R"({"kind":"ping"})"}, {"a", Role::admin}, out))["result"]["journal"];
  };
  bool second = false, third = false, fourth = false;
  json health_while_full;
  {
    FileSizeLimit limit(std::filesystem::file_size(dir.path / "j") + 200);  // room for one more record
    second = accepted(1);
    third = accepted(2);
    health_while_full = journal_health();
    fourth = accepted(3);
  }
  EXPECT_TRUE(second);
  EXPECT_FALSE(third);
  EXPECT_FALSE(fourth) << "still no room";
  EXPECT_TRUE(journal.broken());
  EXPECT_EQ(health_while_full["ok"], false) << health_while_full.dump();
  EXPECT_NE(health_while_full["error"].get<std::string>().find("write failed"), std::string::npos);
  EXPECT_TRUE(log.contains("write failed"));
  const auto size_while_full = std::filesystem::file_size(dir.path / "j");
  EXPECT_TRUE(accepted(4)) << "room again: accepted without a restart";
  EXPECT_FALSE(journal.broken());
  EXPECT_EQ(journal_health(), json({{"ok", true}}));
  core.commit();
  EXPECT_EQ(journal.sync_count(), 1u);
  auto scan = scan_journal(dir.path / "j");
  EXPECT_TRUE(scan.problem.empty()) << scan.problem;
  EXPECT_EQ(scan.records.size(), 3u);
  EXPECT_GT(std::filesystem::file_size(dir.path / "j"), size_while_full);
  EXPECT_EQ(core.seq(), out.size());
}

TEST(GroupCommit, ServerSyncsOncePerBatchAndRepliesAfterTheSync) {
  TempDir dir;
  struct Batch {
    size_t requests = 0;
    uint64_t syncs = 0;
    size_t replies_seen_by_client = 0;
  };
  std::mutex mutex;
  std::vector<Batch> batches;
  std::atomic<size_t> replies_received{0};
  auto options = testing::insecure_options(dir);
  options.on_commit = [&](const BatchCommitted& b) {
    if (b.requests == 0) return;
    std::lock_guard lock(mutex);
    batches.push_back({b.requests, b.journal_syncs, replies_received.load()});
  };
  InProcessServer server(options);
  ASSERT_TRUE(server.running()) << server.failure();

  constexpr int kRequests = 60;
  zmq::context_t ctx;
  zmq::socket_t dealer(ctx, zmq::socket_type::dealer);
  dealer.set(zmq::sockopt::linger, 0);
  dealer.connect(server.ready().bound.request);
  // Sent before the connection is up: they queue in the client and reach the server together.
  for (int n = 0; n < kRequests; ++n) dealer.send(zmq::buffer(submit_request(n)), zmq::send_flags::none);
  std::vector<uint64_t> seqs;
  dealer.set(zmq::sockopt::rcvtimeo, 5000);
  for (int n = 0; n < kRequests; ++n) {
    zmq::message_t reply;
    ASSERT_TRUE(dealer.recv(reply));
    auto j = json::parse(reply.to_string());
    ASSERT_EQ(j["ok"], true) << j.dump();
    seqs.push_back(j["seq"].get<uint64_t>());
    replies_received.fetch_add(1);
  }
  server.stop();

  std::lock_guard lock(mutex);
  size_t total = 0;
  size_t largest = 0;
  for (size_t i = 0; i < batches.size(); ++i) {
    // No reply of this batch (nor a later one) had reached the client when it was committed.
    EXPECT_LE(batches[i].replies_seen_by_client, total) << "batch " << i;
    total += batches[i].requests;
    largest = std::max(largest, batches[i].requests);
    EXPECT_EQ(batches[i].syncs, i + 1) << "one fsync per batch of commands";
  }
  EXPECT_EQ(total, size_t{kRequests});
  EXPECT_GT(largest, 1u) << "the queued requests should have formed a batch";
  EXPECT_LT(batches.size(), size_t{kRequests});
  for (size_t i = 0; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], i + 1);
  EXPECT_EQ(scan_journal(dir.path / "journal").records.size(), size_t{kRequests});
}

}  // namespace
}  // namespace erde::service
