#pragma once
// Where people live, as weighted points: one per finest populated area (a community's point on
// surface), or a square grid clipped to those areas with residents spread evenly over each area
// (area-weighted). Each point belongs to exactly one area, so coverage rolls up by area.
#include <cstdint>
#include <string>
#include <vector>

#include "coverage/area_tree.hpp"
#include "geo/geos_context.hpp"
#include "model/geometry.hpp"

namespace erde {

struct DemandPoint {
  std::string id;        // the area id, or "<area id>#<n>" for grid pieces
  size_t area = kNoArea; // the finest populated area it lies in (index into the areas)
  size_t street = kNoArea;
  LonLat where;
  double population = 0;  // residents, area-weighted
  int64_t people = 0;     // whole people (largest-remainder rounding over all points)
  double area_m2 = 0;
  std::string piece_wkb;  // WGS84 polygon of a grid piece; empty for whole-area points
};

// cell_m <= 0: one point per populated leaf area. Otherwise a grid of cell_m squares in a local
// metric CRS centred on the areas. Throws erde::Error naming the area when a boundary is unusable.
std::vector<DemandPoint> make_demand(const AreaTree& tree, const GeosContext& geos, double cell_m);

// The cell size that gives about `cells` grid cells over the populated leaves' total area.
double cell_size_for(const AreaTree& tree, double cells);

}  // namespace erde
