// Routing benchmarks: nearest k=5 of 30, route A->B, ETAs of 30 teams, matrix 30x1, closure
// add/remove of a 1 km² polygon and a 5-minute isochrone, on Heidelberg (shared OSM extract) and
// on synthetic cities of 10k, 100k and 1M nodes. `nearest5of30*`, `eta30to1`, `route` and
// `closure_1km2_live` measure the production path (LiveRoads: CCH, prepared teams, a 1 km²
// closure standing); `*_dijkstra` the same queries by plain Dijkstra on the same weights, and
// `*_boost` Boost.Graph, in the same run.
// Every iteration is one query; p50/p99 per query are reported as counters (microseconds).
#include <benchmark/benchmark.h>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <random>

#include "demo/synthetic_city.hpp"
#include "geo/geos_context.hpp"
#include "graph/distance.hpp"
#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "route/closures.hpp"
#include "route/isochrone.hpp"
#include "route/live_roads.hpp"
#include "route/matrix.hpp"
#include "route/nearest.hpp"
#include "route/polyline.hpp"
#include "route/route.hpp"
#include "query_points.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

struct BoostWeight {
  uint64_t w;
};
using BoostGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, BoostWeight>;

struct BenchNet {
  std::string name;
  RoadGraph graph;
  std::vector<uint32_t> weights;
  std::vector<RoutePoint> teams;      // 30
  std::vector<RoutePoint> incidents;  // 200
  std::vector<RoutePoint> targets;    // 200, route destinations
  std::unique_ptr<BoostGraph> boost_forward, boost_reverse;
  std::unique_ptr<Closures> closures;
  std::vector<Geometry> squares;  // 1 km² around each incident
  // The production path: the live roads (CCH) with one 1 km² closure standing, built on first use.
  mutable std::unique_ptr<LiveRoads> live;
  mutable std::vector<LonLat> team_places;
};

std::unique_ptr<BoostGraph> boost_graph(const RoadGraph& g, const std::vector<uint32_t>& w, bool reverse) {
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  std::vector<BoostWeight> props;
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    if (w[e] == kUnreachable) continue;
    edges.push_back(reverse ? std::pair{g.head[e], g.tail[e]} : std::pair{g.tail[e], g.head[e]});
    props.push_back({w[e]});
  }
  return std::make_unique<BoostGraph>(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), props.begin(),
                                      g.node_count());
}

Profile fire_engine() { return load_profile(std::string(ERDE_SOURCE_DIR) + "/geodata/profiles.json", "fire_engine"); }

std::unique_ptr<BenchNet> make_net(std::string name, RoadGraph graph) {
  auto net = std::make_unique<BenchNet>();
  net->name = std::move(name);
  net->graph = std::move(graph);
  net->weights = edge_weights(net->graph, fire_engine());
  GeosContext geos;
  bench::QueryPoints q = bench::query_points(geos, net->graph, net->weights);
  net->teams = std::move(q.teams);
  net->incidents = std::move(q.incidents);
  net->targets = std::move(q.targets);
  net->squares = std::move(q.squares);
  net->boost_forward = boost_graph(net->graph, net->weights, false);
  net->boost_reverse = boost_graph(net->graph, net->weights, true);
  net->closures = std::make_unique<Closures>(net->graph);
  net->closures->add_profile("fire_engine", net->weights);
  return net;
}

const BenchNet* network(const std::string& which) {
  static std::map<std::string, std::unique_ptr<BenchNet>> cache;
  auto it = cache.find(which);
  if (it != cache.end()) return it->second.get();
  std::unique_ptr<BenchNet> net;
  if (which == "heidelberg") {
    const std::string path = std::string(ERDE_SHARED_GEODATA) + "/heidelberg.osm.pbf";
    if (std::filesystem::exists(path)) net = make_net(which, import_osm_pbf(path));
  } else {
    net = make_net(which, demo::generate_city(static_cast<uint32_t>(std::stoul(which.substr(5))), 7));
  }
  return (cache[which] = std::move(net)).get();
}

