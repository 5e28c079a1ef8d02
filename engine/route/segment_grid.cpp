#include "route/segment_grid.hpp"

#include <algorithm>
#include <cmath>

#include "graph/distance.hpp"

namespace erde {
namespace {

uint32_t cell_index(double v, double origin, double size, uint32_t count) {
  const double c = std::floor((v - origin) / size);
  if (c <= 0) return 0;
  return std::min(count - 1, static_cast<uint32_t>(c));
}

}  // namespace

SegmentGrid build_segment_grid(const RoadGraph& g, double cell_m) {
  SegmentGrid grid;
  const uint32_t seg_count = g.segment_count();
  grid.segment_box.resize(seg_count);
  if (seg_count == 0) return grid;
  Box all{180, 90, -180, -90};
  for (uint32_t s = 0; s < seg_count; ++s) {
    Box b{180, 90, -180, -90};
    for (uint32_t i = g.shape_first[s]; i < g.shape_first[s + 1]; ++i) {
      b.lon_min = std::min(b.lon_min, g.shape_lon[i]);
      b.lon_max = std::max(b.lon_max, g.shape_lon[i]);
      b.lat_min = std::min(b.lat_min, g.shape_lat[i]);
      b.lat_max = std::max(b.lat_max, g.shape_lat[i]);
    }
    grid.segment_box[s] = b;
    all = {std::min(all.lon_min, b.lon_min), std::min(all.lat_min, b.lat_min), std::max(all.lon_max, b.lon_max),
           std::max(all.lat_max, b.lat_max)};
  }
  grid.extent = all;
  const double mid_lat = (all.lat_min + all.lat_max) / 2;
  grid.cell_lat = cell_m / (kEarthRadiusM * kDegToRad);
  grid.cell_lon = grid.cell_lat / std::max(0.01, std::cos(mid_lat * kDegToRad));
  constexpr double kMaxCells = 4e6;
  for (;;) {
    const double nx = std::floor((all.lon_max - all.lon_min) / grid.cell_lon) + 1;
    const double ny = std::floor((all.lat_max - all.lat_min) / grid.cell_lat) + 1;
    if (nx * ny <= kMaxCells) {
      grid.nx = static_cast<uint32_t>(nx);
      grid.ny = static_cast<uint32_t>(ny);
      break;
    }
    grid.cell_lon *= 2;
    grid.cell_lat *= 2;
  }
  // Two passes: count per cell, then fill.
  grid.cell_first.assign(size_t{grid.nx} * grid.ny + 1, 0);
  auto for_cells = [&](const Box& b, auto&& fn) {
    const uint32_t x0 = cell_index(b.lon_min, all.lon_min, grid.cell_lon, grid.nx);
    const uint32_t x1 = cell_index(b.lon_max, all.lon_min, grid.cell_lon, grid.nx);
    const uint32_t y0 = cell_index(b.lat_min, all.lat_min, grid.cell_lat, grid.ny);
    const uint32_t y1 = cell_index(b.lat_max, all.lat_min, grid.cell_lat, grid.ny);
    for (uint32_t y = y0; y <= y1; ++y)
      for (uint32_t x = x0; x <= x1; ++x) fn(size_t{y} * grid.nx + x);
  };
  for (uint32_t s = 0; s < seg_count; ++s) for_cells(grid.segment_box[s], [&](size_t c) { ++grid.cell_first[c + 1]; });
  for (size_t c = 0; c + 1 < grid.cell_first.size(); ++c) grid.cell_first[c + 1] += grid.cell_first[c];
  grid.cell_segment.resize(grid.cell_first.back());
  std::vector<uint32_t> next(grid.cell_first.begin(), grid.cell_first.end() - 1);
  for (uint32_t s = 0; s < seg_count; ++s)
    for_cells(grid.segment_box[s], [&](size_t c) { grid.cell_segment[next[c]++] = s; });
  return grid;
}

void segments_meeting(const SegmentGrid& grid, const Box& box, std::vector<uint32_t>& out) {
  out.clear();
  if (grid.nx == 0 || !grid.extent.meets(box)) return;
  const Box& all = grid.extent;
  const uint32_t x0 = cell_index(box.lon_min, all.lon_min, grid.cell_lon, grid.nx);
  const uint32_t x1 = cell_index(box.lon_max, all.lon_min, grid.cell_lon, grid.nx);
  const uint32_t y0 = cell_index(box.lat_min, all.lat_min, grid.cell_lat, grid.ny);
  const uint32_t y1 = cell_index(box.lat_max, all.lat_min, grid.cell_lat, grid.ny);
  for (uint32_t y = y0; y <= y1; ++y)
    for (uint32_t x = x0; x <= x1; ++x) {
      const size_t c = size_t{y} * grid.nx + x;
      for (uint32_t i = grid.cell_first[c]; i < grid.cell_first[c + 1]; ++i) {
        const uint32_t s = grid.cell_segment[i];
        if (grid.segment_box[s].meets(box)) out.push_back(s);
      }
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace erde
