#include "demo/geos_util.hpp"

#include "util/error.hpp"

namespace erde::demo {
namespace {

GEOSCoordSequence* sequence(const GeosContext& geos, const std::vector<XY>& points) {
  GEOSContextHandle_t h = geos.handle();
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(points.size()), 2);
  for (size_t i = 0; i < points.size(); ++i)
    GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), points[i].x, points[i].y);
  return seq;
}

int unproject(double* x, double* y, void* frame) {
  const LonLat ll = static_cast<const Frame*>(frame)->to_lonlat({*x, *y});
  *x = ll.lon;
  *y = ll.lat;
  return 1;
}

}  // namespace

GeomPtr check(const GeosContext& geos, GEOSGeometry* g, const char* what) {
  if (!g) throw Error(std::string("demo: GEOS failed in ") + what + ": " + geos.last_error());
  return geos.own(g);
}

GeomPtr make_point(const GeosContext& geos, XY p) {
  return check(geos, GEOSGeom_createPointFromXY_r(geos.handle(), p.x, p.y), "point");
}

GeomPtr make_polygon(const GeosContext& geos, std::vector<XY> ring) {
  ring.push_back(ring.front());
  GEOSGeometry* shell = GEOSGeom_createLinearRing_r(geos.handle(), sequence(geos, ring));
  if (!shell) throw Error("demo: GEOS failed in ring: " + geos.last_error());
  return check(geos, GEOSGeom_createPolygon_r(geos.handle(), shell, nullptr, 0), "polygon");
}

GeomPtr make_line(const GeosContext& geos, const std::vector<XY>& points) {
  return check(geos, GEOSGeom_createLineString_r(geos.handle(), sequence(geos, points)), "line");
}

std::string lonlat_wkb(const GeosContext& geos, const GEOSGeometry* metric, const Frame& frame) {
  GeomPtr moved = check(geos,
                        GEOSGeom_transformXY_r(geos.handle(), metric, &unproject,
                                               const_cast<Frame*>(&frame)),
                        "transform");
  return geos.to_wkb(moved.get());
}

XY centroid(const GeosContext& geos, const GEOSGeometry* g) {
  GeomPtr c = check(geos, GEOSGetCentroid_r(geos.handle(), g), "centroid");
  XY p;
  GEOSGeomGetX_r(geos.handle(), c.get(), &p.x);
  GEOSGeomGetY_r(geos.handle(), c.get(), &p.y);
  return p;
}

double area(const GeosContext& geos, const GEOSGeometry* g) {
  double a = 0;
  GEOSArea_r(geos.handle(), g, &a);
  return a;
}

}  // namespace erde::demo
