#include "dispatch/warnings.hpp"

#include <algorithm>
#include <memory>

#include "geo/local_projection.hpp"
#include "geo/wkb_bounds.hpp"

namespace erde {
namespace {

struct Prepared {
  const GeosContext& geos;
  const GEOSPreparedGeometry* p;
  BBox box;
  Prepared(const GeosContext& g, const GEOSGeometry* zone)
      : geos(g), p(GEOSPrepare_r(g.handle(), zone)), box(geos_bounds(g, zone)) {}
  ~Prepared() { GEOSPreparedGeom_destroy_r(geos.handle(), p); }
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;

  bool hits(LonLat point, const Geometry& shape) const {
    if (!shape.empty()) {
      if (!may_touch(box, shape.wkb)) return false;
      auto g = geos.from_wkb(shape.wkb);
      return GEOSPreparedIntersects_r(geos.handle(), p, g.get()) == 1;
    }
    auto g = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), point.lon, point.lat));
    return GEOSPreparedIntersects_r(geos.handle(), p, g.get()) == 1;
  }
};

}  // namespace

std::vector<bool> shelters_inside(const GeosContext& geos, const GEOSGeometry* zone, std::span<const Shelter> shelters) {
  Prepared z(geos, zone);
  std::vector<bool> out;
  out.reserve(shelters.size());
  for (const auto& s : shelters) out.push_back(z.hits(s.location, s.footprint));
  return out;
}

WarningList list_warnings(const GeosContext& geos, const GEOSGeometry* zone, LonLat incident,
                          std::span<const RiskPoint> risk_points, std::span<const AdminArea> areas,
                          std::span<const Shelter> shelters) {
  Prepared z(geos, zone);
  const LocalProjection frame = local_projection(incident);
  WarningList w;
  // Distance to a line or polygon is to its nearest part (0 when the incident is on it).
  auto distance_to = [&](LonLat at, const Geometry& shape) {
    if (shape.empty()) return plane_distance_m(frame, incident, at);
    auto local = project(geos, frame, geos.from_wkb(shape.wkb).get());
    auto origin = geos.own(GEOSGeom_createPointFromXY_r(geos.handle(), 0.0, 0.0));
    double d = 0.0;
    if (!GEOSDistance_r(geos.handle(), local.get(), origin.get(), &d)) return plane_distance_m(frame, incident, at);
    return d;
  };
  for (const auto& r : risk_points)
    if (z.hits(r.location, r.shape))
      w.risk_points.push_back({r.id, r.name, r.kind, r.level, r.responsible_unit, distance_to(r.location, r.shape)});
  for (const auto& a : areas)
    if (a.level != AreaLevel::district && !a.boundary.empty() && z.hits(a.centroid, a.boundary))
      w.areas.push_back({a.id, a.name, a.level});
  for (const auto& s : shelters)
    if (z.hits(s.location, s.footprint)) w.shelters.push_back({s.id, s.name, distance_to(s.location, s.footprint)});

  std::sort(w.risk_points.begin(), w.risk_points.end(), [](const RiskWarning& a, const RiskWarning& b) {
    if (a.level != b.level) return a.level < b.level;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
    return a.id < b.id;
  });
  std::sort(w.areas.begin(), w.areas.end(), [](const AreaWarning& a, const AreaWarning& b) {
    if (a.level != b.level) return a.level < b.level;
    return a.id < b.id;
  });
  std::sort(w.shelters.begin(), w.shelters.end(), [](const ShelterWarning& a, const ShelterWarning& b) {
    if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
    return a.id < b.id;
  });
  return w;
}

}  // namespace erde
