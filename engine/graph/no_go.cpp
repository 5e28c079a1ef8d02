#include "graph/no_go.hpp"

#include <algorithm>

#include "geo/geos_context.hpp"
#include "util/error.hpp"

namespace erde {

std::vector<uint8_t> segments_in_areas(const RoadGraph& g, const std::vector<Geometry>& polygons) {
  const uint32_t seg_count = g.segment_count();
  std::vector<uint8_t> hit(seg_count, 0);
  if (polygons.empty()) return hit;
  GeosContext geos;
  GEOSContextHandle_t h = geos.handle();
  struct Area {
    GeosContext::GeomPtr geom;
    const GEOSPreparedGeometry* prepared;
    double xmin, ymin, xmax, ymax;
  };
  std::vector<Area> areas;
  for (const Geometry& p : polygons) {
    Area a{geos.from_wkb(p.wkb), nullptr, 0, 0, 0, 0};
    a.prepared = GEOSPrepare_r(h, a.geom.get());
    GEOSGeom_getXMin_r(h, a.geom.get(), &a.xmin);
    GEOSGeom_getYMin_r(h, a.geom.get(), &a.ymin);
    GEOSGeom_getXMax_r(h, a.geom.get(), &a.xmax);
    GEOSGeom_getYMax_r(h, a.geom.get(), &a.ymax);
    areas.push_back(std::move(a));
  }
  for (uint32_t s = 0; s < seg_count; ++s) {
    const uint32_t first = g.shape_first[s], last = g.shape_first[s + 1];
    double xmin = g.shape_lon[first], xmax = xmin, ymin = g.shape_lat[first], ymax = ymin;
    for (uint32_t i = first; i < last; ++i) {
      xmin = std::min(xmin, g.shape_lon[i]);
      xmax = std::max(xmax, g.shape_lon[i]);
      ymin = std::min(ymin, g.shape_lat[i]);
      ymax = std::max(ymax, g.shape_lat[i]);
    }
    GeosContext::GeomPtr line(nullptr, {h});
    for (const Area& a : areas) {
      if (xmax < a.xmin || xmin > a.xmax || ymax < a.ymin || ymin > a.ymax) continue;
      if (!line) {
        GEOSCoordSequence* seq = GEOSCoordSeq_copyFromArrays_r(h, &g.shape_lon[first], &g.shape_lat[first],
                                                               nullptr, nullptr, last - first);
        line = geos.own(GEOSGeom_createLineString_r(h, seq));
      }
      if (GEOSPreparedIntersects_r(h, a.prepared, line.get()) == 1) {
        hit[s] = 1;
        break;
      }
    }
  }
  for (Area& a : areas) GEOSPreparedGeom_destroy_r(h, a.prepared);
  return hit;
}

}  // namespace erde
