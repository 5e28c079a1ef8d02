#pragma once
// Hazard and warning zones around an incident, and the local metric frame the dispatch core
// measures them in (an ellipsoidal tangent-plane approximation centred on the incident: under
// 0.1% error within 20 km, ample for radii of metres to kilometres).
#include "geo/geos_context.hpp"
#include "model/geometry.hpp"

namespace erde {

struct LocalFrame {
  LonLat origin;
  double m_per_deg_lon = 0.0;
  double m_per_deg_lat = 0.0;
};

LocalFrame local_frame(LonLat origin);
// Metres east/north of the origin and back.
void to_local(const LocalFrame& frame, double lon, double lat, double& x, double& y);
void to_lonlat(const LocalFrame& frame, double x, double y, double& lon, double& lat);
double distance_m(const LocalFrame& frame, LonLat a, LonLat b);

// New geometries (caller owns) with every coordinate moved into / out of the frame.
GeosContext::GeomPtr project_to_local(const GeosContext& geos, const LocalFrame& frame, const GEOSGeometry* lonlat);
GeosContext::GeomPtr project_to_lonlat(const GeosContext& geos, const LocalFrame& frame, const GEOSGeometry* local);

// A disc of radius_m around the point, as a WGS84 polygon (64 segments).
GeosContext::GeomPtr circle_zone(const GeosContext& geos, LonLat centre, double radius_m);

// Area in m^2 of a WGS84 geometry, measured in the frame.
double area_m2(const GeosContext& geos, const LocalFrame& frame, const GEOSGeometry* lonlat);

}  // namespace erde
