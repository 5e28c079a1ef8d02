#include "geo/area_metrics.hpp"

#include "util/error.hpp"

namespace erde {

namespace {

LonLat point_of(const GEOSGeometry* p, const GeosContext& geos) {
  LonLat out;
  if (!p || !GEOSGeomGetX_r(geos.handle(), p, &out.lon) ||
      !GEOSGeomGetY_r(geos.handle(), p, &out.lat))
    throw Error("cannot compute a point of the geometry: " + geos.last_error());
  return out;
}

}  // namespace

AreaMetrics measure_area(std::string_view wgs84_wkb, const LocalProjection& projection,
                         const GeosContext& geos) {
  auto local = project(geos, projection, geos.from_wkb(wgs84_wkb).get());
  AreaMetrics out;
  if (!GEOSArea_r(geos.handle(), local.get(), &out.area_m2))
    throw Error("cannot compute the area: " + geos.last_error());
  auto centroid = geos.own(GEOSGetCentroid_r(geos.handle(), local.get()));
  LonLat c = point_of(centroid.get(), geos);
  out.centroid = unproject(projection, XY{c.lon, c.lat});
  return out;
}

LonLat point_on_surface(std::string_view wgs84_wkb, const GeosContext& geos) {
  auto g = geos.from_wkb(wgs84_wkb);
  auto p = geos.own(GEOSPointOnSurface_r(geos.handle(), g.get()));
  return point_of(p.get(), geos);
}

}  // namespace erde
