// Customizable contraction hierarchy on Heidelberg (shared OSM extract) and on synthetic cities of
// 10k, 100k and 1M nodes (demo::generate_city, for growth with size), fire_engine profile, the
// same fixed-seed teams / incidents / destinations as bench_routing: preprocessing (order and
// contraction time, the index's size per directed edge, the elimination-tree depth: the order's
// quality, which every query walks), full and partial customization (a 1 km² closure added and
// lifted), route A->B and nearest 5 of 30 to an incident. Each query benchmark also times the
// plain-Dijkstra engine call on the same 200 queries in the same run and reports
// dijkstra_cpu_p50_us / dijkstra_cpu_p99_us, speedup = Dijkstra CPU p50 / CCH CPU p50 and
// speedup_p99 = Dijkstra CPU p99 / CCH CPU p99.
//
// The 1M-node city takes about 14 minutes on a quiet 2-core VM and 2 GiB (the order, twice: once
// for the index the queries use, once timed; closures re-customizing many arcs; the Dijkstra
// comparisons); its slow cases run fewer iterations, and preprocessing and closures run once even
// with --benchmark_repetitions. --benchmark_filter='heidelberg|city_10000/|city_100000/' leaves
// it out.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <random>

#include <sys/resource.h>

#include "demo/synthetic_city.hpp"
#include "geo/geos_context.hpp"
#include "graph/distance.hpp"
#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "route/cch.hpp"
#include "route/cch_query.hpp"
#include "route/closures.hpp"
#include "route/matrix.hpp"
#include "route/nearest.hpp"
#include "route/route.hpp"
#include "query_points.hpp"

namespace erde {
namespace {

struct BenchNet {
  RoadGraph graph;
  std::vector<uint32_t> weights;
  std::vector<RoutePoint> teams;      // 30
  std::vector<RoutePoint> incidents;  // 200
  std::vector<RoutePoint> targets;    // 200
  std::vector<Geometry> squares;      // 1 km² around each incident
  std::unique_ptr<Closures> closures;
  CchIndex index;
  CchMetric metric;
  double build_ms = 0, order_ms = 0;
};

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::unique_ptr<BenchNet> make_net(RoadGraph graph) {
  auto net = std::make_unique<BenchNet>();
  net->graph = std::move(graph);
  net->weights =
      edge_weights(net->graph, load_profile(std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json", "fire_engine"));
  GeosContext geos;
  bench::QueryPoints q = bench::query_points(geos, net->graph, net->weights);
  net->teams = std::move(q.teams);
  net->incidents = std::move(q.incidents);
  net->targets = std::move(q.targets);
  net->squares = std::move(q.squares);
  net->closures = std::make_unique<Closures>(net->graph);
  net->closures->add_profile("fire_engine", net->weights);
  const auto t0 = std::chrono::steady_clock::now();
  net->index = build_cch(net->graph, net->weights);
  net->build_ms = ms_since(t0);
  net->metric = customize(net->index, net->weights);
  return net;
}

// "heidelberg" (the shared OSM extract; nullptr when absent) or "city_<nodes>" (demo::generate_city).
const BenchNet* network(const std::string& which) {
  static std::map<std::string, std::unique_ptr<BenchNet>> cache;
  auto it = cache.find(which);
  if (it != cache.end()) return it->second.get();
  std::unique_ptr<BenchNet> net;
  if (which == "heidelberg") {
    const std::string path = std::string(ERDE_SHARED_GEODATA) + "/heidelberg.osm.pbf";
    if (std::filesystem::exists(path)) net = make_net(import_osm_pbf(path));
  } else {
    net = make_net(demo::generate_city(static_cast<uint32_t>(std::stoul(which.substr(5))), 7));
  }
  return (cache[which] = std::move(net)).get();
}

double thread_cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

struct Percentiles {
  double p50 = 0, p99 = 0;
};
Percentiles percentiles(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)]};
}

// Per-query timing as in bench_routing: wall and thread-CPU p50/p99 in microseconds.
template <typename Query>
Percentiles timed(benchmark::State& state, Query&& query) {
  std::vector<double> wall, cpu;
  size_t i = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_us();
    query(i++);
    cpu.push_back(thread_cpu_us() - c0);
    wall.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  const Percentiles w = percentiles(wall), c = percentiles(cpu);
  state.counters["p50_us"] = w.p50;
  state.counters["p99_us"] = w.p99;
  state.counters["cpu_p50_us"] = c.p50;
  state.counters["cpu_p99_us"] = c.p99;
  return c;
}

// The plain-Dijkstra engine call on the same 200 queries (thread CPU p50 and p99), and the ratios.
template <typename Query>
void versus_dijkstra(benchmark::State& state, Percentiles cch_cpu, Query&& query) {
  std::vector<double> cpu;
  for (size_t i = 0; i < 200; ++i) {
    const double c0 = thread_cpu_us();
    query(i);
    cpu.push_back(thread_cpu_us() - c0);
  }
  const Percentiles d = percentiles(cpu);
  state.counters["dijkstra_cpu_p50_us"] = d.p50;
  state.counters["dijkstra_cpu_p99_us"] = d.p99;
  state.counters["speedup"] = cch_cpu.p50 > 0 ? d.p50 / cch_cpu.p50 : 0;
  state.counters["speedup_p99"] = cch_cpu.p99 > 0 ? d.p99 / cch_cpu.p99 : 0;
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

#define NET_OR_SKIP(net)                                                                                   \
  const BenchNet* net = network(which);                                                                    \
  if (!net) {                                                                                              \
    state.SkipWithError("skipped: " ERDE_SHARED_GEODATA "/heidelberg.osm.pbf is absent");                   \
    for (auto _ : state) {                                                                                 \
    }                                                                                                      \
    return;                                                                                                \
  }

void preprocessing(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net);
  std::vector<uint8_t> usable(net->graph.edge_count());
  for (EdgeId e = 0; e < usable.size(); ++e) usable[e] = net->weights[e] != kUnreachable;
  const auto edges = static_cast<double>(net->graph.edge_count());
  std::vector<double> order_ms, contract_ms, order_cpu_ms, contract_cpu_ms;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_us();
    const std::vector<NodeId> order = nested_dissection_order(net->graph, usable);
    order_ms.push_back(ms_since(t0));
    order_cpu_ms.push_back((thread_cpu_us() - c0) / 1e3);
    const auto t1 = std::chrono::steady_clock::now();
    const double c1 = thread_cpu_us();
    benchmark::DoNotOptimize(build_cch(net->graph, order, usable));
    contract_ms.push_back(ms_since(t1));
    contract_cpu_ms.push_back((thread_cpu_us() - c1) / 1e3);
  }
  state.counters["order_ms"] = percentiles(order_ms).p50;
  state.counters["contract_ms"] = percentiles(contract_ms).p50;
  state.counters["order_cpu_ms"] = percentiles(order_cpu_ms).p50;
  state.counters["contract_cpu_ms"] = percentiles(contract_cpu_ms).p50;
  state.counters["nodes"] = net->index.node_count();
  state.counters["edges"] = edges;  // directed edges of the graph
  state.counters["usable_edges"] = static_cast<double>(std::count(usable.begin(), usable.end(), uint8_t{1}));
  state.counters["arcs"] = net->index.arc_count();
  state.counters["triangles"] = static_cast<double>(net->index.triangle_count());
  state.counters["etree_depth"] = elimination_tree_depth(net->index);
  state.counters["index_MB"] = static_cast<double>(net->index.memory_bytes()) / 1e6;
  state.counters["metric_MB"] = static_cast<double>(net->metric.memory_bytes()) / 1e6;
  state.counters["index_B_per_edge"] = static_cast<double>(net->index.memory_bytes()) / edges;
  state.counters["metric_B_per_edge"] = static_cast<double>(net->metric.memory_bytes()) / edges;
  state.counters["peak_rss_MB"] = peak_rss_mb();  // of the whole process so far (every network loaded)
}

