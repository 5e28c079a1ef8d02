#include "dispatch/hazard_zone.hpp"

namespace erde {

GeosContext::GeomPtr circle_zone(const GeosContext& geos, LonLat centre, double radius_m) {
  return geos.from_wkb(circle_polygon(centre, radius_m).wkb);
}

}  // namespace erde
