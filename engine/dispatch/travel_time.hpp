#pragma once
// Travel times in seconds as the dispatch core consumes them. Routing (engine/route) or a test
// fills them; kNoRoute marks a resource that cannot reach the place at all.
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace erde {

inline constexpr double kNoRoute = std::numeric_limits<double>::infinity();

inline bool reachable(double seconds) { return std::isfinite(seconds) && seconds >= 0.0; }

// rows x cols seconds, row-major (origins x destinations).
struct TravelMatrix {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<double> seconds;

  TravelMatrix() = default;
  TravelMatrix(size_t r, size_t c, double fill = kNoRoute) : rows(r), cols(c), seconds(r * c, fill) {}
  double at(size_t r, size_t c) const { return seconds[r * cols + c]; }
  double& at(size_t r, size_t c) { return seconds[r * cols + c]; }
};

}  // namespace erde
