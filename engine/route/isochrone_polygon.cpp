#include <algorithm>

#include "geo/local_projection.hpp"
#include "route/isochrone.hpp"
#include "route/isochrone_hull.hpp"
#include "route/polyline.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

struct Interval {
  uint32_t segment;
  double from, to;  // fractions along the segment
};

// The pieces as disjoint intervals per segment (both directions of a road share one line).
std::vector<Interval> merged_intervals(const RoadGraph& g, const std::vector<EdgePiece>& pieces) {
  std::vector<Interval> all;
  all.reserve(pieces.size());
  for (const EdgePiece& p : pieces) {
    if (g.forward[p.edge])
      all.push_back({g.segment[p.edge], p.from, p.to});
    else
      all.push_back({g.segment[p.edge], 1.0 - p.to, 1.0 - p.from});
  }
  std::sort(all.begin(), all.end(), [](const Interval& a, const Interval& b) {
    return a.segment != b.segment ? a.segment < b.segment : a.from < b.from;
  });
  std::vector<Interval> out;
  for (const Interval& i : all) {
    if (!out.empty() && out.back().segment == i.segment && i.from <= out.back().to)
      out.back().to = std::max(out.back().to, i.to);
    else
      out.push_back(i);
  }
  return out;
}

}  // namespace

double isochrone_road_m(const RoadGraph& g, const Isochrone& iso) {
  double m = 0;
  for (const Interval& i : merged_intervals(g, iso.pieces)) m += g.length_m[g.segment_edge[2 * i.segment]] * (i.to - i.from);
  return m;
}

IsochroneArea isochrone_polygon(GeosContext& geos, const RoadGraph& g, const Isochrone& iso, double buffer_m,
                                IsochroneShape shape) {
  if (!(buffer_m > 0)) throw Error("isochrone polygon: buffer must be positive metres");
  const std::vector<Interval> intervals = merged_intervals(g, iso.pieces);
  if (intervals.empty()) return {};
  GEOSContextHandle_t h = geos.handle();
  const LonLat origin = point_on_segment(g, intervals.front().segment, intervals.front().from);
  const LocalProjection plane = local_projection(origin);

  std::vector<GEOSGeometry*> lines;
  std::vector<PlanePoint> vertices;
  std::vector<LonLat> points;
  std::vector<double> xs, ys;
  for (const Interval& i : intervals) {
    points.clear();
    append_edge_piece(g, g.segment_edge[2 * i.segment], i.from, i.to, points);
    if (shape == IsochroneShape::hull) continue;
    if (points.size() == 1) points.push_back(points.front());
    xs.resize(points.size());
    ys.resize(points.size());
    for (size_t k = 0; k < points.size(); ++k) {
      const XY p = project(plane, points[k]);
      xs[k] = p.x;
      ys[k] = p.y;
    }
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromArrays_r(h, xs.data(), ys.data(), nullptr, nullptr,
                                                           static_cast<unsigned>(points.size()));
    lines.push_back(GEOSGeom_createLineString_r(h, seq));
  }
  if (shape == IsochroneShape::hull) {
    for (const EdgePiece& p : iso.pieces) {
      points.clear();
      append_edge_piece(g, p.edge, p.from, p.to, points);
      for (const LonLat& at : points) {
        const XY m = project(plane, at);
        vertices.push_back({m.x, m.y});
      }
    }
  }
  GeosContext::GeomPtr area(nullptr, {h});
  if (shape == IsochroneShape::road_buffer) {
    GeosContext::GeomPtr multi = geos.own(
        GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, lines.data(), static_cast<unsigned>(lines.size())));
    if (multi)
      area = geos.own(GEOSBufferWithStyle_r(h, multi.get(), buffer_m, 4, GEOSBUF_CAP_ROUND, GEOSBUF_JOIN_ROUND, 5.0));
  } else {
    area = reachable_hull(geos, std::move(vertices), buffer_m);
  }
  if (!area) throw Error("isochrone polygon: GEOS buffer failed: " + geos.last_error());
  IsochroneArea out;
  GEOSArea_r(h, area.get(), &out.area_m2);
  out.wkb = geos.to_wkb(unproject(geos, plane, area.get()).get());
  return out;
}

std::string geojson_geometry(GeosContext& geos, const std::string& wkb) {
  if (wkb.empty()) return "null";
  GeosContext::GeomPtr g = geos.from_wkb(wkb);
  GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(geos.handle());
  char* text = GEOSGeoJSONWriter_writeGeometry_r(geos.handle(), writer, g.get(), -1);
  GEOSGeoJSONWriter_destroy_r(geos.handle(), writer);
  if (!text) throw Error("cannot write GeoJSON: " + geos.last_error());
  std::string out = text;
  GEOSFree_r(geos.handle(), text);
  return out;
}

}  // namespace erde
