#include "util/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace erde {

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)), total_(total), start_(std::chrono::steady_clock::now()),
      enabled_(isatty(STDERR_FILENO) != 0) {}

Progress::~Progress() { finish(); }

void Progress::update(uint64_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const int width = 30;
  double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 0.0;
  if (fraction > 1.0) fraction = 1.0;
  int filled = static_cast<int>(fraction * width);
  std::fprintf(stderr, "\r%s [%.*s%*s] %3d%%", label_.c_str(), filled,
               "##############################", width - filled, "",
               static_cast<int>(fraction * 100));
  std::fflush(stderr);
}

void Progress::finish() {
  if (drawn_) {
    last_draw_ = {};
    update(total_);
    std::fputc('\n', stderr);
    drawn_ = false;
    enabled_ = false;
  }
}

}  // namespace erde
