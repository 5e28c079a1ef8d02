#include "demo/responsibility.hpp"

#include <cstdio>
#include <limits>

#include "util/error.hpp"

namespace erde::demo {
namespace {

std::string area_id(size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "HC-RA-%02zu", n);
  return buf;
}

int street_index(const MetricAreas& areas, const std::string& id) {
  for (size_t s = 0; s < areas.streets.size(); ++s)
    if (areas.streets[s].id == id) return static_cast<int>(s);
  return -1;
}

XY metric(const Frame& frame, LonLat p) { return {frame.plane.x(p.lon), frame.plane.y(p.lat)}; }

}  // namespace

void add_responsibility_areas(const Frame& frame, const MetricAreas& areas, const GeosContext& geos,
                              DemoDistrict& out) {
  std::vector<const Team*> stations;
  auto add = [&](const Team& team, const GEOSGeometry* metric_shape) {
    out.data.responsibility_areas.push_back({area_id(out.data.responsibility_areas.size() + 1),
                                             team.name + "辖区", team.id,
                                             Geometry{lonlat_wkb(geos, metric_shape, frame)}});
  };
  for (const Team& t : out.data.teams) {
    if (t.kind == TeamKind::fire_rescue) stations.push_back(&t);
    if (t.kind != TeamKind::street_parttime) continue;
    const int s = street_index(areas, t.street_id);
    if (s < 0) throw Error("demo: street team " + t.id + " has no street");
    add(t, areas.streets[static_cast<size_t>(s)].shape.get());
  }
  std::vector<std::vector<GEOSGeometry*>> parts(stations.size());
  for (const MetricArea& street : areas.streets) {
    size_t best = 0;
    double d = std::numeric_limits<double>::infinity();
    for (size_t k = 0; k < stations.size(); ++k)
      if (const double dk = dist(street.centre, metric(frame, stations[k]->base)); dk < d) d = dk, best = k;
    parts[best].push_back(GEOSGeom_clone_r(geos.handle(), street.shape.get()));
  }
  for (size_t k = 0; k < stations.size(); ++k) {
    if (parts[k].empty()) continue;
    GeomPtr collection = check(geos,
                               GEOSGeom_createCollection_r(geos.handle(), GEOS_GEOMETRYCOLLECTION, parts[k].data(),
                                                           static_cast<unsigned>(parts[k].size())),
                               "fire station area");
    GeomPtr merged = check(geos, GEOSUnaryUnion_r(geos.handle(), collection.get()), "fire station area");
    add(*stations[k], merged.get());
  }
}

}  // namespace erde::demo
