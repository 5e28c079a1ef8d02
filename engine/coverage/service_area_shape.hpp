#pragma once
// The service-area polygon of one isochrone: the filled area a facility serves. The vertices of
// the reachable road pieces are thinned to one per cell of a 0.7 x buffer_m grid (a dropped vertex
// lies within 0.99 x buffer_m of a kept one), the concave hull (GEOS, ratio 0.05, no holes) of the
// kept points is taken, any kept point the hull leaves out is added back (a safety net: the hull
// of route's unthinned linework did leave some out), and the whole is widened by buffer_m. So
// every reachable road vertex lies inside the polygon, and nothing lies farther than buffer_m
// from the hull of the reachable roads.
#include "geo/geos_context.hpp"
#include "route/isochrone.hpp"

namespace erde {

// WGS84 (Multi)Polygon as ISO WKB (empty when nothing is reachable) and its area in m².
// Throws erde::Error when buffer_m is not a positive number or GEOS fails.
IsochroneArea service_area_polygon(GeosContext& geos, const RoadGraph& graph, const Isochrone& iso, double buffer_m);

}  // namespace erde