// The live roads of `net` with a 1 km² closure around the last incident, and the teams prepared.
LiveRoads& live_roads(const BenchNet& net) {
  if (!net.live) {
    net.live = std::make_unique<LiveRoads>(make_road_index(net.graph, {fire_engine()}, 500));
    net.live->close(closed_area("standing", net.squares.back()));
    for (const RoutePoint& t : net.teams) net.team_places.push_back(t.point);
    net.live->prepared(0, net.team_places, true);
  }
  return *net.live;
}

double thread_cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// Per-query timing: run `query(i)` once per iteration; report wall-clock p50/p99 and, since the
// machine is shared, thread CPU time p50/p99 too (microseconds).
template <typename Query>
void timed(benchmark::State& state, Query&& query) {
  std::vector<double> wall, cpu;
  size_t i = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_us();
    query(i++);
    cpu.push_back(thread_cpu_us() - c0);
    wall.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  if (wall.empty()) return;
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  const size_t p50 = wall.size() / 2, p99 = std::min(wall.size() - 1, wall.size() * 99 / 100);
  state.counters["p50_us"] = wall[p50];
  state.counters["p99_us"] = wall[p99];
  state.counters["cpu_p50_us"] = cpu[p50];
  state.counters["cpu_p99_us"] = cpu[p99];
}

NodeId node_of(const RoadGraph& g, const RoutePoint& p) { return g.tail[g.segment_edge[2 * p.segment]]; }

struct StopSearch {};
// Stops Boost's Dijkstra once `wanted` marked vertices are settled (or one is past `limit`).
struct StopVisitor : boost::default_dijkstra_visitor {
  const std::vector<uint8_t>* marked = nullptr;
  size_t* remaining = nullptr;
  const uint64_t* dist = nullptr;
  uint64_t limit = UINT64_MAX;
  template <typename G>
  void examine_vertex(size_t v, const G&) const {
    if (dist && dist[v] > limit) throw StopSearch{};
    if (marked && (*marked)[v] && --*remaining == 0) throw StopSearch{};
  }
};

void boost_search(const BoostGraph& g, NodeId from, std::vector<uint64_t>& dist, StopVisitor vis) {
  try {
    boost::dijkstra_shortest_paths(g, from,
                                   boost::distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
                                       .weight_map(boost::get(&BoostWeight::w, g))
                                       .visitor(vis));
  } catch (const StopSearch&) {
  }
}

#define NET_OR_SKIP(net, which)                                        \
  const BenchNet* net = network(which);                                \
  if (!net) {                                                          \
    state.SkipWithError("shared OSM extract heidelberg.osm.pbf absent"); \
    for (auto _ : state) {                                             \
    }                                                                  \
    return;                                                            \
  }

void nearest5_live(benchmark::State& state, std::string which, bool geometry) {
  NET_OR_SKIP(net, which);
  const LiveRoads& live = live_roads(*net);
  NearestOptions o;
  o.k = 5;
  o.with_geometry = geometry;
  timed(state, [&](size_t i) {
    benchmark::DoNotOptimize(live.nearest(0, net->team_places, net->incidents[i % 200], o));
  });
}
void nearest5(benchmark::State& state, std::string which) { nearest5_live(state, std::move(which), true); }
void nearest5_eta(benchmark::State& state, std::string which) { nearest5_live(state, std::move(which), false); }

void eta30to1(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  const LiveRoads& live = live_roads(*net);
  timed(state, [&](size_t i) { benchmark::DoNotOptimize(live.times_to(0, net->team_places, net->incidents[i % 200])); });
}

void route_live(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  const LiveRoads& live = live_roads(*net);
  timed(state, [&](size_t i) {
    benchmark::DoNotOptimize(live.route(0, net->incidents[i % 200], net->targets[i % 200], true));
  });
}

