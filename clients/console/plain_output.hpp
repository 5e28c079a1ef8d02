#pragma once
// The console without a screen: --once prints the picture; --for follows in plain text.
#include <atomic>

#include "live_link.hpp"
#include "options.hpp"

namespace erde::console {

// Exit status: 0, or 1 when no snapshot came within the timeout.
int run_once(LiveLink& link, const ConsoleOptions& options);
// Follows until `seconds` pass or `stop` is set (SIGINT/SIGTERM), then prints the picture.
int run_follow(LiveLink& link, const ConsoleOptions& options, double seconds,
               const std::atomic<bool>& stop);

}  // namespace erde::console
