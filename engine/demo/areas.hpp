// Internal to engine/demo: the district, its 18 streets and 222 communities as a tiling of
// Voronoi cells (streets clipped to the district, communities clipped to their street).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "demo/geos_util.hpp"
#include "model/vocabulary.hpp"

namespace erde::demo {

inline constexpr int kStreetCount = 18;
inline constexpr int kCommunityCount = 222;

struct MetricArea {
  std::string id;
  std::string name;
  std::string parent_id;
  AreaLevel level = AreaLevel::street;
  int64_t population = 0;
  int street = -1;  // street index for streets and communities
  GeomPtr shape;    // metres
  XY centre;
  double area_m2 = 0;
};

struct MetricAreas {
  std::vector<MetricArea> district;  // exactly one
  std::vector<MetricArea> streets;
  std::vector<MetricArea> communities;
};

MetricAreas make_areas(const Frame& frame, Rng& rng, const GeosContext& geos);

// Splits `total` into whole parts proportional to `weights` (largest remainder).
std::vector<int64_t> apportion(int64_t total, const std::vector<double>& weights);

}  // namespace erde::demo
