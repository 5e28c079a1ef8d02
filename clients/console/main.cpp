// erde-console: the command centre's terminal view of `erde serve` (see options.hpp --help).
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <clocale>
#include <cstdio>
#include <exception>

#include "live_link.hpp"
#include "options.hpp"
#include "plain_output.hpp"
#include "screen.hpp"

namespace {
std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }
}  // namespace

int main(int argc, char** argv) {
  using namespace erde::console;
  std::setlocale(LC_ALL, "");
  try {
    ConsoleOptions options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
    if (options.help) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    bool interactive = !options.once && !options.follow_for_s;
    if (interactive && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
      std::fprintf(stderr, "erde-console: not a terminal; use --once or --for SECONDS for plain text\n");
      return 2;
    }
    zmq::context_t context;
    LiveLink link(context, connection_of(options));
    if (options.once) return run_once(link, options);
    if (options.follow_for_s) {
      struct sigaction action {};
      action.sa_handler = on_stop_signal;
      sigaction(SIGINT, &action, nullptr);
      sigaction(SIGTERM, &action, nullptr);
      return run_follow(link, options, *options.follow_for_s, g_stop);
    }
    return run_screen(link);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "erde-console: %s\n", e.what());
    return 2;
  }
}
