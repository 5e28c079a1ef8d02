#include "dispatch/hazard_zone.hpp"

#include <cmath>
#include <numbers>

#include "util/error.hpp"

namespace erde {
namespace {

constexpr double kA = 6378137.0;              // WGS84 semi-major axis
constexpr double kE2 = 6.69437999014e-3;      // first eccentricity squared

int forward(double* x, double* y, void* data) {
  const auto* f = static_cast<const LocalFrame*>(data);
  to_local(*f, *x, *y, *x, *y);
  return 1;
}

int inverse(double* x, double* y, void* data) {
  const auto* f = static_cast<const LocalFrame*>(data);
  to_lonlat(*f, *x, *y, *x, *y);
  return 1;
}

GeosContext::GeomPtr transform(const GeosContext& geos, const LocalFrame& frame, const GEOSGeometry* g,
                               GEOSTransformXYCallback fn) {
  GEOSGeometry* out = GEOSGeom_transformXY_r(geos.handle(), g, fn, const_cast<LocalFrame*>(&frame));
  if (!out) throw Error("cannot transform geometry: " + geos.last_error());
  return geos.own(out);
}

}  // namespace

LocalFrame local_frame(LonLat origin) {
  double phi = origin.lat * std::numbers::pi / 180.0;
  double s = std::sin(phi);
  double w = 1.0 - kE2 * s * s;
  double n = kA / std::sqrt(w);                  // prime vertical radius
  double m = kA * (1.0 - kE2) / (w * std::sqrt(w));  // meridian radius
  double rad = std::numbers::pi / 180.0;
  return {origin, n * std::cos(phi) * rad, m * rad};
}

void to_local(const LocalFrame& f, double lon, double lat, double& x, double& y) {
  x = (lon - f.origin.lon) * f.m_per_deg_lon;
  y = (lat - f.origin.lat) * f.m_per_deg_lat;
}

void to_lonlat(const LocalFrame& f, double x, double y, double& lon, double& lat) {
  lon = f.origin.lon + x / f.m_per_deg_lon;
  lat = f.origin.lat + y / f.m_per_deg_lat;
}

double distance_m(const LocalFrame& f, LonLat a, LonLat b) {
  double ax, ay, bx, by;
  to_local(f, a.lon, a.lat, ax, ay);
  to_local(f, b.lon, b.lat, bx, by);
  return std::hypot(ax - bx, ay - by);
}

GeosContext::GeomPtr project_to_local(const GeosContext& geos, const LocalFrame& frame, const GEOSGeometry* lonlat) {
  return transform(geos, frame, lonlat, &forward);
}

GeosContext::GeomPtr project_to_lonlat(const GeosContext& geos, const LocalFrame& frame, const GEOSGeometry* local) {
  return transform(geos, frame, local, &inverse);
}

GeosContext::GeomPtr circle_zone(const GeosContext& geos, LonLat centre, double radius_m) {
  if (!(radius_m > 0.0) || !std::isfinite(radius_m)) throw Error("zone radius must be a positive number of metres");
  LocalFrame frame = local_frame(centre);
  auto point = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), 0.0, 0.0));
  auto disc = geos.own(GEOSBuffer_r(geos.handle(), point.get(), radius_m, 16));
  if (!disc) throw Error("cannot buffer the incident: " + geos.last_error());
  return project_to_lonlat(geos, frame, disc.get());
}

double area_m2(const GeosContext& geos, const LocalFrame& frame, const GEOSGeometry* lonlat) {
  auto local = project_to_local(geos, frame, lonlat);
  double a = 0.0;
  if (!GEOSArea_r(geos.handle(), local.get(), &a)) throw Error("cannot measure area: " + geos.last_error());
  return a;
}

}  // namespace erde
