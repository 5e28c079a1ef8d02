#include "plain_output.hpp"

#include <cstdio>
#include <ctime>

#include "render.hpp"
#include "util/text.hpp"

namespace erde::console {

namespace {

bool synced_in_time(LiveLink& link, const ConsoleOptions& options) {
  if (link.wait_synced(std::chrono::milliseconds(static_cast<int64_t>(options.timeout_s * 1000))))
    return true;
  std::fprintf(stderr,
               "erde-console: no snapshot from %s within %g s (server down, wrong endpoint, or "
               "this key not authorised)\n",
               options.connect.c_str(), options.timeout_s);
  return false;
}

void print_picture(LiveLink& link, const ConsoleOptions& options) {
  RenderOptions render;
  render.width = options.width;
  render.now_ms = steady_ms();
  for (const auto& line : render_picture(link.picture(), render)) std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

std::string clock_text() {
  std::time_t now = std::time(nullptr);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", std::localtime(&now));
  return text;
}

}  // namespace

int run_once(LiveLink& link, const ConsoleOptions& options) {
  if (!synced_in_time(link, options)) return 1;
  link.pump(std::chrono::milliseconds(200));  // what was published while the snapshot was taken
  print_picture(link, options);
  return 0;
}

int run_follow(LiveLink& link, const ConsoleOptions& options, double seconds,
               const std::atomic<bool>& stop) {
  auto end = std::chrono::steady_clock::now() +
             std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  if (!synced_in_time(link, options)) return 1;
  print_picture(link, options);
  std::printf("\n— following live 实时跟踪 for %g s —\n", seconds);
  std::fflush(stdout);
  Picture& picture = link.picture();
  uint64_t printed = picture.feed_added;  // feed lines already shown in the picture
  bool silent = false;
  while (!stop && std::chrono::steady_clock::now() < end) {
    link.pump(std::chrono::milliseconds(200));
    size_t fresh = static_cast<size_t>(std::min<uint64_t>(picture.feed_added - printed, picture.feed.size()));
    for (size_t k = picture.feed.size() - fresh; k < picture.feed.size(); ++k) {
      const FeedLine& f = picture.feed[k];
      const std::string text = printable_text(f.text);  // no control sequence reaches the terminal
      if (f.seq)
        std::printf("%s #%llu %s\n", clock_text().c_str(), static_cast<unsigned long long>(f.seq), text.c_str());
      else
        std::printf("%s %s\n", clock_text().c_str(), text.c_str());
    }
    printed = picture.feed_added;
    if (server_silent(picture, steady_ms()) != silent) {
      silent = !silent;
      std::printf("%s %s\n", clock_text().c_str(),
                  silent ? "SERVER SILENT 服务器无响应: no heartbeat for 3 s" : "server heard again 服务器恢复");
    }
    std::fflush(stdout);
  }
  std::printf("\n");
  print_picture(link, options);
  return 0;
}

}  // namespace erde::console
