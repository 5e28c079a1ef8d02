#pragma once
// Where the command finds erde's own data files (profiles, response plans, the demo district)
// when the user names none: $ERDE_DATA if set, else the source tree's geodata/ it was built from.
#include <string>

namespace erde {

std::string data_dir();
std::string data_file(const std::string& name);  // data_dir() + "/" + name
// The drill scenarios `erde serve` may start: $ERDE_SCENARIOS if set, else the source tree's
// scenarios/.
std::string scenarios_dir();

}  // namespace erde
