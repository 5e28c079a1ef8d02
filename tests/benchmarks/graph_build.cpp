// Road graph: PBF import time and memory on Heidelberg, profile weights, snap index and queries.
// Run: bench_graph_build --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "graph/snap.hpp"

namespace {

const std::string kHeidelberg = std::string(ERDE_SHARED_GEODATA) + "/heidelberg.osm.pbf";
const std::string kProfiles = std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json";

bool have_data(benchmark::State& state) {
  if (std::filesystem::exists(kHeidelberg)) return true;
  state.SkipWithError((kHeidelberg + " is absent").c_str());
  return false;
}

const erde::RoadGraph& heidelberg() {
  static const erde::RoadGraph g = erde::import_osm_pbf(kHeidelberg);
  return g;
}

void BM_PbfImport(benchmark::State& state) {
  if (!have_data(state)) return;
  erde::RoadGraph g;
  for (auto _ : state) {
    g = erde::import_osm_pbf(kHeidelberg);
    benchmark::DoNotOptimize(g.head.data());
  }
  state.counters["edges"] = g.edge_count();
  state.counters["bytes_per_edge"] = static_cast<double>(g.memory_bytes()) / g.edge_count();
  state.counters["graph_MB"] = static_cast<double>(g.memory_bytes()) / 1e6;
}
BENCHMARK(BM_PbfImport)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EdgeWeights(benchmark::State& state) {
  if (!have_data(state)) return;
  const erde::RoadGraph& g = heidelberg();
  erde::Profile p = erde::load_profile(kProfiles, "fire_engine");
  for (auto _ : state) benchmark::DoNotOptimize(erde::edge_weights(g, p).data());
}
BENCHMARK(BM_EdgeWeights)->Unit(benchmark::kMillisecond);

void BM_SnapIndexBuild(benchmark::State& state) {
  if (!have_data(state)) return;
  const erde::RoadGraph& g = heidelberg();
  size_t bytes = 0;
  for (auto _ : state) {
    erde::SnapIndex index(g);
    bytes = index.memory_bytes();
  }
  state.counters["index_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_SnapIndexBuild)->Unit(benchmark::kMillisecond);

void BM_Snap(benchmark::State& state) {
  if (!have_data(state)) return;
  const erde::RoadGraph& g = heidelberg();
  static const erde::SnapIndex index(g);
  static const std::vector<uint32_t> w = erde::edge_weights(g, erde::load_profile(kProfiles, "fire_engine"));
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> lon(8.60, 8.78), lat(49.36, 49.45);
  std::vector<erde::LonLat> points(1024);
  for (auto& p : points) p = {lon(rng), lat(rng)};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.snap(points[i++ & 1023], w, 1e6).distance_m);
}
BENCHMARK(BM_Snap)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
