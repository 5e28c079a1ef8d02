// Full coverage analysis: the demo district (target <= 2 s) and Heidelberg with a generated
// population grid of about 10,000 cells and 100 shelters (target <= 5 s; skipped without the file).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "coverage/coverage_run.hpp"
#include "geo/geos_context.hpp"
#include "geo/load.hpp"
#include "graph/import.hpp"

namespace erde {
namespace {

const std::string kSource = ERDE_SOURCE_DIR;

void BM_CoverageDemo(benchmark::State& state) {
  const std::string demo = kSource + "/geodata/demo/demo.gpkg";
  LoadOptions lo;
  lo.progress = false;
  const LoadResult loaded = load_sources({demo}, lo);
  RoadImportOptions ro;
  ro.layer = "roads";
  const RoadGraph graph = open_roads(demo, ro);
  const std::vector<Profile> profiles = load_profiles(kSource + "/geodata/profiles.json");
  CoverageOptions o;
  o.service_areas = state.range(0) != 0;
  const LiveRoads roads(make_road_index(graph, profiles, 500));
  for (auto _ : state) benchmark::DoNotOptimize(analyse_coverage(loaded.data, roads, o));
}
BENCHMARK(BM_CoverageDemo)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5)->Repetitions(5);

// Heidelberg city as one street cut into about 10,000 grid cells, population 150,000,
// 100 shelters at random nodes with 1,500 places each, 10 fire stations.
void BM_CoverageHeidelberg(benchmark::State& state) {
  const std::string pbf = std::string(ERDE_SHARED_GEODATA) + "/heidelberg.osm.pbf";
  if (!std::filesystem::exists(pbf)) {
    const std::string message = std::string("missing ").append(pbf);
    state.SkipWithError(message.c_str());
    return;
  }
  const RoadGraph graph = import_osm_pbf(pbf);
  const std::vector<Profile> profiles = load_profiles(kSource + "/geodata/profiles.json");
  // Heidelberg city (the extract spans 7.71-9.10 E, mostly countryside): 7.3 x 5.6 km.
  double w = 8.63, s = 49.38, e = 8.73, n = 49.43;
  GeosContext geos;
  char wkt[512];
  std::snprintf(wkt, sizeof wkt, "POLYGON((%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f,%.7f %.7f))", w, s, e, s, e, n, w, n, w, s);
  Dataset data;
  AdminArea street;
  street.id = "HD";
  street.name = "Heidelberg (bench)";
  street.level = AreaLevel::street;
  street.population = 150000;
  street.boundary.wkb = geos.to_wkb(geos.from_wkt(wkt).get());
  street.centroid = {(w + e) / 2, (s + n) / 2};
  const double mx = (e - w) * 111195 * std::cos(street.centroid.lat * 0.0174533), my = (n - s) * 111195;
  street.area_m2 = mx * my;
  data.areas.push_back(street);
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<NodeId> node(0, graph.node_count() - 1);
  for (int i = 0; i < 100; ++i) {
    Shelter sh;
    sh.id = std::string("S").append(std::to_string(i));
    sh.name = sh.id;
    sh.capacity = 1500;
    sh.effective_area_m2 = 2250;
    for (;;) {
      const NodeId v = node(rng);
      if (graph.node_lon[v] > w && graph.node_lon[v] < e && graph.node_lat[v] > s && graph.node_lat[v] < n) {
        sh.location = graph.node(v);
        break;
      }
    }
    data.shelters.push_back(sh);
  }
  for (int i = 0; i < 10; ++i) {
    Team t;
    t.id = std::string("F").append(std::to_string(i));
    t.kind = TeamKind::fire_rescue;
    t.base = data.shelters[static_cast<size_t>(i) * 10].location;
    data.teams.push_back(t);
  }
  CoverageOptions o;
  o.grid_m = std::sqrt(street.area_m2 / 10000.0);
  o.service_areas = false;
  o.response = {o.response[0]};
  const LiveRoads roads(make_road_index(graph, profiles, 500));
  for (auto _ : state) {
    const CoverageReport r = analyse_coverage(data, roads, o);
    state.counters["demand_points"] = static_cast<double>(r.demand.size());
    state.counters["served_share"] = r.service_shares.back().share();
    // Seconds per stage (first 12 letters of its name), e.g. "capacitated _s" for the assignment.
    for (const auto& [stage, sec] : r.stage_seconds) state.counters[stage.substr(0, 12) + "_s"] = sec;
  }
}
BENCHMARK(BM_CoverageHeidelberg)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

}  // namespace
}  // namespace erde

BENCHMARK_MAIN();
