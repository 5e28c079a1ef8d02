// Road import from any OGR line layer with the `roads` schema (geodata/SCHEMA.md). Lines join
// where their end points lie within a tolerance, found by grid hashing in a local metric plane.
#include <ogr_geometry.h>

#include <chrono>
#include <cmath>
#include <unordered_map>

#include "geo/local_projection.hpp"
#include "graph/import.hpp"
#include "graph/ogr_util.hpp"
#include "graph/road_graph_builder.hpp"
#include "graph/tags.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace erde {
namespace {

struct Line {
  std::vector<LonLat> points;
  RoadClass road_class;
  Oneway oneway;
  uint8_t flags;
  uint8_t maxspeed;
  std::string name;
  int64_t id;
};

std::string class_names() {
  std::string out;
  for (int c = 0; c < kRoadClassCount; ++c) out += (c ? ", " : "") + std::string(to_string(static_cast<RoadClass>(c)));
  return out;
}

OGRLayer* pick_layer(GDALDataset& ds, const std::string& path, const std::string& wanted) {
  if (!wanted.empty()) {
    if (OGRLayer* l = ds.GetLayerByName(wanted.c_str())) return l;
  } else if (ds.GetLayerCount() == 1) {
    return ds.GetLayer(0);
  } else if (OGRLayer* l = ds.GetLayerByName("roads")) {
    return l;
  }
  std::vector<std::string> names;
  for (OGRLayer* l : ds.GetLayers()) names.emplace_back(l->GetName());
  throw Error(path + ": no layer '" + (wanted.empty() ? std::string("roads") : wanted) + "'; layers: " +
              join(names, ", "));
}

// Grid-hashed clustering of line ends: an end within `tolerance` of an earlier node joins it.
class EndJoiner {
 public:
  EndJoiner(RoadGraphBuilder& b, const LocalProjection& plane, double tolerance)
      : builder_(b), plane_(plane), tol_(tolerance > 0 ? tolerance : 1e-9) {}

  NodeId node_at(LonLat p) {
    const auto [x, y] = project(plane_, p);
    const auto cx = static_cast<int64_t>(std::floor(x / tol_)), cy = static_cast<int64_t>(std::floor(y / tol_));
    NodeId best = kInvalidId;
    double best_d = tol_;
    for (int64_t gx = cx - 1; gx <= cx + 1; ++gx)
      for (int64_t gy = cy - 1; gy <= cy + 1; ++gy) {
        auto it = cells_.find(key(gx, gy));
        if (it == cells_.end()) continue;
        for (uint32_t k : it->second) {
          double d = std::hypot(xs_[k] - x, ys_[k] - y);
          if (d <= best_d) best_d = d, best = ids_[k];
        }
      }
    if (best != kInvalidId) return best;
    NodeId id = builder_.add_node(p);
    cells_[key(cx, cy)].push_back(static_cast<uint32_t>(ids_.size()));
    ids_.push_back(id);
    xs_.push_back(x);
    ys_.push_back(y);
    where_.push_back(p);
    return id;
  }
  LonLat where(NodeId id) const { return where_[id]; }

