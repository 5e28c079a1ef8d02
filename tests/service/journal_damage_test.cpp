// Damage in the journal at every position: a torn last write is trimmed, anything followed by
// valid records refuses to open and keeps the file byte for byte; recovery keeps what it says.
#include <gtest/gtest.h>

#include <random>

#include "service/journal.hpp"
#include "service/journal_recover.hpp"
#include "service/service_core.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using nlohmann::json;
using testing::TempDir;

// Journal entries as the service writes them: entry k moves a team and takes 1 sequence number.
std::vector<std::string> entries(int count) {
  std::vector<std::string> out;
  for (int k = 0; k < count; ++k) {
    Command c{"team.position",
              {{"team", "T-fire-1"}, {"location", {{"lon", 113.27 + k * 1e-5}, {"lat", 23.13}}}},
              1000 + k,
              "duty"};
    out.push_back(encode_journal_entry({static_cast<uint64_t>(k), c}));
  }
  return out;
}

struct Layout {
  std::string bytes;
  std::vector<size_t> starts;  // offset of each record's header
};

Layout write_journal(const std::filesystem::path& path, const std::vector<std::string>& payloads) {
  {
    Journal j(path);
    for (const auto& p : payloads) j.write(p);
    j.sync();
  }
  Layout l{testing::read_file(path), {}};
  size_t at = 8;
  for (const auto& p : payloads) {
    l.starts.push_back(at);
    at += 8 + p.size();
  }
  return l;
}

size_t record_holding(const Layout& l, size_t offset) {
  size_t r = 0;
  while (r + 1 < l.starts.size() && l.starts[r + 1] <= offset) ++r;
  return r;
}

// The oracle is the layout: which record holds the flipped bit decides what must happen.
TEST(JournalDamage, ABitFlippedAnywhereLosesNothingAcknowledged) {
  TempDir dir;
  const auto payloads = entries(40);
  const Layout layout = write_journal(dir.path / "clean", payloads);
  std::mt19937 random(20261202);
  std::uniform_int_distribution<size_t> offset(8, layout.bytes.size() - 1);
  std::uniform_int_distribution<int> bit(0, 7);
  for (int trial = 0; trial < 300; ++trial) {
    const size_t at = offset(random);
    std::string damaged = layout.bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << bit(random)));
    const auto path = dir.path / ("j" + std::to_string(trial));
    testing::write_file(path, damaged);
    const size_t hit = record_holding(layout, at);
    SCOPED_TRACE("bit flipped at byte " + std::to_string(at) + " in record " + std::to_string(hit + 1));
    if (hit + 1 == payloads.size()) {  // the last record: indistinguishable from a torn write
      Journal j(path);
      EXPECT_EQ(j.opened().records.size(), payloads.size() - 1);
      EXPECT_EQ(std::filesystem::file_size(path), layout.starts.back());
      continue;
    }
    EXPECT_THROW(Journal{path}, JournalCorrupt);
    EXPECT_EQ(testing::read_file(path), damaged) << "the damaged journal was changed";
    const JournalReport report = read_journal_report(path);
    ASSERT_EQ(report.damaged.size(), 1u);
    EXPECT_EQ(report.damaged[0].offset, layout.starts[hit]);
    EXPECT_EQ(report.damaged[0].valid_before, hit);
    EXPECT_FALSE(report.torn_tail);
    ASSERT_EQ(report.records.size(), payloads.size() - 1);
    for (size_t k = 0, n = 0; k < payloads.size(); ++k) {
      if (k == hit) continue;
      EXPECT_EQ(report.records[n++].payload, payloads[k]);
    }

    const auto prefix = dir.path / ("prefix" + std::to_string(trial));
    auto kept = recover_journal(path, prefix, RecoverMode::keep_prefix);
    EXPECT_EQ(kept.kept, hit);
    EXPECT_EQ(kept.left_out, payloads.size() - 1 - hit);
    EXPECT_EQ(scan_journal(prefix).records, std::vector<std::string>(payloads.begin(), payloads.begin() + hit));
    EXPECT_EQ(testing::read_file(path), damaged);
  }
}