// A 1 km² closure added and lifted through the live roads: GEOS work, two partial
// re-customisations and the prepared teams re-prepared twice.
void closure_km2_live(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  LiveRoads& live = live_roads(*net);
  // Each change is timed up to the answer of the next query (the 30 teams' ETAs), which is when
  // the prepared teams are prepared again on the new metric.
  timed(state, [&](size_t i) {
    try {
      live.close(closed_area("flood", net->squares[i % 199]));
      benchmark::DoNotOptimize(live.times_to(0, net->team_places, net->incidents[i % 200]));
      live.reopen("flood");
      benchmark::DoNotOptimize(live.times_to(0, net->team_places, net->incidents[i % 200]));
    } catch (const Error&) {  // a square with no road in it closes nothing
    }
  });
}

void nearest5_dijkstra(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  const Network n = live_roads(*net).network(0);
  NearestOptions o;
  o.k = 5;
  timed(state, [&](size_t i) { benchmark::DoNotOptimize(nearest(n, net->incidents[i % 200], net->teams, o)); });
}

void nearest5_eta_dijkstra(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  const Network n = live_roads(*net).network(0);
  NearestOptions o;
  o.k = 5;
  o.with_geometry = false;
  timed(state, [&](size_t i) { benchmark::DoNotOptimize(nearest(n, net->incidents[i % 200], net->teams, o)); });
}

void nearest5_boost(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  std::vector<uint8_t> is_team(net->graph.node_count(), 0);
  for (const RoutePoint& t : net->teams) is_team[node_of(net->graph, t)] = 1;
  std::vector<uint64_t> dist(net->graph.node_count());
  timed(state, [&](size_t i) {
    size_t remaining = 5;
    StopVisitor vis;
    vis.marked = &is_team;
    vis.remaining = &remaining;
    boost_search(*net->boost_reverse, node_of(net->graph, net->incidents[i % 200]), dist, vis);
  });
}

void route_ab(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  const Network n = live_roads(*net).network(0);
  timed(state, [&](size_t i) { benchmark::DoNotOptimize(route(n, net->incidents[i % 200], net->targets[i % 200])); });
}

void route_ab_boost(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  std::vector<uint8_t> target(net->graph.node_count(), 0);
  std::vector<uint64_t> dist(net->graph.node_count());
  timed(state, [&](size_t i) {
    const NodeId to = node_of(net->graph, net->targets[i % 200]);
    target[to] = 1;
    size_t remaining = 1;
    StopVisitor vis;
    vis.marked = &target;
    vis.remaining = &remaining;
    boost_search(*net->boost_forward, node_of(net->graph, net->incidents[i % 200]), dist, vis);
    target[to] = 0;
  });
}

void matrix30x1(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  const Network n{net->graph, net->weights};
  timed(state, [&](size_t i) {
    benchmark::DoNotOptimize(matrix(n, net->teams, std::span(&net->incidents[i % 200], 1)));
  });
}

void matrix30x1_boost(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  std::vector<uint8_t> is_team(net->graph.node_count(), 0);
  size_t distinct = 0;
  for (const RoutePoint& t : net->teams) distinct += !is_team[node_of(net->graph, t)]++;
  std::vector<uint64_t> dist(net->graph.node_count());
  timed(state, [&](size_t i) {
    size_t remaining = distinct;
    StopVisitor vis;
    vis.marked = &is_team;
    vis.remaining = &remaining;
    boost_search(*net->boost_reverse, node_of(net->graph, net->incidents[i % 200]), dist, vis);
  });
}