 private:
  static uint64_t key(int64_t x, int64_t y) {
    return (static_cast<uint64_t>(x) << 32) ^ (static_cast<uint64_t>(y) & 0xffffffffu);
  }
  RoadGraphBuilder& builder_;
  LocalProjection plane_;
  double tol_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> cells_;
  std::vector<NodeId> ids_;
  std::vector<double> xs_, ys_;
  std::vector<LonLat> where_;
};

RoadGraph import(const std::string& path, const RoadImportOptions& opt, ImportStats& st) {
  GDALDatasetUniquePtr ds = ogr::open_vector(path);
  OGRLayer& layer = *pick_layer(*ds, path, opt.layer);
  const std::string where = path + " layer '" + layer.GetName() + "'";
  ogr::TransformPtr to_wgs84 = ogr::to_wgs84(layer, path, opt.crs);

  OGRFeatureDefn* defn = layer.GetLayerDefn();
  auto field = [&](const std::string& name, bool required) {
    if (name.empty()) return -1;
    int i = defn->GetFieldIndex(name.c_str());
    if (i < 0 && required) {
      std::vector<std::string> names;
      for (int k = 0; k < defn->GetFieldCount(); ++k) names.emplace_back(defn->GetFieldDefn(k)->GetNameRef());
      throw Error(where + ": no field '" + name + "' (the road class, required); fields: " + join(names, ", "));
    }
    return i;
  };
  const RoadFields& f = opt.fields;
  const int f_id = field(f.id, false), f_highway = field(f.highway, true), f_oneway = field(f.oneway, false),
            f_maxspeed = field(f.maxspeed, false), f_name = field(f.name, false), f_tunnel = field(f.tunnel, false),
            f_bridge = field(f.bridge, false), f_access = field(f.access, false);

  std::vector<Line> lines;
  std::vector<std::string> problems;
  uint64_t bad_features = 0;
  double lon_min = 180, lon_max = -180, lat_min = 90, lat_max = -90;
  layer.ResetReading();
  for (const auto& feature : layer) {
    ++st.features_read;
    const std::string at = where + " feature " + std::to_string(feature->GetFID());
    std::string problem;
    auto bad = [&](const std::string& fieldname, const std::string& why) {
      if (problem.empty()) problem = at + " field '" + fieldname + "': " + why;
    };
    auto text = [&](int i) {
      return i >= 0 && feature->IsFieldSetAndNotNull(i) ? std::string(feature->GetFieldAsString(i)) : std::string();
    };
    Line line{};
    line.id = f_id >= 0 && feature->IsFieldSetAndNotNull(f_id) ? feature->GetFieldAsInteger64(f_id) : feature->GetFID();
    std::string highway{trim(text(f_highway))};
    if (highway.empty()) bad(f.highway, "empty value; the road class is required");
    else if (auto c = parse_road_class(highway)) line.road_class = *c;
    else bad(f.highway, "unknown road class '" + highway + "'; allowed: " + class_names() + " (and *_link)");
    if (auto o = parse_oneway(text(f_oneway))) line.oneway = *o;
    else bad(f.oneway, "unknown value '" + text(f_oneway) + "'; allowed: yes, true, 1, -1, reverse, no");
    if (auto s = parse_maxspeed(text(f_maxspeed))) line.maxspeed = *s;
    else bad(f.maxspeed, "not a speed in km/h: '" + text(f_maxspeed) + "'");
    line.flags = access_flags(text(f_access));
    if (is_tunnel(text(f_tunnel))) line.flags |= edge_flag::kTunnel;
    if (is_bridge(text(f_bridge))) line.flags |= edge_flag::kBridge;
    line.name = text(f_name);

    const OGRGeometry* geom = feature->GetGeometryRef();
    std::vector<std::vector<LonLat>> parts;
    if (!geom || geom->IsEmpty()) {
      bad("geometry", "missing or empty geometry");
    } else {
      std::unique_ptr<OGRGeometry> g(geom->clone());
      auto type = wkbFlatten(g->getGeometryType());
      if (type != wkbLineString && type != wkbMultiLineString) {
        bad("geometry", std::string("expected LineString or MultiLineString, got ") + OGRGeometryTypeToName(type));
      } else if (!ogr::transformable(*g)) {
        bad("geometry", "coordinates beyond 1e9 in the layer's CRS (is the CRS right?)");
      } else if (g->transform(to_wgs84.get()) != OGRERR_NONE) {
        bad("geometry", "cannot transform to WGS84 (coordinates outside the CRS?)");
      } else {
        auto add_part = [&](const OGRLineString& ls) {
          std::vector<LonLat> pts;
          for (int i = 0; i < ls.getNumPoints(); ++i) {
            LonLat p{ls.getX(i), ls.getY(i)};
            if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::abs(p.lon) > 180 || std::abs(p.lat) > 90) {
              bad("geometry", "coordinate outside the valid range");
              return;
            }
            if (pts.empty() || !(pts.back() == p)) pts.push_back(p);
          }
          if (pts.size() < 2) bad("geometry", "line with fewer than two distinct points");
          else parts.push_back(std::move(pts));
        };
        if (type == wkbLineString) {
          add_part(*g->toLineString());
        } else {
          for (const OGRLineString* part : *g->toMultiLineString()) add_part(*part);
        }
      }
    }
    if (!problem.empty()) {
      ++bad_features;
      if (problems.size() < 5) problems.push_back(problem);
      continue;
    }
    ++st.roads_used;
    for (auto& pts : parts) {
      for (const LonLat& p : pts) {
        lon_min = std::min(lon_min, p.lon), lon_max = std::max(lon_max, p.lon);
        lat_min = std::min(lat_min, p.lat), lat_max = std::max(lat_max, p.lat);
      }
      Line l = line;
      l.points = std::move(pts);
      lines.push_back(std::move(l));
    }
  }
  if (bad_features > 0)
    throw Error(std::to_string(bad_features) + " bad road feature" + (bad_features > 1 ? "s" : "") + ": " +
                join(problems, "; ") + (bad_features > problems.size() ? "; ..." : ""));

  RoadGraphBuilder builder;
  EndJoiner joiner(builder, local_projection({(lon_min + lon_max) / 2, (lat_min + lat_max) / 2}), opt.join_tolerance_m);
  for (Line& l : lines) {
    SegmentSpec s;
    s.from = joiner.node_at(l.points.front());
    s.to = joiner.node_at(l.points.back());
    l.points.front() = joiner.where(s.from);
    l.points.back() = joiner.where(s.to);
    s.shape = std::move(l.points);
    s.road_class = l.road_class;
    s.oneway = l.oneway;
    s.flags = l.flags;
    s.maxspeed_kmh = l.maxspeed;
    s.name = std::move(l.name);
    s.source_id = l.id;
    builder.add_segment(std::move(s));
  }
  return std::move(builder).build();
}

}  // namespace

RoadGraph import_ogr_roads(const std::string& path, const RoadImportOptions& options, ImportStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  ImportStats st;
  st.source = path;
  RoadGraph g = import(path, options, st);
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (stats) *stats = std::move(st);
  return g;
}

RoadGraph open_roads(const std::string& path, const RoadImportOptions& options, ImportStats* stats) {
  std::string lower = to_lower_ascii(path);
  if (lower.ends_with(".pbf")) return import_osm_pbf(path, stats);
  return import_ogr_roads(path, options, stats);
}

}  // namespace erde
