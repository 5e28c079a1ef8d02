#include "geo/feature_geometry.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace erde {

namespace {

constexpr double area_of_use_margin_deg = 5.0;
// Projected coordinates beyond this (in the CRS's unit) are nowhere on Earth in any CRS; GDAL's
// Web Mercator to WGS84 step wraps longitudes 360° at a time, so x = 1e30 in EPSG:3857 never
// came back from the transform.
constexpr double max_projected_coordinate = 1e9;

std::string point_text(double x, double y) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "(%.9g, %.9g)", x, y);
  return buf;
}

// Finds the first point failing a test; OGR's default visitor walks every vertex.
template <typename Test>
class FirstBadPoint : public OGRDefaultConstGeometryVisitor {
 public:
  explicit FirstBadPoint(Test test) : test_(test) {}
  using OGRDefaultConstGeometryVisitor::visit;
  void visit(const OGRPoint* p) override {
    if (!found && !test_(p->getX(), p->getY())) {
      found = true;
      x = p->getX();
      y = p->getY();
    }
  }
  bool found = false;
  double x = 0, y = 0;

 private:
  Test test_;
};

template <typename Test>
FirstBadPoint<Test> find_bad_point(const OGRGeometry& g, Test test) {
  FirstBadPoint<Test> v(test);
  g.accept(&v);
  return v;
}

