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

JournalScan scan_journal(const std::filesystem::path& path) {
  JournalScan scan;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return scan;
    throw Error(path.string() + ": cannot read the journal");
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  scan.file_bytes = bytes.size();
  if (bytes.size() < kMagic.size()) {
    // A crash while the file was being created leaves a prefix of the magic: treat as empty.
    if (kMagic.substr(0, bytes.size()) != bytes)
      throw Error(path.string() + ": not an erde journal");
    if (!bytes.empty()) scan.problem = "incomplete journal header";
    return scan;
  }
  if (std::string_view(bytes).substr(0, kMagic.size()) != kMagic)
    throw Error(path.string() + ": not an erde journal");
  size_t at = kMagic.size();
  while (at < bytes.size()) {
    if (bytes.size() - at < 8) {
      scan.problem = "truncated record header at byte " + std::to_string(at);
      break;
    }
    uint32_t length = get_u32(bytes.data() + at);
    uint32_t crc = get_u32(bytes.data() + at + 4);
    if (length > kMaxJournalRecord) {
      scan.problem = "impossible record length " + std::to_string(length) + " at byte " +
                     std::to_string(at);
      break;
    }
    if (bytes.size() - at - 8 < length) {
      scan.problem = "truncated record at byte " + std::to_string(at);
      break;
    }
    std::string_view payload(bytes.data() + at + 8, length);
    if (crc_of(payload) != crc) {
      scan.problem = "checksum mismatch in record at byte " + std::to_string(at);
      break;
    }
    scan.records.emplace_back(payload);
    at += 8 + length;
  }
  scan.valid_bytes = at;
  return scan;
}

Journal::Journal(std::filesystem::path path) : path_(std::move(path)) {
  scan_ = scan_journal(path_);
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
  if (broken_) throw Error(path_.string() + ": an earlier write failed; restart the service");
  if (payload.size() > kMaxJournalRecord) throw Error(path_.string() + ": record too large");
  std::string record = frame_journal_record(payload);
  try {
    write_all(fd_, record, path_);
  } catch (...) {
    broken_ = true;
    // Leave no partial record behind; if even that fails the next open cuts it off.
    if (::ftruncate(fd_, static_cast<off_t>(size_)) == 0)
      ::lseek(fd_, static_cast<off_t>(size_), SEEK_SET);
    throw;
  }
  size_ += record.size();
}

void Journal::sync() {
  if (size_ == synced_size_) return;
  ++syncs_;
  if (::fdatasync(fd_) != 0) {
    std::string why = errno_text();
    broken_ = true;
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
