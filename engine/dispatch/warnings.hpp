#pragma once
// Who must be warned: risk points, administrative areas (streets, communities, grids) and
// shelters inside the warning zone.
#include <span>
#include <string>
#include <vector>

#include "geo/geos_context.hpp"
#include "model/admin_area.hpp"
#include "model/risk_point.hpp"
#include "model/shelter.hpp"

namespace erde {

struct RiskWarning {
  std::string id;
  std::string name;
  RiskKind kind = RiskKind::crowded_place;
  RiskLevel level = RiskLevel::blue;
  std::string responsible_unit;
  double distance_m = 0.0;  // from the incident to the point, or to the nearest part of its shape
};

struct AreaWarning {
  std::string id;
  std::string name;
  AreaLevel level = AreaLevel::community;
};

struct ShelterWarning {
  std::string id;
  std::string name;
  double distance_m = 0.0;  // to the footprint when there is one
};

struct WarningList {
  std::vector<RiskWarning> risk_points;  // red first, then kind, distance, id
  std::vector<AreaWarning> areas;        // street, community, grid; then id
  std::vector<ShelterWarning> shelters;  // by distance, then id
};

// zone: WGS84 polygon(s). A feature is inside when its point or shape intersects the zone.
WarningList list_warnings(const GeosContext& geos, const GEOSGeometry* zone, LonLat incident,
                          std::span<const RiskPoint> risk_points, std::span<const AdminArea> areas,
                          std::span<const Shelter> shelters);

// For each shelter: does it lie inside the zone (point or footprint)?
std::vector<bool> shelters_inside(const GeosContext& geos, const GEOSGeometry* zone, std::span<const Shelter> shelters);

}  // namespace erde
