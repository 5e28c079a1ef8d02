#pragma once
// Hazard and warning zones around an incident. The dispatch core measures them, and the
// population and warnings inside them, in the engine's one local projection
// (geo/local_projection.hpp), centred on the incident or the zone.
#include "geo/geos_context.hpp"
#include "geo/local_projection.hpp"
#include "model/geometry.hpp"

namespace erde {

// A disc of radius_m around the point as a WGS84 polygon: geo's circle_polygon (kCircleSides
// sides). Throws erde::Error unless radius_m is a positive number of metres.
GeosContext::GeomPtr circle_zone(const GeosContext& geos, LonLat centre, double radius_m);

}  // namespace erde
