#pragma once
// Area and centroid of a WGS84 polygon, measured in the engine's local projection.
#include <string_view>

#include "geo/geos_context.hpp"
#include "geo/local_projection.hpp"

namespace erde {

struct AreaMetrics {
  double area_m2 = 0.0;
  LonLat centroid;
};

// Throws erde::Error when the geometry cannot be read or projected.
AreaMetrics measure_area(std::string_view wgs84_wkb, const LocalProjection& projection,
                         const GeosContext& geos);

// A point guaranteed to lie on the geometry (GEOS point-on-surface), in WGS84.
LonLat point_on_surface(std::string_view wgs84_wkb, const GeosContext& geos);

}  // namespace erde
