#pragma once
// matrix(sources, targets): travel times (and distances) from every source to every target.
#include <cstdint>
#include <span>
#include <vector>

#include "route/network.hpp"

namespace erde {

struct TimeMatrix {
  size_t rows = 0;  // sources
  size_t cols = 0;  // targets
  std::vector<uint32_t> time_ms;   // row-major; kUnreachable where no trip exists
  std::vector<double> distance_m;  // of the quickest trip; empty unless asked for; -1 where none
  uint32_t time(size_t r, size_t c) const { return time_ms[r * cols + c]; }
  double distance(size_t r, size_t c) const { return distance_m[r * cols + c]; }
};

// One search per source (forward) or, when there are fewer targets than sources, one per target
// on the reverse graph; each stops once all its goals are settled.
TimeMatrix matrix(const Network& net, std::span<const RoutePoint> sources, std::span<const RoutePoint> targets,
                  bool with_distances = false);

}  // namespace erde
