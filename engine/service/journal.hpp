#pragma once
// The command journal: every accepted command, written and fsync'ed before its reply. The
// server writes a whole batch of commands, then syncs once (group commit).
// File: the 8-byte magic "ERDEJNL1", then records of [u32 length LE][u32 CRC-32 LE][payload],
// payloads never empty.
// Opening trims only a torn write: damage after which no valid record follows. Damage that is
// followed by valid records is corruption of what was acknowledged: opening refuses
// (JournalCorrupt), leaves the file untouched and points to `erde journal check|recover`.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace erde::service {

inline constexpr uint32_t kMaxJournalRecord = 16u << 20;

// A stretch of bytes that frames no valid record.
struct JournalDamage {
  uint64_t offset = 0;      // its first byte
  uint64_t bytes = 0;       // up to the next valid record, or to the end of the file
  size_t valid_before = 0;  // valid records before it: the damaged record is number valid_before + 1
  std::string reason;       // what was wrong at `offset`
};

struct JournalRecord {
  uint64_t offset = 0;  // of its header
  std::string payload;
};

// Every valid record of a file wherever it lies, and the damage between them.
struct JournalReport {
  uint64_t file_bytes = 0;
  std::vector<JournalRecord> records;
  std::vector<JournalDamage> damaged;      // each followed by a valid record: corruption
  std::optional<JournalDamage> torn_tail;  // no valid record after it: a torn last write
};

// Reads without changing the file; a missing file reports as empty. Throws erde::Error when the
// file cannot be read or is not a journal.
JournalReport read_journal_report(const std::filesystem::path& path);
// One paragraph for an operator: counts, and every damaged stretch with offset and record.
std::string describe_journal_report(const std::filesystem::path& path, const JournalReport& report);

struct JournalScan {
  std::vector<std::string> records;  // payloads of the valid prefix
  uint64_t valid_bytes = 0;          // header + valid records
  uint64_t file_bytes = 0;
  std::string problem;  // why a torn tail after valid_bytes was rejected; empty when clean
  std::optional<JournalDamage> corruption;  // the first damage that valid records follow
  size_t records_after_corruption = 0;
};

// Reads without changing the file; a missing file scans as empty. Throws erde::Error when the
// file cannot be read or is not a journal.
JournalScan scan_journal(const std::filesystem::path& path);

// Opening a journal whose damage is followed by valid records.
struct JournalCorrupt : Error {
  using Error::Error;
};

// The framed bytes of one record (for tests and tools).
std::string frame_journal_record(std::string_view payload);

class Journal {
 public:
  // Creates the file when missing; trims a torn tail. Throws JournalCorrupt (file untouched)
  // when damage is followed by valid records, erde::Error on other failures.
  explicit Journal(std::filesystem::path path);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const JournalScan& opened() const { return scan_; }
  const std::filesystem::path& path() const { return path_; }
  // Writes one record without syncing it; on failure cuts the file back to the end of the
  // last whole record and throws erde::Error. Records written before the failure may still be
  // synced. The next write first checks that the cut held (the file ends at the last whole
  // record), so writing resumes once the disk has room again; until then every write fails.
  void write(std::string_view payload);
  // Makes every record written so far durable (fdatasync); a no-op when nothing is waiting.
  // On failure the file is cut back to what was last synced, the journal refuses every later
  // write for good (after a failed fsync the kernel may have dropped the data: only a restart,
  // which re-reads the file, is safe), and erde::Error is thrown.
  void sync();
  // write + sync; on a failed sync the record is cut off again.
  void append(std::string_view payload);
  // True while writes fail: since the last failed write (until one succeeds) or for good after
  // a failed sync. `failure()` says why; empty when healthy.
  bool broken() const { return !failure_.empty(); }
  const std::string& failure() const { return failure_; }
  bool unsynced() const { return size_ != synced_size_; }
  uint64_t sync_count() const { return syncs_; }  // fdatasync calls made by sync()

 private:
  std::filesystem::path path_;
  JournalScan scan_;
  int fd_ = -1;
  uint64_t size_ = 0;         // end of the last whole record written
  uint64_t synced_size_ = 0;  // end of the last record made durable
  uint64_t syncs_ = 0;
  std::string failure_;       // the last write or sync error while it lasts
  bool sync_failed_ = false;  // for good
  bool cut_pending_ = false;  // a failed write's cut-back still to be checked
};

}  // namespace erde::service
