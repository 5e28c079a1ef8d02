#include "geo/local_projection.hpp"

#include <bit>
#include <cmath>
#include <cstdint>

#include "util/error.hpp"

namespace erde {
namespace {

constexpr double kA = 6378137.0;          // WGS84 semi-major axis, metres
constexpr double kE2 = 6.69437999014e-3;  // WGS84 first eccentricity squared
constexpr double kRad = std::numbers::pi / 180.0;

std::string text(double a, double b) { return "(" + std::to_string(a) + ", " + std::to_string(b) + ")"; }

int forward(double* x, double* y, void* data) {
  const XY p = project(*static_cast<const LocalProjection*>(data), {*x, *y});
  *x = p.x;
  *y = p.y;
  return 1;
}

int inverse(double* x, double* y, void* data) {
  const LonLat p = unproject(*static_cast<const LocalProjection*>(data), {*x, *y});
  *x = p.lon;
  *y = p.lat;
  return 1;
}

GeosContext::GeomPtr transform(const GeosContext& geos, const LocalProjection& p, const GEOSGeometry* g,
                               GEOSTransformXYCallback fn) {
  GEOSGeometry* out = GEOSGeom_transformXY_r(geos.handle(), g, fn, const_cast<LocalProjection*>(&p));
  if (!out) throw Error("cannot transform geometry: " + geos.last_error());
  return geos.own(out);
}

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put_f64(std::string& out, double v) {
  const auto u = std::bit_cast<uint64_t>(v);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((u >> (8 * i)) & 0xff));
}

}  // namespace

LocalProjection local_projection(LonLat centre) {
  if (!std::isfinite(centre.lon) || !std::isfinite(centre.lat) || std::abs(centre.lon) > 180.0 ||
      std::abs(centre.lat) > 90.0)
    throw Error("local projection: centre " + text(centre.lon, centre.lat) +
                " is not a WGS84 longitude/latitude");
  const double phi = centre.lat * std::numbers::pi / 180.0;
  const double s = std::sin(phi);
  const double w = 1.0 - kE2 * s * s;
  const double n = kA / std::sqrt(w);                 // prime vertical radius
  const double m = kA * (1.0 - kE2) / (w * std::sqrt(w));  // meridian radius
  return {centre, n * std::cos(phi) * kRad, m * kRad};
}

double plane_distance_m(const LocalProjection& p, LonLat a, LonLat b) {
  const XY pa = project(p, a), pb = project(p, b);
  return std::hypot(pa.x - pb.x, pa.y - pb.y);
}

GeosContext::GeomPtr project(const GeosContext& geos, const LocalProjection& p, const GEOSGeometry* wgs84) {
  return transform(geos, p, wgs84, &forward);
}

GeosContext::GeomPtr unproject(const GeosContext& geos, const LocalProjection& p, const GEOSGeometry* local) {
  return transform(geos, p, local, &inverse);
}

double area_m2(const GeosContext& geos, const LocalProjection& p, const GEOSGeometry* wgs84) {
  GeosContext::GeomPtr local = project(geos, p, wgs84);
  double a = 0.0;
  if (!GEOSArea_r(geos.handle(), local.get(), &a)) throw Error("cannot measure area: " + geos.last_error());
  return a;
}

std::vector<LonLat> circle_ring(LonLat centre, double radius_m) {
  if (!(radius_m > 0.0) || !std::isfinite(radius_m))
    throw Error("zone radius must be a positive number of metres, got " + std::to_string(radius_m));
  const LocalProjection p = local_projection(centre);
  std::vector<LonLat> ring;
  ring.reserve(kCircleSides + 1);
  // Vertex for vertex the ring GEOS buffers a point into (16 segments a quadrant): plans keep the
  // zones they had when hazard_zone buffered the incident.
  const double step = 2.0 * std::numbers::pi / kCircleSides;
  for (int k = 0; k < kCircleSides; ++k) {
    const double a = -k * step;
    ring.push_back(unproject(p, {radius_m * std::cos(a), radius_m * std::sin(a)}));
  }
  ring.push_back(ring.front());
  return ring;
}

Geometry circle_polygon(LonLat centre, double radius_m) {
  const std::vector<LonLat> ring = circle_ring(centre, radius_m);
  Geometry g;
  g.wkb.reserve(13 + 16 * ring.size());
  g.wkb.push_back(1);  // little-endian
  put_u32(g.wkb, 3);   // Polygon
  put_u32(g.wkb, 1);   // one ring
  put_u32(g.wkb, static_cast<uint32_t>(ring.size()));
  for (const LonLat& q : ring) {
    put_f64(g.wkb, q.lon);
    put_f64(g.wkb, q.lat);
  }
  return g;
}

}  // namespace erde
