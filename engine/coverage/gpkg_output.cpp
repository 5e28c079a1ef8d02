#include <ogr_geometry.h>

#include <map>
#include <memory>

#include "coverage/coverage_output.hpp"
#include "geo/vector_writer.hpp"
#include "util/error.hpp"

namespace erde {
namespace {


std::unique_ptr<OGRGeometry> from_wkb(const std::string& wkb, bool multipolygon) {
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || !g)
    throw Error("coverage output: unreadable geometry");
  if (multipolygon) g = OGRGeometryFactory::forceToMultiPolygon(g);
  return std::unique_ptr<OGRGeometry>(g);
}

struct Writer {
  GDALDataset& ds;
  const OGRSpatialReference& srs;
  OGRLayer* layer = nullptr;

  OGRLayer& open(const std::string& name, OGRwkbGeometryType type, const std::string& description,
                 std::initializer_list<std::pair<const char*, OGRFieldType>> fields) {
    layer = &create_layer(ds, name, &srs, type, description);
    for (auto& [n, t] : fields) add_field(*layer, n, t);
    return *layer;
  }
  std::unique_ptr<OGRFeature> feature() const { return std::make_unique<OGRFeature>(layer->GetLayerDefn()); }
  void put(OGRFeature& f) const { write_feature(*layer, f); }
};

void set_point(OGRFeature& f, LonLat p) {
  OGRPoint pt(p.lon, p.lat);
  f.SetGeometry(&pt);
}

}  // namespace

int64_t unserved_at(const CoverageReport& r, size_t i) {
  return r.demand[i].people - (i < r.service.served.size() ? r.service.served[i] : 0);
}