bool parse_number(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto res = std::from_chars(s.data(), s.data() + s.size(), out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

ogr::GeometryPtr geometry_from_columns(FeatureFields& fields) {
  if (auto wkt = fields.value("wkt")) {
    OGRGeometry* g = nullptr;
    ogr::QuietErrors quiet;
    if (OGRGeometryFactory::createFromWkt(wkt->c_str(), nullptr, &g) != OGRERR_NONE || !g) {
      std::string shown = wkt->size() > 60 ? wkt->substr(0, 60) + "..." : *wkt;
      fields.add("geometry", "unreadable WKT '" + shown + "'");
      return nullptr;
    }
    return ogr::GeometryPtr(g);
  }
  auto lon = fields.value("lon");
  auto lat = fields.value("lat");
  if (!lon && !lat) {
    fields.add("geometry", "missing geometry");
    return nullptr;
  }
  double x = 0, y = 0;
  bool ok = true;
  for (auto [name, text, out] : {std::tuple{"lon", &lon, &x}, std::tuple{"lat", &lat, &y}}) {
    if (!*text) {
      fields.add(name, "missing coordinate: the other one is given");
      ok = false;
    } else if (!parse_number(**text, *out)) {
      fields.add(name, "coordinate must be a number, got '" + **text + "'");
      ok = false;
    } else if (!std::isfinite(*out)) {
      fields.add(name, "coordinate must be a finite number, got '" + **text + "'");
      ok = false;
    }
  }
  if (!ok) return nullptr;
  return ogr::GeometryPtr(new OGRPoint(x, y));
}

const char* rule_text(ShapeRule rule) {
  switch (rule) {
    case ShapeRule::polygon: return "Polygon or MultiPolygon";
    case ShapeRule::point_or_polygon: return "Point, Polygon or MultiPolygon";
    case ShapeRule::point: return "Point";
    case ShapeRule::any: return "any geometry";
  }
  return "";
}

// Applies the type rule; may replace a one-point MultiPoint by its Point.
bool fits_rule(ogr::GeometryPtr& g, ShapeRule rule) {
  OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
  if (t == wkbMultiPoint && rule != ShapeRule::polygon && rule != ShapeRule::any) {
    auto* mp = g->toMultiPoint();
    if (mp->getNumGeometries() != 1) return false;
    g.reset(mp->getGeometryRef(0)->clone());
    return true;
  }
  switch (rule) {
    case ShapeRule::polygon: return t == wkbPolygon || t == wkbMultiPolygon;
    case ShapeRule::point_or_polygon:
      return t == wkbPoint || t == wkbPolygon || t == wkbMultiPolygon;
    case ShapeRule::point: return t == wkbPoint;
    case ShapeRule::any: return true;
  }
  return false;
}

}  // namespace

ogr::GeometryPtr read_feature_geometry(OGRFeature& feature, FeatureFields& fields,
                                       const SourceCrs& crs, ShapeRule rule,
                                       const GeosContext& geos) {
  ogr::GeometryPtr g;
  if (const OGRGeometry* own = feature.GetGeometryRef()) {
    g.reset(own->clone());
  } else {
    g = geometry_from_columns(fields);
    if (!g) return nullptr;
  }
  if (g->hasCurveGeometry()) g.reset(g->getLinearGeometry());
  g->flattenTo2D();
  if (g->IsEmpty()) {
    fields.add("geometry", "empty geometry");
    return nullptr;
  }
  if (!fits_rule(g, rule)) {
    fields.add("geometry", std::string("expected ") + rule_text(rule) + ", got " +
                               OGRGeometryTypeToName(g->getGeometryType()));
    return nullptr;
  }
  auto not_finite = find_bad_point(
      *g, [](double x, double y) { return std::isfinite(x) && std::isfinite(y); });
  if (not_finite.found) {
    fields.add("geometry", "coordinate " + point_text(not_finite.x, not_finite.y) +
                               " is not a finite number");
    return nullptr;
  }
  auto in_lonlat_range = [](double x, double y) {
    return std::abs(x) <= 180.0 && std::abs(y) <= 90.0;
  };
  if (crs.geographic) {
    auto bad = find_bad_point(*g, in_lonlat_range);
    if (bad.found) {
      fields.add("geometry", "coordinate " + point_text(bad.x, bad.y) + " is outside " +
                                 crs.label +
                                 "'s range (|lon| <= 180, |lat| <= 90); are the axes swapped "
                                 "or is the CRS wrong?");
      return nullptr;
    }
  }
  if (!crs.geographic) {
    auto far = find_bad_point(*g, [](double x, double y) {
      return std::abs(x) <= max_projected_coordinate && std::abs(y) <= max_projected_coordinate;
    });
    if (far.found) {
      fields.add("geometry", "coordinate " + point_text(far.x, far.y) + " is outside any range of " +
                                 crs.label + " (|x|, |y| <= 1e9); is the CRS right?");
      return nullptr;
    }
  }
  // Reported in the source CRS when the transformed coordinates are unusable.
  auto source_first = find_bad_point(*g, [](double, double) { return false; });
  {
    ogr::QuietErrors quiet;
    if (g->transform(crs.to_wgs84.get()) != OGRERR_NONE) {
      fields.add("geometry", "cannot transform coordinate near " +
                                 point_text(source_first.x, source_first.y) + " from " +
                                 crs.label + " to WGS84: " +
                                 ogr::last_error("outside the CRS's valid range"));
      return nullptr;
    }
  }
  auto bad = find_bad_point(*g, [&](double x, double y) {
    return std::isfinite(x) && std::isfinite(y) && in_lonlat_range(x, y);
  });
  if (bad.found) {
    fields.add("geometry", "coordinate near " + point_text(source_first.x, source_first.y) +
                               " in " + crs.label + " is outside the valid range of WGS84");
    return nullptr;
  }
  if (!crs.geographic && crs.has_area_of_use) {
    const double m = area_of_use_margin_deg;
    auto far = find_bad_point(*g, [&](double x, double y) {
      return x >= crs.west - m && x <= crs.east + m && y >= crs.south - m && y <= crs.north + m;
    });
    if (far.found) {
      fields.add("geometry", "coordinate lands at lon/lat " + point_text(far.x, far.y) +
                                 ", more than 5° outside the area where " + crs.label +
                                 " is used; is the CRS right?");
      return nullptr;
    }
  }
  if (wkbFlatten(g->getGeometryType()) != wkbPoint) {
    std::string wkb = ogr::to_iso_wkb(*g);
    GEOSContextHandle_t h = geos.handle();
    GEOSGeometry* gg = GEOSGeomFromWKB_buf_r(h, reinterpret_cast<const unsigned char*>(wkb.data()),
                                            wkb.size());
    if (!gg) {
      fields.add("geometry", "GEOS cannot read the geometry: " + geos.last_error());
      return nullptr;
    }
    auto owned = geos.own(gg);
    if (GEOSisValid_r(h, gg) != 1) {
      char* reason = GEOSisValidReason_r(h, gg);
      fields.add("geometry", std::string("invalid geometry: ") + (reason ? reason : "unknown"));
      if (reason) GEOSFree_r(h, reason);
      return nullptr;
    }
  }
  return g;
}

}  // namespace erde
