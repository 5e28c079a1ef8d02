#pragma once
// Bounding boxes (and point-in-polygon) read straight from WKB or GEOS, so a plan can pass over
// the district's areas and shelters far from an incident without building their GEOS geometries.
#include <geos_c.h>

#include <optional>
#include <string_view>

#include "geo/bbox.hpp"
#include "geo/geos_context.hpp"

namespace erde {

// The box of every coordinate in ISO or extended WKB (2D, Z, M, ZM; either byte order).
// Empty when the WKB cannot be read or holds no coordinate.
BBox wkb_bounds(std::string_view wkb);

// Whether the polygon(s) in `wkb` hold `p` (ray crossing over every polygon ring: exact inside,
// either answer on the boundary); lines and points hold nothing. Empty when unreadable.
std::optional<bool> wkb_holds_point(std::string_view wkb, LonLat p);

// The box of a GEOS geometry; empty for an empty geometry.
BBox geos_bounds(const GeosContext& geos, const GEOSGeometry* g);

inline bool overlaps(const BBox& a, const BBox& b) {
  return !a.empty() && !b.empty() && a.min_lon <= b.max_lon && b.min_lon <= a.max_lon &&
         a.min_lat <= b.max_lat && b.min_lat <= a.max_lat;
}

// False only when `wkb` certainly lies outside `box` (an unreadable one may touch it).
inline bool may_touch(const BBox& box, std::string_view wkb) {
  BBox b = wkb_bounds(wkb);
  return b.empty() || overlaps(box, b);
}

}  // namespace erde
