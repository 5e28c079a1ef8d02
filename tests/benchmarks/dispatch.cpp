// Dispatch benchmarks: a full single-incident plan (teams, materials, evacuation with walking
// routes, warnings, team routes) on the demo district and on Heidelberg with generated
// resources, each also made the old way with every travel time known (*EveryTime) for
// comparison in the same run; and a 20-incident typhoon-night batch. Every iteration is one plan
// (or one batch); p50/p99 per plan are reported as counters in milliseconds, wall and this
// thread's CPU time.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>

#include "dispatch/batch_assignment.hpp"
#include "dispatch/event_plan.hpp"
#include "dispatch/plan_on_roads.hpp"
#include "geo/load.hpp"
#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "../dispatch/plan_every_time.hpp"

namespace erde {
namespace {

const std::string kSource = ERDE_SOURCE_DIR;

// "T7": built with snprintf, since g++ 12 at -O3 warns falsely (-Wrestrict) on "T" + to_string.
std::string id(const char* prefix, size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%zu", prefix, n);
  return buf;
}

struct District {
  Dataset data;
  std::vector<TeamNow> teams;  // the team table: every team at its base
  std::unique_ptr<LiveRoads> roads;
  std::vector<Incident> incidents;
};

// Incident kinds cycled through: two with evacuation, two without.
const std::pair<IncidentType, Severity> kKinds[] = {{IncidentType::hazchem_leak, Severity::large},
                                                     {IncidentType::fire, Severity::general},
                                                     {IncidentType::waterlogging, Severity::large},
                                                     {IncidentType::gas_explosion, Severity::large}};

std::vector<Incident> incidents_at(const std::vector<LonLat>& places) {
  std::vector<Incident> out;
  for (size_t i = 0; i < places.size(); ++i) {
    const auto [type, severity] = kKinds[i % 4];
    out.push_back({id("B-", i), type, severity, places[i], {}});
  }
  return out;
}

const District& demo() {
  static const District d = [] {
    District out;
    const std::string file = kSource + "/geodata/demo/demo.gpkg";
    LoadOptions options;
    options.progress = false;
    out.data = load_sources({file}, options).data;
    out.teams = team_table(out.data.teams);
    out.roads = std::make_unique<LiveRoads>(open_dispatch_index(file, kSource + "/geodata/profiles.json", 500));
    std::vector<LonLat> places;
    for (size_t i = 0; i < 200; ++i) places.push_back(out.data.risk_points[i % out.data.risk_points.size()].location);
    out.incidents = incidents_at(places);
    return out;
  }();
  return d;
}

// Deterministic points in a box: a 2-D Halton sequence (bases 2 and 3).
LonLat halton(size_t i, double lon0, double lat0, double lon1, double lat1) {
  auto radical = [](size_t n, size_t base) {
    double f = 1, r = 0;
    for (; n; n /= base) {
      f /= static_cast<double>(base);
      r += f * static_cast<double>(n % base);
    }
    return r;
  };
  return {lon0 + (lon1 - lon0) * radical(i + 1, 2), lat0 + (lat1 - lat0) * radical(i + 1, 3)};
}

std::string box_wkt(double lon0, double lat0, double lon1, double lat1) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "POLYGON((%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f))", lon0, lat0, lon1,
                lat0, lon1, lat1, lon0, lat1, lon0, lat0);
  return buf;
}