std::filesystem::path write_coverage_gpkg(const CoverageReport& r, const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "coverage.gpkg";
  auto ds = create_vector_file(file);
  const OGRSpatialReference srs = epsg_srs(4326);
  Writer w{*ds, srs};
  const Dataset& data = *r.data;
  const AreaTree& t = r.tree;
  const double walk = r.options.walk_minutes;

  // Shares by area id, for the polygon layers.
  std::map<std::string, const AreaShare*> service, response;
  for (const AreaShare& s : r.service_shares) service[s.area_id] = &s;
  if (!r.response_shares.empty())
    for (const AreaShare& s : r.response_shares[0]) response[s.area_id] = &s;

  w.open("streets", wkbMultiPolygon, "Per-street figures: shelter area per resident, checks, coverage",
         {{"id", OFTString}, {"name", OFTString}, {"population", OFTReal}, {"shelter_m2", OFTReal},
          {"m2_per_resident", OFTReal}, {"target_m2", OFTReal}, {"shortfall_m2", OFTReal},
          {"outdoor_fixed", OFTInteger}, {"indoor", OFTInteger}, {"reserve_points", OFTInteger},
          {"checks_pass", OFTInteger}, {"served", OFTInteger64}, {"service_share", OFTReal},
          {"response_share", OFTReal}});
  for (size_t i = 0; i < t.streets.size(); ++i) {
    const AdminArea& a = t.areas[t.streets[i]];
    if (a.boundary.empty()) continue;
    auto owned = w.feature();
    OGRFeature& f = *owned;
    const ShelterAreaRow& sa = r.shelter_area[i];
    const StreetCheck& c = r.checks[i];
    f.SetField("id", a.id.c_str());
    f.SetField("name", a.name.c_str());
    f.SetField("population", sa.population);
    f.SetField("shelter_m2", sa.effective_area_m2);
    f.SetField("m2_per_resident", sa.m2_per_resident);
    f.SetField("target_m2", sa.target_m2);
    f.SetField("shortfall_m2", sa.shortfall_m2);
    f.SetField("outdoor_fixed", c.outdoor_fixed);
    f.SetField("indoor", c.indoor);
    f.SetField("reserve_points", c.reserve_points);
    f.SetField("checks_pass", c.passes() ? 1 : 0);
    if (auto* s = service[a.id]) f.SetField("served", static_cast<GIntBig>(s->served)), f.SetField("service_share", s->share());
    if (auto* s = response[a.id]) f.SetField("response_share", s->share());
    f.SetGeometryDirectly(from_wkb(a.boundary.wkb, true).release());
    w.put(f);
  }

  w.open("communities", wkbMultiPolygon, "Shelter service coverage per community (capacity-aware)",
         {{"id", OFTString}, {"name", OFTString}, {"street_id", OFTString}, {"people", OFTInteger64},
          {"served", OFTInteger64}, {"unserved", OFTInteger64}, {"service_share", OFTReal}, {"response_share", OFTReal}});
  for (size_t c : t.communities) {
    const AdminArea& a = t.areas[c];
    if (a.boundary.empty()) continue;
    auto owned = w.feature();
    OGRFeature& f = *owned;
    f.SetField("id", a.id.c_str());
    f.SetField("name", a.name.c_str());
    if (t.street[c] != kNoArea) f.SetField("street_id", t.areas[t.street[c]].id.c_str());
    if (auto* s = service[a.id]) {
      f.SetField("people", static_cast<GIntBig>(s->people));
      f.SetField("served", static_cast<GIntBig>(s->served));
      f.SetField("unserved", static_cast<GIntBig>(s->people - s->served));
      f.SetField("service_share", s->share());
    }
    if (auto* s = response[a.id]) f.SetField("response_share", s->share());
    f.SetGeometryDirectly(from_wkb(a.boundary.wkb, true).release());
    w.put(f);
  }

  auto demand_fields = std::initializer_list<std::pair<const char*, OGRFieldType>>{
      {"id", OFTString}, {"area_id", OFTString}, {"people", OFTInteger64}, {"served", OFTInteger64},
      {"unserved", OFTInteger64}, {"road_m", OFTReal}};
  auto demand_feature = [&](size_t i) {
    const DemandPoint& d = r.demand[i];
    auto owned = w.feature();
    OGRFeature& f = *owned;
    f.SetField("id", d.id.c_str());
    f.SetField("area_id", t.areas[d.area].id.c_str());
    f.SetField("people", static_cast<GIntBig>(d.people));
    f.SetField("served", static_cast<GIntBig>(r.service.served[i]));
    f.SetField("unserved", static_cast<GIntBig>(unserved_at(r, i)));
    f.SetField("road_m", r.demand_snap_m[i]);
    return owned;
  };
  w.open("demand_points", wkbPoint, "Where residents are counted (area-weighted)", demand_fields);
  for (size_t i = 0; i < r.demand.size(); ++i) {
    auto owned = demand_feature(i);
    OGRFeature& f = *owned;
    set_point(f, r.demand[i].where);
    w.put(f);
  }
  w.open("unserved_points", wkbPoint,
         "Residents with no shelter place within " + std::to_string(walk) + " min walk", demand_fields);
  for (size_t i = 0; i < r.demand.size(); ++i) {
    if (unserved_at(r, i) <= 0) continue;
    auto owned = demand_feature(i);
    OGRFeature& f = *owned;
    set_point(f, r.demand[i].where);
    w.put(f);
  }
  w.open("unserved_areas", wkbMultiPolygon, "Areas (grid pieces or communities) with unserved residents",
         demand_fields);
  for (size_t i = 0; i < r.demand.size(); ++i) {
    if (unserved_at(r, i) <= 0) continue;
    const std::string& wkb = r.demand[i].piece_wkb.empty() ? t.areas[r.demand[i].area].boundary.wkb : r.demand[i].piece_wkb;
    if (wkb.empty()) continue;
    auto owned = demand_feature(i);
    OGRFeature& f = *owned;
    f.SetGeometryDirectly(from_wkb(wkb, true).release());
    w.put(f);
  }

  w.open("assignments", wkbLineString, "Residents assigned to shelters by walking time (no shelter overfilled)",
         {{"demand_id", OFTString}, {"shelter_id", OFTString}, {"shelter_name", OFTString}, {"people", OFTInteger64},
          {"walk_min", OFTReal}});
  for (const ServiceAssignment& a : r.service.assignments) {
    const Shelter& s = data.shelters[a.shelter];
    auto owned = w.feature();
    OGRFeature& f = *owned;
    f.SetField("demand_id", r.demand[a.demand].id.c_str());
    f.SetField("shelter_id", s.id.c_str());
    f.SetField("shelter_name", s.name.c_str());
    f.SetField("people", static_cast<GIntBig>(a.people));
    f.SetField("walk_min", a.walk_s / 60.0);
    OGRLineString line;
    line.addPoint(r.demand[a.demand].where.lon, r.demand[a.demand].where.lat);
    line.addPoint(s.location.lon, s.location.lat);
    f.SetGeometry(&line);
    w.put(f);
  }

  for (const char* kind : {"shelter", "depot", "team"}) {
    w.open(std::string("service_areas_") + kind + "s", wkbMultiPolygon,
           std::string("Service area (isochrone) of each ") + kind,
           {{"id", OFTString}, {"name", OFTString}, {"profile", OFTString}, {"minutes", OFTReal}, {"area_km2", OFTReal}});
    for (const ServiceArea& a : r.service_areas) {
      if (a.kind != kind || a.wkb.empty()) continue;
      auto owned = w.feature();
    OGRFeature& f = *owned;
      f.SetField("id", a.id.c_str());
      f.SetField("name", a.name.c_str());
      f.SetField("profile", a.profile.c_str());
      f.SetField("minutes", a.minutes);
      f.SetField("area_km2", a.area_m2 / 1e6);
      f.SetGeometryDirectly(from_wkb(a.wkb, true).release());
      w.put(f);
    }
  }

  w.open("risk_points_outside", wkbPoint, "Risk points no team reaches within the response time",
         {{"id", OFTString}, {"name", OFTString}, {"level", OFTString}, {"kind", OFTString}, {"profile", OFTString},
          {"teams", OFTString}});
  for (const ResponseCoverage& rc : r.response)
    for (size_t i : rc.risks_outside) {
      const RiskPoint& p = data.risk_points[i];
      auto owned = w.feature();
    OGRFeature& f = *owned;
      f.SetField("id", p.id.c_str());
      f.SetField("name", p.name.c_str());
      f.SetField("level", std::string(to_string(p.level)).c_str());
      f.SetField("kind", std::string(to_string(p.kind)).c_str());
      f.SetField("profile", rc.profile.c_str());
      f.SetField("teams", rc.teams.c_str());
      set_point(f, p.location);
      w.put(f);
    }

  if (r.sites) {
    const SiteResult& s = *r.sites;
    w.open("candidate_sites", wkbPoint, "Candidate sites for new shelters",
           {{"name", OFTString}, {"capacity", OFTInteger64}, {"road_m", OFTReal}, {"chosen", OFTInteger}, {"rank", OFTInteger}});
    for (size_t c = 0; c < s.candidates.size(); ++c) {
      auto owned = w.feature();
    OGRFeature& f = *owned;
      f.SetField("name", s.candidates[c].name.c_str());
      f.SetField("capacity", static_cast<GIntBig>(s.candidates[c].capacity));
      f.SetField("road_m", s.candidate_snap_m[c]);
      int rank = 0;
      for (size_t k = 0; k < s.choice.chosen.size(); ++k)
        if (s.choice.chosen[k] == c) rank = static_cast<int>(k) + 1;
      f.SetField("chosen", rank > 0 ? 1 : 0);
      f.SetField("rank", rank);
      set_point(f, s.candidates[c].where);
      w.put(f);
    }
    w.open("suggested_sites", wkbPoint, "Suggested sites for new shelters",
           {{"rank", OFTInteger}, {"name", OFTString}, {"capacity", OFTInteger64}, {"method", OFTString}});
    for (size_t k = 0; k < s.choice.chosen.size(); ++k) {
      const CandidateSite& c = s.candidates[s.choice.chosen[k]];
      auto owned = w.feature();
    OGRFeature& f = *owned;
      f.SetField("rank", static_cast<int>(k) + 1);
      f.SetField("name", c.name.c_str());
      f.SetField("capacity", static_cast<GIntBig>(c.capacity));
      f.SetField("method", s.method == SiteMethod::mclp ? "mclp" : "pmedian");
      set_point(f, c.where);
      w.put(f);
    }
  }
  ds.reset();
  return file;
}

}  // namespace erde