void customization(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net);
  timed(state, [&](size_t) { benchmark::DoNotOptimize(customize(net->index, net->weights)); });
}

// A 1 km² closed square around incident i added, re-customized, lifted, re-customized (the
// same closures as bench_routing's closure row). recustomize_* counts only the two partial
// re-customizations.
void closure_add_remove(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net);
  Closures& closures = *net->closures;
  CchMetric live = net->metric;
  std::vector<double> arcs, recustomize_us;
  timed(state, [&](size_t i) {
    const std::string id = "bench";
    closures.add(closed_area(id, net->squares[i % 200]));
    const std::vector<EdgeId> touched(closures.touched_edges(id).begin(), closures.touched_edges(id).end());
    double c0 = thread_cpu_us();
    arcs.push_back(static_cast<double>(recustomize(net->index, closures.weights(0), touched, live)));
    double spent = thread_cpu_us() - c0;
    closures.remove(id);
    c0 = thread_cpu_us();
    recustomize(net->index, closures.weights(0), touched, live);
    recustomize_us.push_back(spent + thread_cpu_us() - c0);
  });
  const Percentiles r = percentiles(recustomize_us);
  state.counters["arcs_recomputed_p50"] = percentiles(arcs).p50;
  state.counters["recustomize_cpu_p50_us"] = r.p50;
  state.counters["recustomize_cpu_p99_us"] = r.p99;
}

void route_ab(benchmark::State& state, std::string which, bool with_geometry) {
  NET_OR_SKIP(net);
  const CchNetwork cn{net->index, net->metric, {net->graph, net->weights}};
  const Percentiles p = timed(state, [&](size_t i) {
    benchmark::DoNotOptimize(cch_route(cn, net->incidents[i % 200], net->targets[i % 200], with_geometry));
  });
  versus_dijkstra(state, p, [&](size_t i) { benchmark::DoNotOptimize(route(cn.net, net->incidents[i], net->targets[i])); });
}