// Replay of a skip-recovered journal reaches the sequence of the original, the damaged record's
// command missing.
TEST(JournalDamage, SkipRecoveryReplaysTheRestAtTheirOwnSequenceNumbers) {
  TempDir dir;
  const auto payloads = entries(10);
  const Layout layout = write_journal(dir.path / "j", payloads);
  std::string damaged = layout.bytes;
  damaged[layout.starts[4] + 20] ^= 0x04;
  testing::write_file(dir.path / "j", damaged);
  auto outcome = recover_journal(dir.path / "j", dir.path / "new", RecoverMode::skip_damaged);
  EXPECT_EQ(outcome.kept, 9u);
  EXPECT_EQ(outcome.skipped_stretches, 1u);
  EXPECT_EQ(outcome.left_out, 0u);
  EXPECT_NE(outcome.report.find("at byte " + std::to_string(layout.starts[4])), std::string::npos)
      << outcome.report;
  Journal j(dir.path / "new");
  ASSERT_EQ(j.opened().records.size(), 10u);  // 9 records and the marker
  testing::LogSink log;
  ServiceCore core(make_domain_state_machine(sample_dataset()), &j, [] { return int64_t{0}; }, log.log());
  core.replay(j.opened().records);
  EXPECT_EQ(core.seq(), 10u);
  EXPECT_TRUE(log.contains("sequence jumps from 4 to 5")) << "the skip is reported";
  EXPECT_THROW(recover_journal(dir.path / "j", dir.path / "new", RecoverMode::keep_prefix), Error)
      << "an existing output is never overwritten";
}

TEST(JournalDamage, AZeroFilledStretchBeforeValidRecordsIsCorruption) {
  TempDir dir;
  const auto payloads = entries(6);
  const Layout layout = write_journal(dir.path / "j", payloads);
  std::string damaged = layout.bytes;
  std::fill(damaged.begin() + static_cast<long>(layout.starts[2]),
            damaged.begin() + static_cast<long>(layout.starts[4]), '\0');
  testing::write_file(dir.path / "j", damaged);
  auto report = read_journal_report(dir.path / "j");
  ASSERT_EQ(report.damaged.size(), 1u);
  EXPECT_EQ(report.damaged[0].offset, layout.starts[2]);
  EXPECT_EQ(report.damaged[0].bytes, layout.starts[4] - layout.starts[2]);
  EXPECT_EQ(report.records.size(), 4u);
  EXPECT_THROW(Journal(dir.path / "j"), JournalCorrupt);
}


// `erde journal check|recover` of a mistyped name: the reader takes a missing file for a fresh
// journal, so recover wrote an empty one and said "start with it", check said "no damage".
TEST(JournalDamage, RecoverAndCheckRefuseAJournalThatIsNotThere) {
  TempDir dir;
  EXPECT_THROW(recover_journal(dir.path / "nope", dir.path / "new", RecoverMode::keep_prefix), Error);
  EXPECT_FALSE(std::filesystem::exists(dir.path / "new"));
  EXPECT_THROW(require_journal_file(dir.path / "nope"), Error);
  EXPECT_THROW(require_journal_file(dir.path), Error) << "a folder is not a journal";
  write_journal(dir.path / "j", entries(2));
  EXPECT_NO_THROW(require_journal_file(dir.path / "j"));
}

// A recovery that fails half-way (the record after a damaged stretch is no journal entry) left
// the records written so far: a file that `check` calls undamaged and a retry calls "exists".
TEST(JournalDamage, AFailedRecoveryLeavesNoOutput) {
  TempDir dir;
  const auto payloads = entries(6);
  const Layout layout = write_journal(dir.path / "j", payloads);
  std::string bytes = layout.bytes.substr(0, layout.starts[3]) + "\x01\x02GARBAGE" +
                      frame_journal_record("not an entry") + layout.bytes.substr(layout.starts[3]);
  testing::write_file(dir.path / "j", bytes);
  ASSERT_EQ(read_journal_report(dir.path / "j").damaged.size(), 1u);
  EXPECT_THROW(recover_journal(dir.path / "j", dir.path / "new", RecoverMode::skip_damaged), Error);
  EXPECT_FALSE(std::filesystem::exists(dir.path / "new"));
}

}  // namespace
}  // namespace erde::service
