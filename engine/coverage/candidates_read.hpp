#pragma once
// Candidate sites for new shelters from any OGR source: one per feature (a point, or a point on
// the feature's surface), named by its `name` or `id` field, with places from a `capacity` field
// when it has one.
#include <cstdint>
#include <string>
#include <vector>

#include "coverage/coverage_run.hpp"

namespace erde {

// layer empty: every layer of the source. Throws erde::Error naming the source and layer.
std::vector<CandidateSite> read_candidates(const std::string& source, const std::string& layer,
                                           int64_t default_capacity);

}  // namespace erde
