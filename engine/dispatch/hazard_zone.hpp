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

// The dispatch core's former frame, now the engine's projection under its old names; kept only
// until tests/dispatch/population_test.cpp calls local_projection() itself.
using LocalFrame = LocalProjection;
inline LocalProjection local_frame(LonLat origin) { return local_projection(origin); }

}  // namespace erde
