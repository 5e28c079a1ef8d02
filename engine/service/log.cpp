#include "service/log.hpp"

#include <cstdio>
#include <ctime>

namespace erde::service {

Log stderr_log() {
  return [](const std::string& line) {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::fprintf(stderr, "%s erde serve: %s\n", stamp, line.c_str());  // one call: one line
  };
}

}  // namespace erde::service
