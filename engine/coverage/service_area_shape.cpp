#include "coverage/service_area_shape.hpp"

#include <algorithm>
#include <cmath>

#include "graph/distance.hpp"
#include "route/polyline.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

struct Cell {
  uint64_t key;
  double x, y;
};

Cell cell_of(double x, double y, double size) {
  const auto cx = static_cast<uint32_t>(static_cast<int32_t>(std::floor(x / size)));
  const auto cy = static_cast<uint32_t>(static_cast<int32_t>(std::floor(y / size)));
  return {uint64_t{cx} << 32 | cy, x, y};
}

// Keeps the first point of each cell.
void one_per_cell(std::vector<Cell>& cells) {
  std::stable_sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.key < b.key; });
  cells.erase(std::unique(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.key == b.key; }),
              cells.end());
}

struct Prepared {
  GEOSContextHandle_t h;
  const GEOSPreparedGeometry* g;
  ~Prepared() { GEOSPreparedGeom_destroy_r(h, g); }
};

}  // namespace

IsochroneArea service_area_polygon(GeosContext& geos, const RoadGraph& graph, const Isochrone& iso, double buffer_m) {
  if (!(buffer_m > 0) || !std::isfinite(buffer_m)) throw Error("service area: buffer must be positive metres");
  if (iso.pieces.empty()) return {};
  GEOSContextHandle_t h = geos.handle();
  std::vector<LonLat> line;
  append_edge_piece(graph, iso.pieces.front().edge, iso.pieces.front().from, iso.pieces.front().to, line);
  LocalPlane plane(line.front().lon, line.front().lat);

  // Cell diagonal 0.99 x buffer_m: a dropped vertex is within the buffer of the kept one.
  std::vector<Cell> kept;
  for (const EdgePiece& p : iso.pieces) {
    line.clear();
    append_edge_piece(graph, p.edge, p.from, p.to, line);
    for (const LonLat& at : line) kept.push_back(cell_of(plane.x(at.lon), plane.y(at.lat), 0.7 * buffer_m));
  }
  one_per_cell(kept);

  std::vector<GEOSGeometry*> each(kept.size());
  for (size_t i = 0; i < kept.size(); ++i) each[i] = GEOSGeom_createPointFromXY_r(h, kept[i].x, kept[i].y);
  const GeosContext::GeomPtr points =
      geos.own(GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, each.data(), static_cast<unsigned>(each.size())));
  GeosContext::GeomPtr hull = geos.own(points ? GEOSConcaveHull_r(h, points.get(), 0.05, 0) : nullptr);
  if (!hull) throw Error("service area: GEOS concave hull failed: " + geos.last_error());

  std::vector<GEOSGeometry*> left_out;
  {
    const Prepared prepared{h, GEOSPrepare_r(h, hull.get())};
    for (const Cell& c : kept) {
      GEOSGeometry* pt = GEOSGeom_createPointFromXY_r(h, c.x, c.y);
      if (GEOSPreparedCovers_r(h, prepared.g, pt) == 1)
        GEOSGeom_destroy_r(h, pt);
      else
        left_out.push_back(pt);
    }
  }
  if (!left_out.empty()) {
    const GeosContext::GeomPtr extra = geos.own(
        GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, left_out.data(), static_cast<unsigned>(left_out.size())));
    hull = geos.own(GEOSUnion_r(h, hull.get(), extra.get()));
    if (!hull) throw Error("service area: GEOS union failed: " + geos.last_error());
  }
  const GeosContext::GeomPtr area =
      geos.own(GEOSBufferWithStyle_r(h, hull.get(), buffer_m, 4, GEOSBUF_CAP_ROUND, GEOSBUF_JOIN_ROUND, 5.0));
  if (!area) throw Error("service area: GEOS buffer failed: " + geos.last_error());
  IsochroneArea out;
  GEOSArea_r(h, area.get(), &out.area_m2);
  auto unproject = [](double* x, double* y, void* user) -> int {
    const LonLat p = static_cast<const LocalPlane*>(user)->unproject(*x, *y);
    *x = p.lon;
    *y = p.lat;
    return 1;
  };
  const GeosContext::GeomPtr wgs84 = geos.own(GEOSGeom_transformXY_r(h, area.get(), unproject, &plane));
  if (!wgs84) throw Error("service area: cannot transform to WGS84: " + geos.last_error());
  out.wkb = geos.to_wkb(wgs84.get());
  return out;
}

}  // namespace erde