void closure_km2(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  Closures& c = *net->closures;
  double edges = 0;
  timed(state, [&](size_t i) {
    edges += static_cast<double>(c.add(closed_area("flood", net->squares[i % 200])));
    c.remove("flood");
  });
  state.counters["edges"] = edges / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

void isochrone5(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  const Network n{net->graph, net->weights};
  const uint32_t limit[] = {5 * 60000};
  double nodes = 0;
  timed(state, [&](size_t i) {
    nodes += static_cast<double>(isochrones(n, std::span(&net->incidents[i % 200], 1), limit)[0].nodes.size());
  });
  state.counters["nodes"] = nodes / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

void isochrone5_boost(benchmark::State& state, std::string which) {
  NET_OR_SKIP(net, which);
  std::vector<uint64_t> dist(net->graph.node_count());
  timed(state, [&](size_t i) {
    StopVisitor vis;
    vis.dist = dist.data();
    vis.limit = 5 * 60000;
    boost_search(*net->boost_forward, node_of(net->graph, net->incidents[i % 200]), dist, vis);
  });
}

void isochrone5_polygon(benchmark::State& state, std::string which, IsochroneShape shape) {
  NET_OR_SKIP(net, which);
  const Network n{net->graph, net->weights};
  const uint32_t limit[] = {5 * 60000};
  GeosContext geos;
  timed(state, [&](size_t i) {
    const Isochrone iso = isochrones(n, std::span(&net->incidents[i % 200], 1), limit)[0];
    benchmark::DoNotOptimize(isochrone_polygon(geos, net->graph, iso, 30, shape));
  });
}
void isochrone5_hull(benchmark::State& state, std::string which) {
  isochrone5_polygon(state, std::move(which), IsochroneShape::hull);
}
void isochrone5_roads(benchmark::State& state, std::string which) {
  isochrone5_polygon(state, std::move(which), IsochroneShape::road_buffer);
}

void register_all() {
  struct Case {
    const char* name;
    void (*fn)(benchmark::State&, std::string);
    int queries;
  };
  const Case cases[] = {
      {"nearest5of30", nearest5, 1000},        {"nearest5of30_no_geometry", nearest5_eta, 1000},
      {"nearest5of30_dijkstra", nearest5_dijkstra, 1000},
      {"nearest5of30_no_geometry_dijkstra", nearest5_eta_dijkstra, 1000},
      {"nearest5of30_boost", nearest5_boost, 1000},
      {"eta30to1", eta30to1, 1000},
      {"route", route_live, 1000},             {"route_dijkstra", route_ab, 1000},
      {"route_boost", route_ab_boost, 1000},   {"closure_1km2_live", closure_km2_live, 400},
      {"matrix30x1", matrix30x1, 1000},        {"matrix30x1_boost", matrix30x1_boost, 1000},
      {"closure_1km2", closure_km2, 400},      {"isochrone5min", isochrone5, 400},
      {"isochrone5min_boost", isochrone5_boost, 400}, {"isochrone5min_hull", isochrone5_hull, 100},
      {"isochrone5min_road_buffer", isochrone5_roads, 10},
  };
  for (const char* which : {"heidelberg", "city_10000", "city_100000", "city_1000000"}) {
    const bool big = std::string(which) == "city_1000000";
    for (const Case& c : cases) {
      if (c.fn == isochrone5_roads && std::string(which) != "heidelberg") continue;  // ~1 s a query
      const bool live = c.fn == nearest5 || c.fn == nearest5_eta || c.fn == eta30to1 || c.fn == route_live ||
                        c.fn == closure_km2_live || c.fn == nearest5_dijkstra || c.fn == nearest5_eta_dijkstra ||
                        c.fn == route_ab;
      if (live && big) continue;  // the index's growth to 1M nodes is in bench_routing_cch
      const std::string net = which;
      auto* b = benchmark::RegisterBenchmark((net + "/" + c.name).c_str(),
                                             [fn = c.fn, net](benchmark::State& s) { fn(s, net); });
      b->Iterations(big ? std::max(10, c.queries / 10) : c.queries)->Unit(benchmark::kMicrosecond);
    }
  }
}

}  // namespace
}  // namespace erde

int main(int argc, char** argv) {
  erde::register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
