// The journal: framing, corrupt and truncated tails, and replay to the same state and sequence.
#include <gtest/gtest.h>


#include "service/service_core.hpp"
#include "service_fixture.hpp"
#include "util/error.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::TempDir;

TEST(Journal, AppendsAndReadsBack) {
  TempDir dir;
  auto path = dir.path / "j";
  {
    Journal j(path);
    EXPECT_TRUE(j.opened().records.empty());
    j.append("one");
    j.append(std::string(1000, 'x'));
  }
  Journal j(path);
  ASSERT_EQ(j.opened().records.size(), 2u);
  EXPECT_EQ(j.opened().records[0], "one");
  EXPECT_TRUE(j.opened().problem.empty());
}

TEST(Journal, AFlippedByteInTheLastRecordIsATornWriteAndIsCut) {
  TempDir dir;
  auto path = dir.path / "j";
  {
    Journal j(path);
    for (int i = 0; i < 5; ++i) j.append("record " + std::to_string(i));
  }
  std::string bytes = testing::read_file(path);
  bytes[bytes.size() - 2] ^= 0x20;
  testing::write_file(path, bytes);
  {
    Journal j(path);
    EXPECT_EQ(j.opened().records.size(), 4u);
    EXPECT_NE(j.opened().problem.find("checksum"), std::string::npos) << j.opened().problem;
    j.append("after repair");
  }
  auto scan = scan_journal(path);
  EXPECT_TRUE(scan.problem.empty());
  ASSERT_EQ(scan.records.size(), 5u);
  EXPECT_EQ(scan.records[4], "after repair");
}

TEST(Journal, AFlippedByteFollowedByValidRecordsIsRefusedAndTheFileKept) {
  TempDir dir;
  auto path = dir.path / "j";
  {
    Journal j(path);
    for (int i = 0; i < 5; ++i) j.append("record " + std::to_string(i));
  }
  std::string bytes = testing::read_file(path);
  size_t third = 8 + 2 * (8 + 8);  // magic + two records of 8 payload bytes
  bytes[third + 8 + 3] ^= 0x20;
  testing::write_file(path, bytes);
  try {
    Journal j(path);
    ADD_FAILURE() << "a damaged record with valid ones after it was accepted";
  } catch (const JournalCorrupt& e) {
    EXPECT_NE(std::string(e.what()).find("record 3 at byte " + std::to_string(third)), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(testing::read_file(path), bytes);
}

TEST(Journal, ATruncatedRecordIsDetectedAtEveryCut) {
  TempDir dir;
  auto path = dir.path / "j";
  {
    Journal j(path);
    j.append("first record");
    j.append("second record");
  }
  std::string whole = testing::read_file(path);
  size_t first_end = 8 + 8 + 12;
  for (size_t cut = first_end + 1; cut < whole.size(); ++cut) {
    testing::write_file(path, whole.substr(0, cut));
    auto scan = scan_journal(path);
    EXPECT_EQ(scan.records.size(), 1u) << "cut at " << cut;
    EXPECT_EQ(scan.valid_bytes, first_end);
    EXPECT_NE(scan.problem.find("truncated"), std::string::npos);
  }
  testing::write_file(path, whole.substr(0, 5));  // a crash while creating the file
  Journal j(path);
  EXPECT_TRUE(j.opened().records.empty());
}

TEST(Journal, AnotherFileIsRefused) {
  TempDir dir;
  testing::write_file(dir.path / "j", "not a journal at all");
  EXPECT_THROW(Journal(dir.path / "j"), Error);
}

// Drives a core with the journal, then replays into a fresh machine.
TEST(Journal, ReplayReachesTheSameStateAndSequence) {
  TempDir dir;
  auto path = dir.path / "j";
  Caller admin{"admin-1", Role::admin};
  int64_t t = 5000;
  Clock clock = [&t] { return t++; };
  std::vector<std::string> requests = {
      R"({"kind":"incident.submit","args":{"type":"waterlogging","location":{"lon":113.27,"lat":23.13}}})",
      R"({"kind":"team.status","args":{"team":"T-water-1","status":"dispatched","incident":"I-000001"}})",
      R"({"kind":"team.status","args":{"team":"T-water-1","status":"on_scene"}})",
      R"({"kind":"team.status","args":{"team":"T-water-1","status":"available"}})",  // refused
      R"({"kind":"closure.add","args":{"reason":"积水","geometry":{"type":"Point","coordinates":[113.27,23.13]},"radius_m":80}})",
      R"({"kind":"incident.close","args":{"id":"I-000001"}})",
      R"({"kind":"query.teams"})",
  };
  json before;
  uint64_t seq_before = 0;
  {
    Journal journal(path);
    ServiceCore core(make_domain_state_machine(sample_dataset()), &journal, clock, {});
    std::vector<Published> out;
    for (const auto& r : requests) core.handle({r}, admin, out);
    EXPECT_EQ(out.size(), 5u);
    for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i].seq, i + 1);
    before = core.machine().snapshot();
    seq_before = core.seq();
  }
  Journal journal(path);
  EXPECT_EQ(journal.opened().records.size(), 5u);
  ServiceCore replayed(make_domain_state_machine(sample_dataset()), &journal,
                       [] { return int64_t{0}; }, {});
  replayed.replay(journal.opened().records);
  EXPECT_EQ(replayed.seq(), seq_before);
  EXPECT_EQ(replayed.machine().snapshot(), before);
}

TEST(Journal, ReplayRefusesARecordThatNoLongerApplies) {
  TempDir dir;
  auto path = dir.path / "j";
  {
    Journal j(path);
    JournalEntry e{0, Command{"team.position", {{"team", "T-gone"}, {"location", {{"lon", 1}, {"lat", 1}}}}, 1, "x"}};
    j.append(encode_journal_entry(e));
  }
  Journal j(path);
  ServiceCore core(make_domain_state_machine(sample_dataset()), &j, [] { return int64_t{0}; }, {});
  EXPECT_THROW(core.replay(j.opened().records), Error);
}

}  // namespace
}  // namespace erde::service