void distance_node_to_node(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net);
  const CchNetwork cn{net->index, net->metric, {net->graph, net->weights}};
  auto node = [&](const RoutePoint& p) { return net->graph.tail[net->graph.segment_edge[2 * p.segment]]; };
  timed(state, [&](size_t i) {
    benchmark::DoNotOptimize(cch_distance(cn, node(net->incidents[i % 200]), node(net->targets[i % 200])));
  });
}

NearestOptions five(bool with_geometry) {
  NearestOptions o;
  o.k = 5;
  o.with_geometry = with_geometry;
  return o;
}

void nearest5_prepared(benchmark::State& state, std::string which, bool with_geometry) {
  NET_OR_SKIP(net);
  const CchNetwork cn{net->index, net->metric, {net->graph, net->weights}};
  const CchBuckets teams = cch_prepare_sources(cn, net->teams);
  const NearestOptions o = five(with_geometry);
  const Percentiles p =
      timed(state, [&](size_t i) { benchmark::DoNotOptimize(cch_nearest(cn, teams, net->incidents[i % 200], o)); });
  versus_dijkstra(state, p, [&](size_t i) { benchmark::DoNotOptimize(nearest(cn.net, net->incidents[i], net->teams, o)); });
}

void nearest5_unprepared(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net);
  const CchNetwork cn{net->index, net->metric, {net->graph, net->weights}};
  const NearestOptions o = five(false);
  const Percentiles p = timed(
      state, [&](size_t i) { benchmark::DoNotOptimize(cch_nearest(cn, net->incidents[i % 200], net->teams, o)); });
  versus_dijkstra(state, p, [&](size_t i) { benchmark::DoNotOptimize(nearest(cn.net, net->incidents[i], net->teams, o)); });
}

// Times from all 30 teams to one incident (the column bench_routing's matrix 30x1 computes).
void times_30_to_1(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net);
  const CchNetwork cn{net->index, net->metric, {net->graph, net->weights}};
  const CchBuckets teams = cch_prepare_sources(cn, net->teams);
  std::vector<uint32_t> times(teams.points.size());
  const Percentiles p = timed(state, [&](size_t i) {
    cch_times_to(cn, teams, net->incidents[i % 200], times);
    benchmark::DoNotOptimize(times.data());
  });
  versus_dijkstra(state, p, [&](size_t i) {
    benchmark::DoNotOptimize(matrix(cn.net, net->teams, std::span(&net->incidents[i], 1)));
  });
}

void prepare_teams(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net);
  const CchNetwork cn{net->index, net->metric, {net->graph, net->weights}};
  timed(state, [&](size_t) { benchmark::DoNotOptimize(cch_prepare_sources(cn, net->teams)); });
}

}  // namespace
}  // namespace erde

// Registered per network: Heidelberg, then synthetic cities for growth with size.
int register_all() {
  using namespace erde;
  for (const std::string which : {"heidelberg", "city_10000", "city_100000", "city_1000000"}) {
    const std::string at = "cch/" + which + "/";
    const bool city = which != "heidelberg", big = which == "city_1000000";
    const int queries = city ? 1000 : 2000;
    auto* pre = benchmark::RegisterBenchmark((at + "preprocessing").c_str(), preprocessing, which)
                    ->Unit(benchmark::kMillisecond)
                    ->Iterations(city ? 1 : 3);
    benchmark::RegisterBenchmark((at + "customize_full").c_str(), customization, which)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(big ? 3 : city ? 10 : 50);
    auto* closure = benchmark::RegisterBenchmark((at + "closure_1km2_add_remove").c_str(), closure_add_remove, which)
                        ->Iterations(big ? 20 : 200);
    if (big) {  // about 10 and 3 minutes on the 2-core VM: once, whatever --benchmark_repetitions says
      pre->Repetitions(1);
      closure->Repetitions(1);
    }
    benchmark::RegisterBenchmark((at + "route_ab_geometry").c_str(), route_ab, which, true)->Iterations(queries);
    benchmark::RegisterBenchmark((at + "route_ab_edges").c_str(), route_ab, which, false)->Iterations(queries);
    benchmark::RegisterBenchmark((at + "distance_node_to_node").c_str(), distance_node_to_node, which)->Iterations(queries);
    benchmark::RegisterBenchmark((at + "nearest5of30_geometry").c_str(), nearest5_prepared, which, true)->Iterations(queries);
    benchmark::RegisterBenchmark((at + "nearest5of30_edges").c_str(), nearest5_prepared, which, false)->Iterations(queries);
    benchmark::RegisterBenchmark((at + "nearest5of30_unprepared").c_str(), nearest5_unprepared, which)
        ->Iterations(big ? 200 : 1000);
    benchmark::RegisterBenchmark((at + "times_30_to_1").c_str(), times_30_to_1, which)->Iterations(queries);
    benchmark::RegisterBenchmark((at + "prepare_30_teams").c_str(), prepare_teams, which)->Iterations(big ? 20 : 200);
  }
  return 0;
}
const int registered = register_all();

BENCHMARK_MAIN();
