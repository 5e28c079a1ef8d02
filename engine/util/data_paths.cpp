#include "util/data_paths.hpp"

#include <cstdlib>

namespace erde {

std::string data_dir() {
  if (const char* env = std::getenv("ERDE_DATA"); env && *env) return env;
  return ERDE_GEODATA_DIR;
}

std::string data_file(const std::string& name) { return data_dir() + "/" + name; }

std::string scenarios_dir() {
  if (const char* env = std::getenv("ERDE_SCENARIOS"); env && *env) return env;
  return ERDE_SCENARIOS_DIR;
}

}  // namespace erde
