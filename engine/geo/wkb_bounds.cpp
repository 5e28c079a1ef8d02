#include "geo/wkb_bounds.hpp"

#include <cmath>

#include "geo/wkb_walk.hpp"

namespace erde {
namespace {

struct BoundsVisitor {
  BBox box;
  void begin(bool) {}
  void point(double x, double y) {
    if (!std::isnan(x) && !std::isnan(y)) box.extend(LonLat{x, y});  // NaN: POINT EMPTY
  }
};

// Crossings of a ray from p towards +x with the polygon rings: odd means inside, for a valid
// polygon or multipolygon (its rings do not cross).
struct InsideVisitor {
  LonLat p;
  bool ring = false, have_prev = false, inside = false;
  double px = 0, py = 0;
  void begin(bool polygon_ring) { ring = polygon_ring, have_prev = false; }
  void point(double x, double y) {
    if (!ring) return;
    if (have_prev && ((py > p.lat) != (y > p.lat)) && p.lon < px + (p.lat - py) * (x - px) / (y - py))
      inside = !inside;
    px = x, py = y, have_prev = true;
  }
};

}  // namespace

std::optional<bool> wkb_holds_point(std::string_view wkb, LonLat p) {
  InsideVisitor v{p};
  if (!wkb::walk_wkb(wkb, v)) return std::nullopt;
  return v.inside;
}

BBox wkb_bounds(std::string_view wkb) {
  BoundsVisitor v;
  if (!wkb::walk_wkb(wkb, v)) return {};
  return v.box;
}

BBox geos_bounds(const GeosContext& geos, const GEOSGeometry* g) {
  BBox box;
  if (!g || GEOSisEmpty_r(geos.handle(), g) != 0) return box;
  double x0, y0, x1, y1;
  if (!GEOSGeom_getXMin_r(geos.handle(), g, &x0) || !GEOSGeom_getYMin_r(geos.handle(), g, &y0) ||
      !GEOSGeom_getXMax_r(geos.handle(), g, &x1) || !GEOSGeom_getYMax_r(geos.handle(), g, &y1))
    return box;
  box.extend(LonLat{x0, y0});
  box.extend(LonLat{x1, y1});
  return box;
}

}  // namespace erde
