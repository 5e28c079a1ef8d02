#pragma once
// Where the service writes its one-line events (refused keys and requests, journal repairs).
#include <functional>
#include <string>

namespace erde::service {

using Log = std::function<void(const std::string& line)>;

// "2026-11-03T10:15:02Z erde serve: <line>" on stderr; safe to call from several threads.
// The line is passed through printable_text (util/text.hpp): control, invisible and bidi
// characters and bytes that are not UTF-8 are written as visible escapes, so one call is
// always one line.
Log stderr_log();

}  // namespace erde::service
