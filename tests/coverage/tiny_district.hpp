#pragma once
// A hand-computable district on the equator: one east-west road with a node every 0.001 degree
// (111.195 m), two streets of rectangular communities, two shelters, a depot, a fire station.
// Walking runs at 1 m/s and the fire engine at 10 m/s on every road class, so a 0.001 degree
// stretch takes 111.2 s on foot and 11.1 s by engine.
#include <string>
#include <vector>

#include "coverage/coverage_run.hpp"
#include "geo/geos_context.hpp"
#include "graph/road_graph_builder.hpp"
#include "model/dataset.hpp"

namespace erde::test {

inline constexpr double kStepM = 111.19508;  // 0.001 degree on the equator, WGS84 mean sphere

inline std::string rect_wkb(double w, double s, double e, double n) {
  GeosContext geos;
  char wkt[256];
  std::snprintf(wkt, sizeof wkt, "POLYGON((%.6f %.6f,%.6f %.6f,%.6f %.6f,%.6f %.6f,%.6f %.6f))", w, s, e, s, e, n, w, n, w,
                s);
  return geos.to_wkb(geos.from_wkt(wkt).get());
}

inline AdminArea area(std::string id, AreaLevel level, std::string parent, int64_t pop, double w, double e,
                      double area_m2) {
  AdminArea a;
  a.id = id;
  a.name = "name " + id;
  a.level = level;
  a.parent_id = std::move(parent);
  a.population = pop;
  a.boundary.wkb = rect_wkb(w, -0.001, e, 0.001);
  a.centroid = {(w + e) / 2, 0};
  a.area_m2 = area_m2;
  return a;
}

inline Shelter shelter(std::string id, ShelterSetting setting, double lon, double area_m2, int64_t capacity,
                       std::string street) {
  Shelter s;
  s.id = id;
  s.name = "shelter " + id;
  s.setting = setting;
  s.type = ShelterType::fixed;
  s.effective_area_m2 = area_m2;
  s.capacity = capacity;
  s.street_id = std::move(street);
  s.location = {lon, 0};
  return s;
}

// Streets S1 (lon 0 .. 0.003: C1 300 people, C2 200) and S2 (0.003 .. 0.006: C3 500).
// Shelter A (outdoor, 600 m², 250 places) at lon 0; B (indoor, 300 m², 1000 places) at 0.006.
// A street reserve point in S1 only; a fire station at lon 0. Community areas 1, 1 and 2 (units).
inline Dataset tiny_dataset() {
  Dataset d;
  d.areas.push_back(area("D", AreaLevel::district, "", 1000, 0, 0.006, 4));
  d.areas.push_back(area("S1", AreaLevel::street, "D", 500, 0, 0.003, 2));
  d.areas.push_back(area("S2", AreaLevel::street, "D", 500, 0.003, 0.006, 2));
  d.areas.push_back(area("C1", AreaLevel::community, "S1", 300, 0, 0.0015, 1));
  d.areas.push_back(area("C2", AreaLevel::community, "S1", 200, 0.0015, 0.003, 1));
  d.areas.push_back(area("C3", AreaLevel::community, "S2", 500, 0.003, 0.006, 2));
  d.shelters.push_back(shelter("A", ShelterSetting::outdoor, 0.0, 600, 250, "S1"));
  d.shelters.push_back(shelter("B", ShelterSetting::indoor, 0.006, 300, 1000, "S2"));
  Depot dep;
  dep.id = "R1";
  dep.name = "reserve S1";
  dep.kind = DepotKind::street_reserve;
  dep.street_id = "S1";
  dep.location = {0.001, 0};
  d.depots.push_back(dep);
  Team t;
  t.id = "F1";
  t.name = "fire station";
  t.kind = TeamKind::fire_rescue;
  t.base = {0.0, 0};
  d.teams.push_back(t);
  auto risk = [&](std::string id, RiskLevel level, double lon) {
    RiskPoint r;
    r.id = std::move(id);
    r.name = "risk " + r.id;
    r.level = level;
    r.location = {lon, 0};
    d.risk_points.push_back(r);
  };
  risk("K1", RiskLevel::blue, 0.006);
  risk("K2", RiskLevel::orange, 0.001);
  risk("K3", RiskLevel::red, 0.005);
  return d;
}

inline RoadGraph line_road(int nodes) {
  RoadGraphBuilder b;
  for (int i = 0; i < nodes; ++i) b.add_node({0.001 * i, 0});
  for (int i = 0; i + 1 < nodes; ++i) {
    SegmentSpec s;
    s.from = static_cast<NodeId>(i);
    s.to = static_cast<NodeId>(i + 1);
    s.road_class = RoadClass::residential;
    s.source_id = i + 1;
    b.add_segment(s);
  }
  return std::move(b).build();
}

inline Profile uniform_profile(std::string name, double kmh) {
  Profile p;
  p.name = std::move(name);
  p.speed_kmh.fill(kmh);
  p.use_maxspeed = false;
  p.obey_oneway = false;
  p.allow_no_motor = true;
  p.allow_private = true;
  return p;
}

inline std::vector<Profile> tiny_profiles() { return {uniform_profile("walk", 3.6), uniform_profile("engine", 36)}; }

inline CoverageOptions tiny_options(double walk_minutes) {
  CoverageOptions o;
  o.walk_minutes = walk_minutes;
  o.response_minutes = 0.5;
  o.walk_profile = "walk";
  o.depot_profile = "engine";
  o.response = {{"engine", {TeamKind::fire_rescue}, "fire"}};
  o.max_snap_m = 200;
  return o;
}

}  // namespace erde::test
