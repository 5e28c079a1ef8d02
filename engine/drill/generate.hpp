#pragma once
// A synthetic day of calls for load tests: n incidents spread over `hours` at the data set's risk
// points and community centres, with a mix of types and severities, plus some road closures and
// teams going off duty. Deterministic for a seed (own draws, no standard-library distributions).
#include <cstdint>

#include "drill/scenario.hpp"
#include "model/dataset.hpp"

namespace erde {

Scenario generated_scenario(const Dataset& data, const std::string& data_path, size_t incidents, double hours,
                            uint64_t seed);

}  // namespace erde
