#pragma once
// Exact minimum-cost assignment of rows to distinct columns (Hungarian method with potentials),
// on integer costs so results are exact and reproducible. Used by team selection and batch
// assignment; rows that may stay unassigned get dummy columns from the caller.
#include <cstdint>
#include <vector>

namespace erde {

inline constexpr int64_t kForbidden = INT64_MAX / 4;  // an edge that must not be used

// cost is rows x cols, row-major, rows <= cols. Returns the column of every row, minimising the
// total. Throws erde::Error when every complete assignment needs a forbidden edge.
std::vector<int> min_cost_assignment(const std::vector<int64_t>& cost, int rows, int cols);

// Maximum number of rows matched to distinct columns using only the allowed edges (rows x cols).
int max_matching(const std::vector<char>& allowed, int rows, int cols);

}  // namespace erde
