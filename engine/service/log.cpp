#include "service/log.hpp"

#include <cstdio>
#include <ctime>

#include "util/text.hpp"

namespace erde::service {

Log stderr_log() {
  return [](const std::string& line) {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    // Lines carry text from clients (kinds, key names, ids): escaped here, at the sink, so no
    // field can start a forged line, hide characters or send a terminal control sequence.
    const std::string safe = printable_text(line);
    std::fprintf(stderr, "%s erde serve: %s\n", stamp, safe.c_str());  // one call: one line
  };
}

}  // namespace erde::service