// Heidelberg city (8.64-8.72 E, 49.38-49.42 N): 30 teams, 20 depots, 60 shelters and a 20x20
// grid of communities of 400 people each, placed on Halton points.
const District* heidelberg() {
  static const std::unique_ptr<District> d = []() -> std::unique_ptr<District> {
    const std::string pbf = std::string(ERDE_SHARED_GEODATA) + "/heidelberg.osm.pbf";
    if (!std::filesystem::exists(pbf)) return nullptr;
    auto out = std::make_unique<District>();
    out->roads = std::make_unique<LiveRoads>(
        make_dispatch_index(import_osm_pbf(pbf), load_profiles(kSource + "/geodata/profiles.json"), 500));
    const double lon0 = 8.64, lat0 = 49.38, lon1 = 8.72, lat1 = 49.42;
    GeosContext geos;
    Dataset& data = out->data;
    const Capability caps[] = {Capability::fire_fighting, Capability::fire_fighting, Capability::hazmat,
                               Capability::medical,       Capability::water_rescue,  Capability::drainage};
    for (size_t i = 0; i < 30; ++i) {
      Team t;
      t.id = id("T", i);
      t.name = t.id;
      t.kind = i % 6 < 2 ? TeamKind::fire_rescue : TeamKind::professional;
      t.capabilities = {caps[i % 6]};
      t.headcount = 10;
      t.base = halton(i, lon0, lat0, lon1, lat1);
      data.teams.push_back(t);
    }
    out->teams = team_table(data.teams);
    for (size_t i = 0; i < 20; ++i) {
      Depot dp;
      dp.id = id("D", i);
      dp.name = dp.id;
      dp.location = halton(100 + i, lon0, lat0, lon1, lat1);
      for (Material m : {Material::sandbag, Material::pump, Material::first_aid_kit, Material::protective_suit,
                         Material::gas_detector, Material::absorbent, Material::tent, Material::raincoat})
        dp.stock.push_back({m, 300, std::string(default_unit(m))});
      data.depots.push_back(dp);
    }
    for (size_t i = 0; i < 60; ++i) {
      Shelter s;
      s.id = id("S", i);
      s.name = s.id;
      s.capacity = 2000;
      s.effective_area_m2 = 3000;
      s.location = halton(200 + i, lon0, lat0, lon1, lat1);
      data.shelters.push_back(s);
    }
    AdminArea district;
    district.id = "HD";
    district.level = AreaLevel::district;
    district.boundary.wkb = geos.to_wkb(geos.from_wkt(box_wkt(lon0, lat0, lon1, lat1)).get());
    data.areas.push_back(district);
    const double dlon = (lon1 - lon0) / 20, dlat = (lat1 - lat0) / 20;
    for (int r = 0; r < 20; ++r)
      for (int c = 0; c < 20; ++c) {
        AdminArea a;
        a.id = id("C", r * 20 + c);
        a.level = AreaLevel::community;
        a.parent_id = "HD";
        a.population = 400;
        a.boundary.wkb = geos.to_wkb(
            geos.from_wkt(box_wkt(lon0 + c * dlon, lat0 + r * dlat, lon0 + (c + 1) * dlon, lat0 + (r + 1) * dlat))
                .get());
        a.centroid = {lon0 + (c + 0.5) * dlon, lat0 + (r + 0.5) * dlat};
        data.areas.push_back(a);
      }
    std::vector<LonLat> places;
    for (size_t i = 0; i < 200; ++i) places.push_back(halton(400 + i, lon0, lat0, lon1, lat1));
    out->incidents = incidents_at(places);
    return out;
  }();
  return d.get();
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

// This thread's CPU time in ms: steadier than wall time on the shared machine.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// The reference by plain Dijkstra (tests/dispatch/plan_every_time.hpp), in the
// signature of plan_on_roads.
IncidentPlan plan_every_time(const GeosContext& geos, const Incident& incident, const ResponsePlanBook& book,
                             const Dataset& data, std::span<const TeamNow> teams, const LiveRoads& roads,
                             const Reservations& ledger) {
  return test::plan_every_time(geos, incident, book.at(incident.type, incident.severity), data, teams, roads, ledger);
}

// plan_on_roads with no other incident in force.
IncidentPlan plan_alone(const GeosContext& geos, const Incident& incident, const ResponsePlanBook& book,
                        const Dataset& data, std::span<const TeamNow> teams, const LiveRoads& roads,
                        const Reservations& ledger) {
  return plan_on_roads(geos, incident, book, data, teams, roads, ledger);
}

using PlanFn = IncidentPlan (*)(const GeosContext&, const Incident&, const ResponsePlanBook&, const Dataset&,
                                std::span<const TeamNow>, const LiveRoads&, const Reservations&);

void run_plans(benchmark::State& state, const District& d, PlanFn plan_fn) {
  GeosContext geos;
  const ResponsePlanBook book = load_response_plans(kSource + "/geodata/response_plans.json");
  const Reservations ledger;
  std::vector<double> ms, cpu_ms;
  size_t i = 0;
  for (auto _ : state) {
    const Incident& inc = d.incidents[i++ % d.incidents.size()];
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_ms();
    IncidentPlan plan = plan_fn(geos, inc, book, d.data, d.teams, *d.roads, ledger);
    cpu_ms.push_back(thread_cpu_ms() - cpu_start);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    benchmark::DoNotOptimize(plan);
  }
  state.counters["p50_ms"] = percentile(ms, 0.5);
  state.counters["p99_ms"] = percentile(ms, 0.99);
  state.counters["cpu_p50_ms"] = percentile(cpu_ms, 0.5);
  state.counters["cpu_p99_ms"] = percentile(cpu_ms, 0.99);
}

void BM_PlanDemo(benchmark::State& state) { run_plans(state, demo(), plan_alone); }
BENCHMARK(BM_PlanDemo)->Iterations(400)->Unit(benchmark::kMillisecond);

void BM_PlanDemoEveryTime(benchmark::State& state) { run_plans(state, demo(), plan_every_time); }
BENCHMARK(BM_PlanDemoEveryTime)->Iterations(400)->Unit(benchmark::kMillisecond);

void plan_heidelberg(benchmark::State& state, PlanFn plan_fn) {
  const District* d = heidelberg();
  if (!d) {
    state.SkipWithError("../shared/geodata/heidelberg.osm.pbf not found");
    return;
  }
  run_plans(state, *d, plan_fn);
}
void BM_PlanHeidelberg(benchmark::State& state) { plan_heidelberg(state, plan_alone); }
BENCHMARK(BM_PlanHeidelberg)->Iterations(400)->Unit(benchmark::kMillisecond);

void BM_PlanHeidelbergEveryTime(benchmark::State& state) { plan_heidelberg(state, plan_every_time); }
BENCHMARK(BM_PlanHeidelbergEveryTime)->Iterations(400)->Unit(benchmark::kMillisecond);

// A typhoon night: 20 waterlogging calls at the demo's risk points, travel times and the joint
// assignment included.
void BM_Batch20Demo(benchmark::State& state) {
  const District& d = demo();
  const ResponsePlanBook book = load_response_plans(kSource + "/geodata/response_plans.json");
  std::vector<double> ms;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    std::vector<BatchIncident> batch;
    for (size_t i = 0; i < 20; ++i) {
      const LonLat at = d.data.risk_points[(i * 7) % d.data.risk_points.size()].location;
      const Severity sev = i % 5 == 0 ? Severity::large : Severity::general;
      batch.push_back({id("W", i), sev, book.at(IncidentType::waterlogging, sev).teams,
                       team_times_now(*d.roads, d.teams, at), {}, {}, 0.0});
    }
    BatchResult r = assign_batch(d.teams, batch);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    benchmark::DoNotOptimize(r);
  }
  state.counters["p50_ms"] = percentile(ms, 0.5);
  state.counters["p99_ms"] = percentile(ms, 0.99);
}
BENCHMARK(BM_Batch20Demo)->Iterations(30)->Unit(benchmark::kMillisecond);

