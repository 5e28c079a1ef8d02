#include "dispatch/min_cost_assignment.hpp"

#include <functional>

#include "util/error.hpp"

namespace erde {

std::vector<int> min_cost_assignment(const std::vector<int64_t>& cost, int rows, int cols) {
  if (rows > cols) throw Error("internal: assignment with more rows than columns");
  if (rows == 0) return {};
  // 1-based potentials u (rows), v (columns); way[] remembers the augmenting path.
  const int64_t inf = INT64_MAX / 2;
  std::vector<int64_t> u(static_cast<size_t>(rows) + 1, 0), v(static_cast<size_t>(cols) + 1, 0);
  std::vector<int> owner(static_cast<size_t>(cols) + 1, 0), way(static_cast<size_t>(cols) + 1, 0);
  auto c = [&](int r, int col) { return cost[static_cast<size_t>(r - 1) * cols + (col - 1)]; };
  for (int r = 1; r <= rows; ++r) {
    owner[0] = r;
    int col0 = 0;
    std::vector<int64_t> minv(static_cast<size_t>(cols) + 1, inf);
    std::vector<char> used(static_cast<size_t>(cols) + 1, 0);
    do {
      used[col0] = 1;
      int r0 = owner[col0], col1 = 0;
      int64_t delta = inf;
      for (int j = 1; j <= cols; ++j) {
        if (used[j]) continue;
        int64_t cur = c(r0, j) - u[r0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = col0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          col1 = j;
        }
      }
      for (int j = 0; j <= cols; ++j) {
        if (used[j]) {
          u[owner[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      col0 = col1;
    } while (owner[col0] != 0);
    do {
      int col1 = way[col0];
      owner[col0] = owner[col1];
      col0 = col1;
    } while (col0);
  }
  std::vector<int> result(static_cast<size_t>(rows), -1);
  for (int j = 1; j <= cols; ++j)
    if (owner[j]) result[owner[j] - 1] = j - 1;
  for (int r = 0; r < rows; ++r)
    if (cost[static_cast<size_t>(r) * cols + result[r]] >= kForbidden)
      throw Error("internal: no assignment without a forbidden edge");
  return result;
}

int max_matching(const std::vector<char>& allowed, int rows, int cols) {
  std::vector<int> col_owner(static_cast<size_t>(cols), -1);
  int matched = 0;
  for (int r = 0; r < rows; ++r) {
    std::vector<char> seen(static_cast<size_t>(cols), 0);
    std::function<bool(int)> augment = [&](int row) {
      for (int j = 0; j < cols; ++j) {
        if (!allowed[static_cast<size_t>(row) * cols + j] || seen[j]) continue;
        seen[j] = 1;
        if (col_owner[j] < 0 || augment(col_owner[j])) {
          col_owner[j] = row;
          return true;
        }
      }
      return false;
    };
    if (augment(r)) ++matched;
  }
  return matched;
}

}  // namespace erde
