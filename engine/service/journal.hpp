#pragma once
// The command journal: every accepted command, written and fsync'ed before its reply. The
// server writes a whole batch of commands, then syncs once (group commit).
// File: the 8-byte magic "ERDEJNL1", then records of [u32 length LE][u32 CRC-32 LE][payload].
// Opening keeps the longest valid prefix: a truncated or corrupt tail is reported and cut off
// before anything new is appended.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace erde::service {

inline constexpr uint32_t kMaxJournalRecord = 16u << 20;

struct JournalScan {
  std::vector<std::string> records;  // payloads of the valid prefix
  uint64_t valid_bytes = 0;          // header + valid records
  uint64_t file_bytes = 0;
  std::string problem;  // why the tail after valid_bytes was rejected; empty when clean
};

// Reads without changing the file; a missing file scans as empty. Throws erde::Error when the
// file cannot be read or is not a journal.
JournalScan scan_journal(const std::filesystem::path& path);

// The framed bytes of one record (for tests and tools).
std::string frame_journal_record(std::string_view payload);

class Journal {
 public:
  // Creates the file when missing; truncates a bad tail. Throws erde::Error.
  explicit Journal(std::filesystem::path path);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const JournalScan& opened() const { return scan_; }
  const std::filesystem::path& path() const { return path_; }
  // Writes one record without syncing it; on failure cuts the file back to the end of the
  // last whole record, refuses every later write (the service needs a restart, which re-scans
  // the file) and throws erde::Error. Records written before the failure may still be synced.
  void write(std::string_view payload);
  // Makes every record written so far durable (fdatasync); a no-op when nothing is waiting.
  // On failure the file is cut back to what was last synced, the journal refuses every later
  // write, and erde::Error is thrown: whatever was written since the last sync is not stored.
  void sync();
  // write + sync; on a failed sync the record is cut off again.
  void append(std::string_view payload);
  bool broken() const { return broken_; }
  bool unsynced() const { return size_ != synced_size_; }
  uint64_t sync_count() const { return syncs_; }  // fdatasync calls made by sync()

 private:
  std::filesystem::path path_;
  JournalScan scan_;
  int fd_ = -1;
  uint64_t size_ = 0;         // end of the last whole record written
  uint64_t synced_size_ = 0;  // end of the last record made durable
  uint64_t syncs_ = 0;
  bool broken_ = false;
};

}  // namespace erde::service
