#pragma once
// Where the service writes its one-line events (refused keys and requests, journal repairs).
#include <functional>
#include <string>

namespace erde::service {

using Log = std::function<void(const std::string& line)>;

// "2026-11-03T10:15:02Z erde serve: <line>" on stderr; safe to call from several threads.
Log stderr_log();

}  // namespace erde::service
