#include "service/journal.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "util/error.hpp"

namespace erde::service {

namespace {

constexpr std::string_view kMagic = "ERDEJNL1";

uint32_t crc_of(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
}

uint32_t get_u32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

std::string errno_text() { return std::strerror(errno); }

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(path.string() + ": write failed: " + errno_text());
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void sync_directory_of(const std::filesystem::path& path) {
  auto dir = path.parent_path();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string frame_journal_record(std::string_view payload) {
  std::string out;
  out.reserve(payload.size() + 8);
  put_u32(out, static_cast<uint32_t>(payload.size()));
  put_u32(out, crc_of(payload));
  out.append(payload);
  return out;
}

namespace {

// Why the bytes at `at` frame no valid record; empty when they do.
std::string record_problem(std::string_view bytes, size_t at) {
  if (bytes.size() - at < 8) return "truncated record header";
  uint32_t length = get_u32(bytes.data() + at);
  if (length == 0) return "empty record";
  if (length > kMaxJournalRecord) return "impossible record length " + std::to_string(length);
  if (bytes.size() - at - 8 < length) return "truncated record of " + std::to_string(length) + " bytes";
  if (crc_of(bytes.substr(at + 8, length)) != get_u32(bytes.data() + at + 4)) return "checksum mismatch";
  return {};
}

// The next offset after `at` where a valid record starts, or npos.
size_t next_valid_record(std::string_view bytes, size_t at) {
  for (size_t p = at + 1; p + 8 < bytes.size(); ++p) {
    uint32_t length = get_u32(bytes.data() + p);
    if (length == 0 || length > kMaxJournalRecord || bytes.size() - p - 8 < length) continue;
    if (record_problem(bytes, p).empty()) return p;
  }
  return std::string_view::npos;
}

}  // namespace

JournalReport read_journal_report(const std::filesystem::path& path) {
  JournalReport report;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return report;
    throw Error(path.string() + ": cannot read the journal");
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  report.file_bytes = bytes.size();
  if (bytes.size() < kMagic.size()) {
    // A crash while the file was being created leaves a prefix of the magic: treat as empty.
    if (kMagic.substr(0, bytes.size()) != bytes) throw Error(path.string() + ": not an erde journal");
    if (!bytes.empty()) report.torn_tail = JournalDamage{0, bytes.size(), 0, "incomplete journal header"};
    return report;
  }
  if (std::string_view(bytes).substr(0, kMagic.size()) != kMagic)
    throw Error(path.string() + ": not an erde journal");
  size_t at = kMagic.size();
  while (at < bytes.size()) {
    std::string problem = record_problem(bytes, at);
    if (problem.empty()) {
      const uint32_t length = get_u32(bytes.data() + at);
      report.records.push_back({at, bytes.substr(at + 8, length)});
      at += 8 + length;
      continue;
    }
    JournalDamage damage{at, 0, report.records.size(), std::move(problem)};
    const size_t next = next_valid_record(bytes, at);
    if (next == std::string_view::npos) {
      damage.bytes = bytes.size() - at;
      report.torn_tail = std::move(damage);
      break;
    }
    damage.bytes = next - at;
    report.damaged.push_back(std::move(damage));
    at = next;
  }
  return report;
}

std::string describe_journal_report(const std::filesystem::path& path, const JournalReport& report) {
  std::string out = path.string() + ": " + std::to_string(report.file_bytes) + " bytes, " +
                    std::to_string(report.records.size()) + " valid records";
  if (report.damaged.empty() && !report.torn_tail) return out + ", no damage\n";
  out += "\n";
  for (const auto& d : report.damaged)
    out += "  DAMAGED: " + std::to_string(d.bytes) + " bytes at byte " + std::to_string(d.offset) +
           " (record " + std::to_string(d.valid_before + 1) + ", after valid record " +
           std::to_string(d.valid_before) + "): " + d.reason + "; valid records follow\n";
  if (const auto& t = report.torn_tail)
    out += "  torn last write: " + std::to_string(t->bytes) + " bytes at byte " +
           std::to_string(t->offset) + " (after valid record " + std::to_string(t->valid_before) +
           "): " + t->reason + "; nothing valid follows, so it was never acknowledged\n";
  return out;
}

JournalScan scan_journal(const std::filesystem::path& path) {
  JournalReport report = read_journal_report(path);
  JournalScan scan;
  scan.file_bytes = report.file_bytes;
  const size_t prefix = report.damaged.empty() ? report.records.size() : report.damaged.front().valid_before;
  for (size_t n = 0; n < prefix; ++n) scan.records.push_back(std::move(report.records[n].payload));
  if (!report.damaged.empty()) {
    scan.corruption = report.damaged.front();
    scan.records_after_corruption = report.records.size() - prefix;
    scan.valid_bytes = scan.corruption->offset;
  } else if (report.torn_tail) {
    scan.valid_bytes = report.torn_tail->offset;
    scan.problem = report.torn_tail->reason + " at byte " + std::to_string(report.torn_tail->offset);
  } else {
    scan.valid_bytes = report.file_bytes;
  }
  return scan;
}

Journal::Journal(std::filesystem::path path) : path_(std::move(path)) {
  scan_ = scan_journal(path_);
  if (const auto& bad = scan_.corruption)
    throw JournalCorrupt(
        path_.string() + ": record " + std::to_string(bad->valid_before + 1) + " at byte " +
        std::to_string(bad->offset) + " is damaged (" + bad->reason + ") and " +
        std::to_string(scan_.records_after_corruption) +
        " valid records follow it: this is corruption, not a torn write. The file was left "
        "untouched. `erde journal check " + path_.string() + "` reports every damaged stretch; "
        "`erde journal recover " + path_.string() + " --out NEW` keeps the valid prefix in a new "
        "file (add --skip-damaged to keep the records after the damage too).");
  bool fresh = !std::filesystem::exists(path_);
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd_ < 0) throw Error(path_.string() + ": cannot open the journal: " + errno_text());
  try {
    if (scan_.valid_bytes < kMagic.size()) {
      if (::ftruncate(fd_, 0) != 0) throw Error(path_.string() + ": truncate failed: " + errno_text());
      if (::lseek(fd_, 0, SEEK_SET) < 0) throw Error(path_.string() + ": seek failed");
      write_all(fd_, kMagic, path_);
      scan_.valid_bytes = kMagic.size();
    } else if (scan_.valid_bytes < scan_.file_bytes) {
      if (::ftruncate(fd_, static_cast<off_t>(scan_.valid_bytes)) != 0)
        throw Error(path_.string() + ": cannot cut the bad tail: " + errno_text());
    }
    if (::fsync(fd_) != 0) throw Error(path_.string() + ": fsync failed: " + errno_text());
    if (fresh) sync_directory_of(path_);
    size_ = scan_.valid_bytes;
    synced_size_ = size_;
    if (::lseek(fd_, static_cast<off_t>(size_), SEEK_SET) < 0)
      throw Error(path_.string() + ": seek failed: " + errno_text());
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

void Journal::write(std::string_view payload) {
  if (sync_failed_) throw Error(path_.string() + ": " + failure_ + "; restart the service");
  if (payload.empty()) throw Error(path_.string() + ": empty record");
  if (payload.size() > kMaxJournalRecord) throw Error(path_.string() + ": record too large");
  if (cut_pending_) {
    // The last write failed: resume only once the file is known to end at the last whole record.
    if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0 ||
        ::lseek(fd_, static_cast<off_t>(size_), SEEK_SET) < 0)
      throw Error(path_.string() + ": " + failure_ + "; cannot cut back: " + errno_text());
    cut_pending_ = false;
  }
  std::string record = frame_journal_record(payload);
  try {
    write_all(fd_, record, path_);
  } catch (const Error& e) {
    failure_ = e.what();
    cut_pending_ = true;
    // Leave no partial record behind; if even that fails the next write or open cuts it off.
    if (::ftruncate(fd_, static_cast<off_t>(size_)) == 0 &&
        ::lseek(fd_, static_cast<off_t>(size_), SEEK_SET) >= 0)
      cut_pending_ = false;
    throw;
  }
  failure_.clear();
  size_ += record.size();
}

void Journal::sync() {
  if (size_ == synced_size_) return;
  ++syncs_;
  if (::fdatasync(fd_) != 0) {
    std::string why = errno_text();
    sync_failed_ = true;
    failure_ = "fsync failed: " + why;
    if (::ftruncate(fd_, static_cast<off_t>(synced_size_)) == 0)
      ::lseek(fd_, static_cast<off_t>(synced_size_), SEEK_SET);
    size_ = synced_size_;
    throw Error(path_.string() + ": fsync failed: " + why);
  }
  synced_size_ = size_;
}

void Journal::append(std::string_view payload) {
  write(payload);
  sync();
}

}  // namespace erde::service
