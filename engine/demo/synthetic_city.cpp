#include "demo/synthetic_city.hpp"

#include <algorithm>
#include <cmath>

#include "demo/random.hpp"
#include "graph/distance.hpp"
#include "graph/road_graph_builder.hpp"

namespace erde::demo {
namespace {

constexpr double kBlockM = 100;

RoadClass city_class(uint32_t line) {
  if (line % 20 == 0) return RoadClass::primary;
  if (line % 10 == 0) return RoadClass::secondary;
  if (line % 5 == 0) return RoadClass::tertiary;
  return RoadClass::residential;
}

uint8_t city_speed(RoadClass c) {
  switch (c) {
    case RoadClass::primary: return 60;
    case RoadClass::secondary: return 50;
    case RoadClass::tertiary: return 40;
    default: return 0;
  }
}

bool one_way_line(uint32_t line) { return line % 10 == 3 || line % 10 == 7; }

}  // namespace

RoadGraph generate_city(uint32_t approx_nodes, uint64_t seed) {
  const uint32_t target = std::max<uint32_t>(approx_nodes, 4);
  const auto cols = static_cast<uint32_t>(std::ceil(std::sqrt(static_cast<double>(target))));
  const auto rows = std::max<uint32_t>(2, static_cast<uint32_t>(std::lround(static_cast<double>(target) / cols)));
  Rng rng(seed);
  const LocalPlane plane(113.0, 23.0);  // the layout plane, frozen so the same seed gives the same city
  const double x0 = -0.5 * kBlockM * cols, y0 = -0.5 * kBlockM * rows;

  RoadGraphBuilder builder;
  for (uint32_t j = 0; j < rows; ++j) {
    for (uint32_t i = 0; i < cols; ++i) {
      const double jx = city_class(i) == RoadClass::residential ? 8.0 : 1.0;
      const double jy = city_class(j) == RoadClass::residential ? 8.0 : 1.0;
      const double x = x0 + kBlockM * i + rng.uniform(-jx, jx);
      const double y = y0 + kBlockM * j + rng.uniform(-jy, jy);
      builder.add_node(plane.unproject(x, y));
    }
  }
  auto id = [cols](uint32_t i, uint32_t j) { return j * cols + i; };
  int64_t source = 0;
  for (uint32_t j = 0; j < rows; ++j) {
    for (uint32_t i = 0; i < cols; ++i) {
      for (int vertical = 0; vertical < 2; ++vertical) {
        if (vertical ? j + 1 >= rows : i + 1 >= cols) continue;
        const uint32_t line = vertical ? i : j;
        SegmentSpec s;
        s.from = id(i, j);
        s.to = vertical ? id(i, j + 1) : id(i + 1, j);
        s.road_class = city_class(line);
        s.maxspeed_kmh = city_speed(s.road_class);
        s.source_id = ++source;
        if (s.road_class == RoadClass::residential && one_way_line(line)) {
          s.oneway = (line / 10) % 2 == 0 ? Oneway::forward : Oneway::backward;
        } else if (s.road_class == RoadClass::residential) {
          // Missing links only away from one-way streets and the edge, so every node stays reachable.
          const uint32_t ci = vertical ? j : i;  // position along the line
          const bool on_one_way_cross = one_way_line(ci) || one_way_line(ci + 1);
          const bool border = i == 0 || j == 0 || i + 1 >= cols || j + 1 >= rows;
          if (!on_one_way_cross && !border && rng.chance(0.04)) continue;
        }
        builder.add_segment(std::move(s));
      }
    }
  }
  return std::move(builder).build();
}

}  // namespace erde::demo
