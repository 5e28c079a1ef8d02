#include "dispatch/population.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "geo/local_projection.hpp"
#include "geo/wkb_bounds.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

using GeomPtr = GeosContext::GeomPtr;

double area_of(const GeosContext& geos, const GEOSGeometry* g) {
  double a = 0.0;
  if (!GEOSArea_r(geos.handle(), g, &a)) throw Error("cannot measure area: " + geos.last_error());
  return a;
}

// The nearest populated areas below `id` (through unpopulated ones).
void populated_below(const std::string& id, const std::multimap<std::string, size_t>& children,
                     std::span<const AdminArea> areas, std::set<std::string>& seen, std::vector<size_t>& out) {
  auto [lo, hi] = children.equal_range(id);
  for (auto it = lo; it != hi; ++it) {
    const AdminArea& child = areas[it->second];
    if (!seen.insert(child.id).second) continue;  // guards against cycles in parent links
    if (child.population) out.push_back(it->second);
    else populated_below(child.id, children, areas, seen, out);
  }
}

}  // namespace

PopulationEstimate estimate_affected_population(const GeosContext& geos, const GEOSGeometry* zone,
                                                std::span<const AdminArea> areas) {
  PopulationEstimate out;
  const BBox zone_box = geos_bounds(geos, zone);
  auto centre_pt = geos.own(GEOSGetCentroid_r(geos.handle(), zone));
  if (!centre_pt) throw Error("cannot find the zone's centre: " + geos.last_error());
  double cx = 0.0, cy = 0.0;
  GEOSGeomGetX_r(geos.handle(), centre_pt.get(), &cx);
  GEOSGeomGetY_r(geos.handle(), centre_pt.get(), &cy);
  const LocalProjection frame = local_projection({cx, cy});
  GeomPtr zone_local = project(geos, frame, zone);
  const GEOSPreparedGeometry* prepared = GEOSPrepare_r(geos.handle(), zone_local.get());

  std::multimap<std::string, size_t> children;
  for (size_t i = 0; i < areas.size(); ++i)
    if (!areas[i].parent_id.empty()) children.emplace(areas[i].parent_id, i);

  auto local_boundary = [&](const AdminArea& a) -> GeomPtr {
    GeomPtr g = geos.from_wkb(a.boundary.wkb);
    return project(geos, frame, g.get());
  };
  auto expose = [&](const AdminArea& a, GeomPtr shape, double population, bool remainder) {
    if (!GEOSPreparedIntersects_r(geos.handle(), prepared, shape.get())) return;
    double whole = area_of(geos, shape.get());
    if (!(whole > 0.0)) return;
    GeomPtr inside = geos.own(GEOSIntersection_r(geos.handle(), shape.get(), zone_local.get()));
    if (!inside) throw Error("area " + a.id + ": cannot intersect with the zone: " + geos.last_error());
    double part = area_of(geos, inside.get());
    if (!(part > 0.0)) return;
    AreaExposure e;
    e.area_id = a.id;
    e.area_name = a.name;
    e.level = a.level;
    e.remainder = remainder;
    e.population = population;
    e.fraction = std::min(1.0, part / whole);
    e.affected = population * e.fraction;
    GeomPtr pt = geos.own(GEOSPointOnSurface_r(geos.handle(), inside.get()));
    double x = 0.0, y = 0.0;
    if (pt) {
      GEOSGeomGetX_r(geos.handle(), pt.get(), &x);
      GEOSGeomGetY_r(geos.handle(), pt.get(), &y);
    }
    e.gather_point = unproject(frame, {x, y});
    out.areas.push_back(std::move(e));
  };

  try {
    for (const AdminArea& a : areas) {
      if (!a.population || *a.population <= 0 || a.boundary.empty()) continue;
      if (!may_touch(zone_box, a.boundary.wkb)) continue;  // nor can any part of it
      std::set<std::string> seen{a.id};
      std::vector<size_t> below;
      populated_below(a.id, children, areas, seen, below);
      if (below.empty()) {
        expose(a, local_boundary(a), static_cast<double>(*a.population), false);
        continue;
      }
      double counted = 0.0;
      std::vector<GeomPtr> parts;
      for (size_t i : below) {
        counted += static_cast<double>(*areas[i].population);
        if (!areas[i].boundary.empty()) parts.push_back(local_boundary(areas[i]));
      }
      double rest = static_cast<double>(*a.population) - counted;
      if (rest <= 0.0) continue;
      GeomPtr shape = local_boundary(a);
      for (const GeomPtr& p : parts) {
        GeomPtr diff = geos.own(GEOSDifference_r(geos.handle(), shape.get(), p.get()));
        if (!diff) throw Error("area " + a.id + ": cannot subtract its sub-areas: " + geos.last_error());
        shape = std::move(diff);
      }
      // Sub-areas covering all of it leave no ground: spread the rest over the whole area.
      if (!(area_of(geos, shape.get()) > 0.0)) shape = local_boundary(a);
      expose(a, std::move(shape), rest, true);
    }
  } catch (...) {
    GEOSPreparedGeom_destroy_r(geos.handle(), prepared);
    throw;
  }
  GEOSPreparedGeom_destroy_r(geos.handle(), prepared);

  std::sort(out.areas.begin(), out.areas.end(), [](const AreaExposure& x, const AreaExposure& y) {
    if (x.area_id != y.area_id) return x.area_id < y.area_id;
    return x.remainder < y.remainder;
  });
  for (const auto& e : out.areas) out.total += e.affected;
  return out;
}

std::vector<int64_t> whole_people(const PopulationEstimate& estimate) {
  const auto& a = estimate.areas;
  std::vector<int64_t> people(a.size());
  double sum = 0.0;
  int64_t floor_sum = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    people[i] = static_cast<int64_t>(std::floor(a[i].affected));
    floor_sum += people[i];
    sum += a[i].affected;
  }
  int64_t extra = std::llround(sum) - floor_sum;
  std::vector<size_t> order(a.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return a[x].affected - std::floor(a[x].affected) > a[y].affected - std::floor(a[y].affected);
  });
  for (size_t k = 0; k < order.size() && extra > 0; ++k, --extra) ++people[order[k]];
  return people;
}

}  // namespace erde
