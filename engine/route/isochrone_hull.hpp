#pragma once
// The filled shape of the roads an isochrone reaches, in a local metric plane: the road
// vertices thinned to one per cell of a 0.6 x buffer_m grid (a dropped vertex lies within
// 0.85 x buffer_m of a kept one), the concave hull of the kept points (GEOS, ratio 0.05, no
// holes), any kept point the hull leaves out added back (GEOS's hull of raw linework was seen to
// leave reachable vertices outside), and the whole widened by buffer_m. So every reachable road
// vertex lies inside, and nothing lies farther than buffer_m from the hull of the reachable roads.
#include <vector>

#include "geo/geos_context.hpp"

namespace erde {

struct PlanePoint {
  double x, y;
};

// Null when GEOS fails (the caller reports geos.last_error()).
GeosContext::GeomPtr reachable_hull(GeosContext& geos, std::vector<PlanePoint> vertices, double buffer_m);

}  // namespace erde