// The whole-event plan of a typhoon night on the demo district: 20 waterlogging calls (every
// fifth 较大, one 重大), teams jointly with substitutes and first-due areas, materials and
// evacuation shelters shared by priority, each incident's concessions.
void BM_EventPlan20Demo(benchmark::State& state) {
  const District& d = demo();
  const ResponsePlanBook book = load_response_plans(kSource + "/geodata/response_plans.json");
  const GeosContext geos;
  std::vector<Incident> night;
  for (size_t i = 0; i < 20; ++i) {
    const Severity sev = i == 7 ? Severity::major : i % 5 == 0 ? Severity::large : Severity::general;
    night.push_back({id("W", i), IncidentType::waterlogging, sev,
                     d.data.risk_points[(i * 7) % d.data.risk_points.size()].location, {}});
  }
  std::vector<double> ms, cpu_ms;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_ms();
    EventPlan event = plan_event(geos, night, book, d.data, d.teams, *d.roads, Reservations{});
    cpu_ms.push_back(thread_cpu_ms() - cpu_start);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    benchmark::DoNotOptimize(event);
  }
  state.counters["p50_ms"] = percentile(ms, 0.5);
  state.counters["p99_ms"] = percentile(ms, 0.99);
  state.counters["cpu_p50_ms"] = percentile(cpu_ms, 0.5);
  state.counters["cpu_p99_ms"] = percentile(cpu_ms, 0.99);
}
BENCHMARK(BM_EventPlan20Demo)->Iterations(30)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace erde

BENCHMARK_MAIN();
