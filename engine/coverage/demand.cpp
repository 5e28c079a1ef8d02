#include "coverage/demand.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "geo/area_metrics.hpp"
#include "geo/local_projection.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

void round_people(std::vector<DemandPoint>& points) {
  double total = 0;
  for (const DemandPoint& p : points) total += p.population;
  int64_t placed = 0;
  std::vector<std::pair<double, size_t>> rest;
  for (size_t i = 0; i < points.size(); ++i) {
    points[i].people = static_cast<int64_t>(std::floor(points[i].population));
    placed += points[i].people;
    rest.push_back({points[i].population - std::floor(points[i].population), i});
  }
  std::stable_sort(rest.begin(), rest.end(), [](auto& a, auto& b) { return a.first > b.first; });
  int64_t left = static_cast<int64_t>(std::llround(total)) - placed;
  for (size_t i = 0; left > 0 && i < rest.size(); ++i, --left) ++points[rest[i].second].people;
}

LonLat centre_of(const AreaTree& tree, const std::vector<size_t>& leaves) {
  double lo_x = 1e9, hi_x = -1e9, lo_y = 1e9, hi_y = -1e9;
  for (size_t a : leaves) {
    const LonLat c = tree.areas[a].centroid;
    lo_x = std::min(lo_x, c.lon), hi_x = std::max(hi_x, c.lon);
    lo_y = std::min(lo_y, c.lat), hi_y = std::max(hi_y, c.lat);
  }
  return {(lo_x + hi_x) / 2, (lo_y + hi_y) / 2};
}

struct PreparedGeom {
  GEOSContextHandle_t h;
  const GEOSPreparedGeometry* g;
  PreparedGeom(GEOSContextHandle_t handle, const GEOSPreparedGeometry* p) : h(handle), g(p) {}
  PreparedGeom(const PreparedGeom&) = delete;
  PreparedGeom& operator=(const PreparedGeom&) = delete;
  ~PreparedGeom() { GEOSPreparedGeom_destroy_r(h, g); }
};

std::string area_label(const AdminArea& a) { return "area '" + a.id + "'"; }

}  // namespace

double cell_size_for(const AreaTree& tree, double cells) {
  double total = 0;
  for (size_t a : tree.populated_leaves()) total += tree.areas[a].area_m2;
  if (!(cells > 0) || !(total > 0)) return 0;
  return std::sqrt(total / cells);
}

std::vector<DemandPoint> make_demand(const AreaTree& tree, const GeosContext& geos, double cell_m) {
  const std::vector<size_t> leaves = tree.populated_leaves();
  std::vector<DemandPoint> out;
  if (leaves.empty()) return out;
  if (!(cell_m > 0)) {
    for (size_t a : leaves) {
      const AdminArea& area = tree.areas[a];
      DemandPoint p;
      p.id = area.id;
      p.area = a;
      p.street = tree.street[a];
      p.where = point_on_surface(area.boundary.wkb, geos);
      p.population = static_cast<double>(*area.population);
      p.area_m2 = area.area_m2;
      out.push_back(std::move(p));
    }
    round_people(out);
    return out;
  }
  const GEOSContextHandle_t h = geos.handle();
  const LocalProjection proj = local_projection(centre_of(tree, leaves));
  for (size_t a : leaves) {
    const AdminArea& area = tree.areas[a];
    auto shape = project(geos, proj, geos.from_wkb(area.boundary.wkb).get());
    double whole = 0;
    if (!GEOSArea_r(h, shape.get(), &whole) || !(whole > 0))
      throw Error(area_label(area) + ": boundary has no area");
    double x0, y0, x1, y1;
    if (!GEOSGeom_getXMin_r(h, shape.get(), &x0) || !GEOSGeom_getYMin_r(h, shape.get(), &y0) ||
        !GEOSGeom_getXMax_r(h, shape.get(), &x1) || !GEOSGeom_getYMax_r(h, shape.get(), &y1))
      throw Error(area_label(area) + ": cannot read the boundary's extent");
    const PreparedGeom guard{h, GEOSPrepare_r(h, shape.get())};
    const GEOSPreparedGeometry* prepared = guard.g;
    const auto i0 = static_cast<int64_t>(std::floor(x0 / cell_m)), i1 = static_cast<int64_t>(std::floor(x1 / cell_m));
    const auto j0 = static_cast<int64_t>(std::floor(y0 / cell_m)), j1 = static_cast<int64_t>(std::floor(y1 / cell_m));
    int n = 0;
    for (int64_t j = j0; j <= j1; ++j) {
      for (int64_t i = i0; i <= i1; ++i) {
        const double cx = static_cast<double>(i) * cell_m, cy = static_cast<double>(j) * cell_m;
        auto cell = geos.own(GEOSGeom_createRectangle_r(h, cx, cy, cx + cell_m, cy + cell_m));
        if (!GEOSPreparedIntersects_r(h, prepared, cell.get())) continue;
        GeosContext::GeomPtr piece = GEOSPreparedContains_r(h, prepared, cell.get())
                                         ? std::move(cell)
                                         : geos.own(GEOSIntersection_r(h, shape.get(), cell.get()));
        if (!piece) throw Error(area_label(area) + ": cannot clip the grid: " + geos.last_error());
        double part = 0;
        GEOSArea_r(h, piece.get(), &part);
        if (!(part > 1e-6 * cell_m * cell_m)) continue;
        auto inside = geos.own(GEOSPointOnSurface_r(h, piece.get()));
        double px = 0, py = 0;
        if (!inside || !GEOSGeomGetX_r(h, inside.get(), &px) || !GEOSGeomGetY_r(h, inside.get(), &py))
          throw Error(area_label(area) + ": no point on a grid piece: " + geos.last_error());
        DemandPoint p;
        p.id = area.id + "#" + std::to_string(++n);
        p.area = a;
        p.street = tree.street[a];
        p.where = unproject(proj, {px, py});
        p.population = static_cast<double>(*area.population) * part / whole;
        p.area_m2 = area.area_m2 * part / whole;
        p.piece_wkb = geos.to_wkb(unproject(geos, proj, piece.get()).get());
        out.push_back(std::move(p));
      }
    }
  }
  round_people(out);
  return out;
}

}  // namespace erde
