#pragma once
// Affected population of a hazard zone, area-weighted from administrative areas: each area's
// residents are spread evenly over it, and the zone takes its share by overlap area. The finest
// populated areas are used; where an area's populated sub-areas account for fewer residents than
// the area, the rest is spread over the part its populated sub-areas do not cover.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "geo/geos_context.hpp"
#include "model/admin_area.hpp"

namespace erde {

struct AreaExposure {
  std::string area_id;
  std::string area_name;
  AreaLevel level = AreaLevel::street;
  bool remainder = false;   // the part of the area outside its populated sub-areas
  double population = 0.0;  // residents of the (part of the) area
  double fraction = 0.0;    // share of its ground inside the zone
  double affected = 0.0;    // population x fraction
  LonLat gather_point;      // a point of the area inside the zone, where evacuees set out
};

struct PopulationEstimate {
  std::vector<AreaExposure> areas;  // by area id; only areas the zone touches
  double total = 0.0;
};

// zone: WGS84 polygon(s). Areas without population or boundary contribute nothing.
PopulationEstimate estimate_affected_population(const GeosContext& geos, const GEOSGeometry* zone,
                                                std::span<const AdminArea> areas);

// Whole people per exposure (largest-remainder rounding; sums to round(total)).
std::vector<int64_t> whole_people(const PopulationEstimate& estimate);

}  // namespace erde
