#pragma once
// The engine's one local metric projection (x metres east, y metres north of a centre) and its
// one circle zone. Area metrics, coverage demand, hazard zones, population, warnings, snapping,
// road import, isochrone polygons and report maps all measure through it.
//
// Why this one: true WGS84 scale at the centre, and edges straight in lon/lat (as GEOS reads our data) stay straight.
//
// Equirectangular on the ellipsoid's radii of curvature at the centre: x = dlon * N cos(lat0),
// y = dlat * M. Exact both ways, two multiplications, plain data (copy it, share it between
// threads). A lon/lat box stays a box and a zone test made in degrees agrees with one made in
// metres. The azimuthal equidistant once used for area metrics (PROJ aeqd) bends such edges (by
// 8 mm on a 1 km east-west edge at 23° N) and needs a PROJ object per thread; graph's spherical
// plane missed the ellipsoid by 0.1-0.6 %. The one weakness here is the east-west scale drifting
// with the distance north or south of the centre, by tan(lat0) * dlat: 0.07 % 10 km away at
// 23° N, 0.18 % at 49° N (the north-south scale drifts by a fiftieth of that). So centre it on
// what you measure (an area, a zone, an incident): symmetric shapes lose the drift to first
// order (a 10 km disc or box is good to 1e-6).
#include <numbers>
#include <vector>

#include "geo/geos_context.hpp"
#include "model/geometry.hpp"

namespace erde {

struct XY {
  double x = 0.0;  // metres east of the centre
  double y = 0.0;  // metres north of the centre
};

// Build with local_projection(); the scales derive from the centre. The default value is the
// projection centred on (0, 0).
struct LocalProjection {
  LonLat centre;
  double m_per_deg_lon = 6378137.0 * (std::numbers::pi / 180.0);                           // N cos(lat0) pi/180
  double m_per_deg_lat = 6378137.0 * (1.0 - 6.69437999014e-3) * (std::numbers::pi / 180.0);  // M pi/180
};

// Throws erde::Error unless the centre is a finite WGS84 longitude/latitude.
LocalProjection local_projection(LonLat centre);

inline XY project(const LocalProjection& p, LonLat at) {
  return {(at.lon - p.centre.lon) * p.m_per_deg_lon, (at.lat - p.centre.lat) * p.m_per_deg_lat};
}
inline LonLat unproject(const LocalProjection& p, XY at) {
  return {p.centre.lon + at.x / p.m_per_deg_lon, p.centre.lat + at.y / p.m_per_deg_lat};
}
// The straight-line distance in the plane.
double plane_distance_m(const LocalProjection& p, LonLat a, LonLat b);

// New geometries (caller owns) with every coordinate moved: WGS84 -> metres and back. Z and M
// values are left as they are. Throw erde::Error when GEOS refuses.
GeosContext::GeomPtr project(const GeosContext& geos, const LocalProjection& p, const GEOSGeometry* wgs84);
GeosContext::GeomPtr unproject(const GeosContext& geos, const LocalProjection& p, const GEOSGeometry* local);
// Area in m^2 of a WGS84 geometry, measured in the projection.
double area_m2(const GeosContext& geos, const LocalProjection& p, const GEOSGeometry* wgs84);

// The circle zone of the engine (hazard and warning zones, closures around a point): a regular
// polygon of kCircleSides sides inscribed in the circle of radius_m metres around the centre,
// laid out in the projection centred there: the first vertex due east of the centre, then
// clockwise (south next), point for point as GEOS buffers a point with 16 segments a quadrant
// (so the dispatch core's zones are what they were). Its area is (n/2) r^2 sin(2 pi/n) =
// 0.9984 pi r^2 (0.16 % under the disc); between vertices the edge comes within
// r cos(pi/n) = 0.9988 r of the centre. On the ground each vertex lies within
// r * (r tan|lat| / 2.8 R) of radius_m (the drift above: 2 cm for r = 1 km, 0.6 m for 5 km at
// 23° N). GeoJSON asks for counter-clockwise outer rings: reverse it for that.
inline constexpr int kCircleSides = 64;
// The closed ring: kCircleSides + 1 points in WGS84, the last equal to the first. Throws
// erde::Error unless radius_m is a positive finite number of metres and centre a WGS84
// longitude/latitude.
std::vector<LonLat> circle_ring(LonLat centre, double radius_m);
// The same ring as a WGS84 polygon in ISO WKB (2D, little-endian), for a Barrier or for GEOS.
Geometry circle_polygon(LonLat centre, double radius_m);

}  // namespace erde
