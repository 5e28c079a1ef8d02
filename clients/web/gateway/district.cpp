#include "gateway/district.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/vocabulary.hpp"
#include "route/isochrone.hpp"

namespace erde::web {

using nlohmann::json;

namespace {

double rounded(double degrees) { return std::round(degrees * 1e6) / 1e6; }  // ~0.1 m

template <typename E>
json term(E value) {
  return {{"en", to_string(value)}, {"zh", chinese_name(value)}};
}

template <typename E>
json terms() {
  json out = json::array();
  for (const auto& e : EnumTable<E>::entries) out.push_back({{"en", e.en}, {"zh", e.zh}});
  return out;
}

json point(LonLat p) { return {{"type", "Point"}, {"coordinates", {rounded(p.lon), rounded(p.lat)}}}; }

json feature(json geometry, json properties) {
  return {{"type", "Feature"}, {"geometry", std::move(geometry)}, {"properties", std::move(properties)}};
}

json collection(json features) { return {{"type", "FeatureCollection"}, {"features", std::move(features)}}; }

struct Bounds {
  double west = std::numeric_limits<double>::infinity(), south = west;
  double east = -west, north = -west;
  void add(double lon, double lat) {
    west = std::min(west, lon), east = std::max(east, lon);
    south = std::min(south, lat), north = std::max(north, lat);
  }
};

json roads_collection(const RoadGraph& graph, Bounds& bounds) {
  json features = json::array();
  for (uint32_t s = 0; s < graph.segment_count(); ++s) {
    json coordinates = json::array();
    for (uint32_t i = graph.shape_first[s]; i < graph.shape_first[s + 1]; ++i) {
      coordinates.push_back({rounded(graph.shape_lon[i]), rounded(graph.shape_lat[i])});
      bounds.add(graph.shape_lon[i], graph.shape_lat[i]);
    }
    EdgeId e = graph.segment_edge[2 * s];
    json properties = {{"class", to_string(graph.road_class[e])}};
    if (!graph.segment_name[s].empty()) properties["name"] = graph.segment_name[s];
    features.push_back(feature({{"type", "LineString"}, {"coordinates", std::move(coordinates)}},
                               std::move(properties)));
  }
  return collection(std::move(features));
}

}  // namespace

json district_geojson(const Dataset& data, const RoadGraph& roads, GeosContext& geos) {
  Bounds bounds;
  json areas = json::array();
  for (const AdminArea& a : data.areas) {
    json properties = {{"id", a.id}, {"name", a.name}, {"level", term(a.level)},
                       {"rank", static_cast<int>(a.level)}, {"parent_id", a.parent_id},
                       {"population", a.population ? json(*a.population) : json()},
                       {"label_at", {rounded(a.centroid.lon), rounded(a.centroid.lat)}}};
    json geometry = a.boundary.empty() ? point(a.centroid) : json::parse(geojson_geometry(geos, a.boundary.wkb));
    areas.push_back(feature(std::move(geometry), std::move(properties)));
    bounds.add(a.centroid.lon, a.centroid.lat);
  }
  // Grids first, the district last: the coarser outline is drawn on top.
  std::stable_sort(areas.begin(), areas.end(), [](const json& x, const json& y) {
    return x["properties"]["rank"].get<int>() > y["properties"]["rank"].get<int>();
  });
  json risks = json::array();
  for (const RiskPoint& r : data.risk_points) {
    risks.push_back(feature(point(r.location),
                            {{"id", r.id}, {"name", r.name}, {"kind", term(r.kind)}, {"level", term(r.level)},
                             {"street_id", r.street_id}, {"responsible_unit", r.responsible_unit},
                             {"hazard_factors", r.hazard_factors}, {"control_measures", r.control_measures}}));
    bounds.add(r.location.lon, r.location.lat);
  }
  // First-due areas (辖区): whose station or street team goes first there.
  json duty = json::array();
  for (const ResponsibilityArea& a : data.responsibility_areas) {
    auto team = std::find_if(data.teams.begin(), data.teams.end(), [&](const Team& t) { return t.id == a.team_id; });
    duty.push_back(feature(json::parse(geojson_geometry(geos, a.boundary.wkb)),
                           {{"id", a.id}, {"name", a.name}, {"team_id", a.team_id},
                            {"team_name", team == data.teams.end() ? json() : json(team->name)}}));
  }
  json out = {{"areas", collection(std::move(areas))}, {"roads", roads_collection(roads, bounds)},
              {"risk_points", collection(std::move(risks))},
              {"responsibility_areas", collection(std::move(duty))}};
  if (std::isfinite(bounds.west))
    out["bbox"] = {rounded(bounds.west), rounded(bounds.south), rounded(bounds.east), rounded(bounds.north)};
  else
    out["bbox"] = nullptr;
  return out;
}

json vocabulary_json() {
  return {{"incident_type", terms<IncidentType>()}, {"severity", terms<Severity>()},
          {"team_status", terms<TeamStatus>()},     {"team_kind", terms<TeamKind>()},
          {"risk_level", terms<RiskLevel>()},       {"risk_kind", terms<RiskKind>()},
          {"capability", terms<Capability>()},      {"shelter_setting", terms<ShelterSetting>()},
          {"shelter_type", terms<ShelterType>()},   {"depot_kind", terms<DepotKind>()},
          {"area_level", terms<AreaLevel>()},       {"material", terms<Material>()}};
}

}  // namespace erde::web
