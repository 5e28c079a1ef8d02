#pragma once
// The command journal: every accepted command, appended and fsync'ed before its reply.
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
  // Writes and fsyncs one record; on failure cuts the file back, refuses every later append
  // (the service needs a restart, which re-scans the file) and throws erde::Error.
  void append(std::string_view payload);
  bool broken() const { return broken_; }

 private:
  std::filesystem::path path_;
  JournalScan scan_;
  int fd_ = -1;
  uint64_t size_ = 0;
  bool broken_ = false;
};

}  // namespace erde::service
