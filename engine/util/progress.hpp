#pragma once
// A terminal progress bar that stays silent for the first second, so quick loads print nothing.
// Writes to stderr only when stderr is a terminal.
#include <chrono>
#include <cstdint>
#include <string>

namespace erde {

class Progress {
 public:
  Progress(std::string label, uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(uint64_t done);
  void finish();

 private:
  std::string label_;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace erde
