#include "geo/layer_reader.hpp"

#include <cpl_error.h>

#include <climits>

#include "geo/area_metrics.hpp"
#include "geo/feature_geometry.hpp"
#include "geo/source_crs.hpp"
#include "geo/stock_text.hpp"

namespace erde {

namespace {

struct FeatureInput {
  OGRFeature& feature;
  FeatureFields& fields;
  const SourceCrs* crs;
  const GeosContext& geos;
  FeatureRef& ref;
};

ogr::GeometryPtr geometry(FeatureInput& in, ShapeRule rule) {
  ogr::GeometryPtr g = read_feature_geometry(in.feature, in.fields, *in.crs, rule, in.geos);
  if (g) {
    OGREnvelope env;
    g->getEnvelope(&env);
    in.ref.extent.extend(LonLat{env.MinX, env.MinY});
    in.ref.extent.extend(LonLat{env.MaxX, env.MaxY});
  }
  return g;
}

// Point geometries give the location; others are stored whole, located by a point on them.
void place(FeatureInput& in, const OGRGeometry& g, LonLat& location, Geometry& shape) {
  if (wkbFlatten(g.getGeometryType()) == wkbPoint) {
    location = {g.toPoint()->getX(), g.toPoint()->getY()};
    return;
  }
  shape.wkb = ogr::to_iso_wkb(g);
  try {
    location = point_on_surface(shape.wkb, in.geos);
  } catch (const Error& e) {
    in.fields.add("geometry", e.what());
  }
}

std::string read_id(FeatureInput& in) {
  in.ref.id = in.fields.text("id", true);
  return in.ref.id;
}

AdminArea read_area(FeatureInput& in) {
  AdminArea a;
  a.id = read_id(in);
  a.name = in.fields.text("name", true);
  a.level = in.fields.enumerated<AreaLevel>("level", true).value_or(a.level);
  a.parent_id = in.fields.text("parent_id", false);
  a.population = in.fields.count("population", false);
  if (auto g = geometry(in, ShapeRule::polygon)) a.boundary.wkb = ogr::to_iso_wkb(*g);
  return a;
}

Shelter read_shelter(FeatureInput& in) {
  Shelter s;
  s.id = read_id(in);
  s.name = in.fields.text("name", true);
  s.setting = in.fields.enumerated<ShelterSetting>("setting", true).value_or(s.setting);
  s.type = in.fields.enumerated<ShelterType>("type", true).value_or(s.type);
  s.level = in.fields.enumerated<AreaLevel>("level", false).value_or(AreaLevel::street);
  s.effective_area_m2 = in.fields.non_negative_real("effective_area_m2", true).value_or(0.0);
  s.capacity = in.fields.count("capacity", true).value_or(0);
  s.street_id = in.fields.text("street_id", false);
  if (auto g = geometry(in, ShapeRule::point_or_polygon)) place(in, *g, s.location, s.footprint);
  return s;
}

Depot read_depot(FeatureInput& in) {
  Depot d;
  d.id = read_id(in);
  d.name = in.fields.text("name", true);
  d.kind = in.fields.enumerated<DepotKind>("kind", true).value_or(d.kind);
  d.street_id = in.fields.text("street_id", false);
  if (auto stock = in.fields.value("stock")) {
    std::vector<std::string> errors;
    for (const StockItem& item : parse_stock_text(*stock, errors)) add_stock(d.stock, item);
    for (std::string& e : errors) in.fields.add("stock", std::move(e));
  }
  if (auto g = geometry(in, ShapeRule::point))
    d.location = {g->toPoint()->getX(), g->toPoint()->getY()};
  return d;
}

StockRow read_stock_row(FeatureInput& in) {
  StockRow r;
  r.depot_id = in.fields.text("depot_id", true);
  r.item.material = in.fields.enumerated<Material>("material", true).value_or(r.item.material);
  r.item.quantity = in.fields.non_negative_real("quantity", true).value_or(0.0);
  if (r.item.quantity > kMaxStockQuantity) in.fields.add("quantity", "must be at most 1e12");
  r.item.unit = in.fields.text("unit", false);
  if (r.item.unit.empty()) r.item.unit = default_unit(r.item.material);
  return r;
}

Team read_team(FeatureInput& in) {
  Team t;
  t.id = read_id(in);
  t.name = in.fields.text("name", true);
  t.kind = in.fields.enumerated<TeamKind>("kind", true).value_or(t.kind);
  auto capabilities = in.fields.list("capabilities");
  if (capabilities.empty()) in.fields.add("capabilities", "required value is empty");
  for (const std::string& c : capabilities) {
    if (auto cap = parse_enum<Capability>(c)) {
      if (!t.has(*cap)) t.capabilities.push_back(*cap);
    } else {
      in.fields.add("capabilities", FeatureFields::unknown_enum_reason<Capability>(c));
    }
  }
  if (auto n = in.fields.count("headcount", true)) {
    if (*n > INT_MAX)
      in.fields.add("headcount", "too large: " + std::to_string(*n));
    else
      t.headcount = static_cast<int>(*n);
  }
  t.equipment = in.fields.list("equipment");
  t.street_id = in.fields.text("street_id", false);
  t.status = in.fields.enumerated<TeamStatus>("status", false).value_or(TeamStatus::available);
  if (auto g = geometry(in, ShapeRule::point))
    t.base = {g->toPoint()->getX(), g->toPoint()->getY()};
  return t;
}

RiskPoint read_risk_point(FeatureInput& in) {
  RiskPoint r;
  r.id = read_id(in);
  r.name = in.fields.text("name", true);
  r.kind = in.fields.enumerated<RiskKind>("kind", true).value_or(r.kind);
  r.level = in.fields.enumerated<RiskLevel>("level", true).value_or(r.level);
  r.street_id = in.fields.text("street_id", false);
  r.responsible_unit = in.fields.text("responsible_unit", false);
  r.hazard_factors = in.fields.text("hazard_factors", false);
  r.surroundings_effect = in.fields.text("surroundings_effect", false);
  r.control_measures = in.fields.text("control_measures", false);
  if (auto g = geometry(in, ShapeRule::any)) place(in, *g, r.location, r.shape);
  return r;
}

ResponsibilityArea read_responsibility_area(FeatureInput& in) {
  ResponsibilityArea a;
  a.id = read_id(in);
  a.name = in.fields.text("name", true);
  a.team_id = in.fields.text("team_id", true);
  if (auto g = geometry(in, ShapeRule::polygon)) a.boundary.wkb = ogr::to_iso_wkb(*g);
  return a;
}

template <typename T>
void stage(std::vector<Staged<T>>& into, T value, const FeatureRef& ref) {
  into.push_back({std::move(value), ref, false});
}

// The layer's CRS, or the mapping's, or the assumed one; null after reporting a problem.
std::optional<SourceCrs> layer_crs(const LayerJob& job, LayerSummary& summary,
                                   std::vector<FieldProblem>& problems) {
  const OGRSpatialReference* own = job.layer->GetSpatialRef();
  try {
    if (own) {
      summary.crs_origin = "layer";
      return make_source_crs(*own);
    }
    if (job.mapping && !job.mapping->crs.empty()) {
      auto srs = parse_crs(job.mapping->crs);
      if (!srs) {
        problems.push_back({"", "the mapping's crs '" + job.mapping->crs +
                                    "' is not a CRS PROJ knows (try e.g. EPSG:4490)"});
        return std::nullopt;
      }
      summary.crs_origin = "mapping";
      return make_source_crs(*srs);
    }
    if (job.assumed_crs) {
      summary.crs_origin = "assumed";
      return make_source_crs(*job.assumed_crs);
    }
  } catch (const Error& e) {
    problems.push_back({"", e.what()});
    return std::nullopt;
  }
  problems.push_back({"", "the layer has no CRS; give one (e.g. --crs EPSG:4490, or \"crs\" "
                          "for this layer in the mapping file)"});
  return std::nullopt;
}

}  // namespace

void read_layer(const LayerJob& job, std::vector<LayerSummary>& summaries, Staging& staging,
                std::vector<Problem>& problems, const GeosContext& geos,
                const std::function<void()>& on_feature) {
  std::string layer_name = job.layer->GetName();
  std::vector<FieldProblem> layer_problems;
  FieldIndex index = resolve_fields(*job.layer, job.kind, job.mapping, layer_problems);
  std::optional<SourceCrs> crs;
  if (has_geometry(job.kind)) {
    crs = layer_crs(job, summaries[job.summary], layer_problems);
    if (crs) summaries[job.summary].crs = crs->label;
    bool has_geometry_column = job.layer->GetLayerDefn()->GetGeomFieldCount() > 0;
    if (!has_geometry_column && !index.has("wkt") && !(index.has("lon") && index.has("lat")))
      layer_problems.push_back({"geometry", "the layer has no geometry, no WKT column and no "
                                            "lon/lat columns"});
  }
  if (!layer_problems.empty()) {
    int64_t count = job.layer->GetFeatureCount(TRUE);
    LayerSummary& summary = summaries[job.summary];
    summary.features = count;
    summary.rejected = count;
    for (FieldProblem& p : layer_problems)
      problems.push_back({job.source, layer_name, "", -1, p.field,
                          p.reason + "; none of the layer's " + std::to_string(count) +
                              " features were loaded"});
    for (int64_t i = 0; i < count; ++i) on_feature();
    return;
  }

  job.layer->ResetReading();
  for (;;) {
    CPLErrorReset();
    OGRFeatureUniquePtr feature{job.layer->GetNextFeature()};
    if (!feature) {
      if (CPLGetLastErrorType() >= CE_Failure)
        problems.push_back({job.source, layer_name, "", -1, "",
                            "reading stopped after " +
                                std::to_string(summaries[job.summary].features) +
                                " features: " + ogr::last_error()});
      break;
    }
    LayerSummary& summary = summaries[job.summary];
    ++summary.features;
    FeatureFields fields(*feature, index);
    FeatureRef ref{job.source, layer_name, feature->GetFID(), "", job.summary, {}};
    FeatureInput in{*feature, fields, crs ? &*crs : nullptr, geos, ref};
    switch (job.kind) {
      case LayerKind::areas: stage(staging.areas, read_area(in), ref); break;
      case LayerKind::shelters: stage(staging.shelters, read_shelter(in), ref); break;
      case LayerKind::depots: stage(staging.depots, read_depot(in), ref); break;
      case LayerKind::depot_stock: stage(staging.stock_rows, read_stock_row(in), ref); break;
      case LayerKind::teams: stage(staging.teams, read_team(in), ref); break;
      case LayerKind::risk_points: stage(staging.risk_points, read_risk_point(in), ref); break;
      case LayerKind::responsibility_areas:
        stage(staging.responsibility_areas, read_responsibility_area(in), ref);
        break;
      case LayerKind::roads: break;
    }
    if (fields.problems.empty()) {
      ++summary.loaded;
    } else {
      ++summary.rejected;
      auto mark = [](auto& staged) { staged.back().rejected = true; };
      switch (job.kind) {
        case LayerKind::areas: mark(staging.areas); break;
        case LayerKind::shelters: mark(staging.shelters); break;
        case LayerKind::depots: mark(staging.depots); break;
        case LayerKind::depot_stock: mark(staging.stock_rows); break;
        case LayerKind::teams: mark(staging.teams); break;
        case LayerKind::risk_points: mark(staging.risk_points); break;
        case LayerKind::responsibility_areas: mark(staging.responsibility_areas); break;
        case LayerKind::roads: break;
      }
      for (FieldProblem& p : fields.problems)
        problems.push_back({job.source, layer_name, ref.label(), ref.fid, std::move(p.field),
                            std::move(p.reason)});
    }
    on_feature();
  }
}

}  // namespace erde
