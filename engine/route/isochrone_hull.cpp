#include "route/isochrone_hull.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace erde {
namespace {

// A dropped vertex lies within the cell diagonal (0.6 x sqrt 2 = 0.85 x buffer_m) of a kept one;
// the buffer, drawn with 4 segments per quarter circle, reaches at least cos(pi/16) = 0.98 x buffer_m.
constexpr double kCellPerBuffer = 0.6;

uint64_t cell_key(const PlanePoint& p, double size) {
  const auto cx = static_cast<uint32_t>(static_cast<int32_t>(std::floor(p.x / size)));
  const auto cy = static_cast<uint32_t>(static_cast<int32_t>(std::floor(p.y / size)));
  return uint64_t{cx} << 32 | cy;
}

// Keeps the first point of each grid cell.
void one_per_cell(std::vector<PlanePoint>& points, double size) {
  std::stable_sort(points.begin(), points.end(), [size](const PlanePoint& a, const PlanePoint& b) {
    return cell_key(a, size) < cell_key(b, size);
  });
  points.erase(std::unique(points.begin(), points.end(),
                           [size](const PlanePoint& a, const PlanePoint& b) {
                             return cell_key(a, size) == cell_key(b, size);
                           }),
               points.end());
}

struct Prepared {
  GEOSContextHandle_t h;
  const GEOSPreparedGeometry* g;
  ~Prepared() { GEOSPreparedGeom_destroy_r(h, g); }
};

GeosContext::GeomPtr multipoint(GeosContext& geos, std::vector<GEOSGeometry*>& points) {
  return geos.own(GEOSGeom_createCollection_r(geos.handle(), GEOS_MULTIPOINT, points.data(),
                                              static_cast<unsigned>(points.size())));
}

}  // namespace

GeosContext::GeomPtr reachable_hull(GeosContext& geos, std::vector<PlanePoint> vertices, double buffer_m) {
  GEOSContextHandle_t h = geos.handle();
  one_per_cell(vertices, kCellPerBuffer * buffer_m);
  std::vector<GEOSGeometry*> each(vertices.size());
  for (size_t i = 0; i < vertices.size(); ++i) each[i] = GEOSGeom_createPointFromXY_r(h, vertices[i].x, vertices[i].y);
  const GeosContext::GeomPtr points = multipoint(geos, each);
  GeosContext::GeomPtr hull = geos.own(points ? GEOSConcaveHull_r(h, points.get(), 0.05, 0) : nullptr);
  if (!hull) return hull;

  std::vector<GEOSGeometry*> left_out;
  {
    const Prepared prepared{h, GEOSPrepare_r(h, hull.get())};
    for (const PlanePoint& v : vertices) {
      GEOSGeometry* pt = GEOSGeom_createPointFromXY_r(h, v.x, v.y);
      if (GEOSPreparedCovers_r(h, prepared.g, pt) == 1)
        GEOSGeom_destroy_r(h, pt);
      else
        left_out.push_back(pt);
    }
  }
  if (!left_out.empty()) {
    const GeosContext::GeomPtr extra = multipoint(geos, left_out);
    hull = geos.own(GEOSUnion_r(h, hull.get(), extra.get()));
    if (!hull) return hull;
  }
  return geos.own(GEOSBufferWithStyle_r(h, hull.get(), buffer_m, 4, GEOSBUF_CAP_ROUND, GEOSBUF_JOIN_ROUND, 5.0));
}

}  // namespace erde
