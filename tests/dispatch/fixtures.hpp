#pragma once
// Test fixtures: teams, depots, shelters and areas built by hand, squares in degrees, and
// straight-line walking times.
#include <cmath>
#include <numbers>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dispatch/team_status.hpp"
#include "dispatch/travel_time.hpp"
#include "geo/geos_context.hpp"
#include "model/admin_area.hpp"
#include "model/depot.hpp"
#include "model/shelter.hpp"
#include "model/team.hpp"

namespace erde::test {

// "T" + std::to_string(n) trips GCC 12's -Wrestrict false positive at -O3.
inline std::string numbered(const char* prefix, size_t n) {
  std::string s = prefix;
  s += std::to_string(n);
  return s;
}

inline Team team(std::string id, std::vector<Capability> caps, TeamStatus status = TeamStatus::available) {
  Team t;
  t.id = id;
  t.name = "team " + id;
  t.capabilities = std::move(caps);
  t.headcount = 10;
  t.status = status;
  return t;
}

// A team's row of a team table: at its base, assigned to nothing.
inline TeamNow row(Team t) {
  const LonLat at = t.base;
  return {std::move(t), at, std::nullopt, {}, std::nullopt};
}

inline std::vector<TeamNow> table(std::vector<Team> teams) { return team_table(teams); }

inline Depot depot(std::string id, std::vector<StockItem> stock) {
  Depot d;
  d.id = id;
  d.name = "depot " + id;
  d.stock = std::move(stock);
  return d;
}

inline Shelter shelter(std::string id, int64_t capacity, LonLat at = {}) {
  Shelter s;
  s.id = id;
  s.name = "shelter " + id;
  s.capacity = capacity;
  s.location = at;
  return s;
}

// Axis-aligned box in degrees as WKB.
inline std::string box_wkb(const GeosContext& geos, double lon0, double lat0, double lon1, double lat1) {
  auto g = geos.own(GEOSGeom_createRectangle_r(geos.handle(), lon0, lat0, lon1, lat1));
  return geos.to_wkb(g.get());
}

inline AdminArea area(const GeosContext& geos, std::string id, AreaLevel level, std::string parent,
                      std::optional<int64_t> population, double lon0, double lat0, double lon1, double lat1) {
  AdminArea a;
  a.id = id;
  a.name = "area " + id;
  a.level = level;
  a.parent_id = std::move(parent);
  a.population = population;
  a.boundary.wkb = box_wkb(geos, lon0, lat0, lon1, lat1);
  a.centroid = {(lon0 + lon1) / 2, (lat0 + lat1) / 2};
  return a;
}

// Great-circle metres (spherical), independent of the code under test.
inline double haversine_m(LonLat a, LonLat b) {
  const double r = 6371008.8, d = std::numbers::pi / 180.0;
  double dlat = (b.lat - a.lat) * d, dlon = (b.lon - a.lon) * d;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.lat * d) * std::cos(b.lat * d) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * r * std::asin(std::sqrt(h));
}

// Walking at 1.2 m/s in a straight line.
inline TravelMatrix straight_walk(std::span<const LonLat> from, std::span<const LonLat> to) {
  TravelMatrix m(from.size(), to.size());
  for (size_t i = 0; i < from.size(); ++i)
    for (size_t j = 0; j < to.size(); ++j) m.at(i, j) = haversine_m(from[i], to[j]) / 1.2;
  return m;
}

}  // namespace erde::test
