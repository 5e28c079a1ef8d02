// The customizable contraction hierarchy against the plain Dijkstra of route/search_space.hpp
// (node to node) and against route() / nearest() / matrix() (points inside edges; both are checked against
// Boost.Graph in oracle_test.cpp): thousands of random pairs on a synthetic grid and on the
// shared Monaco and Heidelberg extracts, before, during and after random closures.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <random>

#include "geo/geos_context.hpp"
#include "graph/distance.hpp"
#include "route/cch.hpp"
#include "route/cch_query.hpp"
#include "route/closures.hpp"
#include "route/matrix.hpp"
#include "route/nearest.hpp"
#include "route/route.hpp"
#include "route/search_space.hpp"
#include "route_checks.hpp"
#include "util/error.hpp"
#include "test_data.hpp"

namespace erde::test {
namespace {

// Times from `from` to every node by the engine's plain Dijkstra.
std::vector<uint32_t> dijkstra_times(const Network& net, NodeId from) {
  SearchSpace space;
  space.start(net.graph.node_count());
  space.push(from, 0, kInvalidId);
  std::vector<uint32_t> t(net.graph.node_count(), kUnreachable);
  run_dijkstra<Direction::forward>(net, space, [&](NodeId u, uint32_t d) {
    t[u] = d;
    return true;
  });
  return t;
}

// Nodes with at least one usable edge (the others are trivially unreachable).
std::vector<NodeId> routable_nodes(const RoadGraph& g, std::span<const uint32_t> w) {
  std::vector<uint8_t> used(g.node_count(), 0);
  for (EdgeId e = 0; e < g.edge_count(); ++e)
    if (w[e] != kUnreachable) used[g.tail[e]] = used[g.head[e]] = 1;
  std::vector<NodeId> out;
  for (NodeId u = 0; u < g.node_count(); ++u)
    if (used[u]) out.push_back(u);
  return out;
}

::testing::AssertionResult path_valid(const Network& net, NodeId from, NodeId to, const CchPath& p) {
  const RoadGraph& g = net.graph;
  if (p.time_ms == kUnreachable) {
    if (!p.edges.empty()) return ::testing::AssertionFailure() << "edges for an unreachable pair";
    return ::testing::AssertionSuccess();
  }
  uint64_t sum = 0;
  NodeId at = from;
  for (EdgeId e : p.edges) {
    if (g.tail[e] != at) return ::testing::AssertionFailure() << "edge " << e << " does not start at node " << at;
    if (net.weights[e] == kUnreachable) return ::testing::AssertionFailure() << "uses closed edge " << e;
    sum += net.weights[e];
    at = g.head[e];
  }
  if (at != to) return ::testing::AssertionFailure() << "path ends at " << at << ", not " << to;
  if (sum != p.time_ms) return ::testing::AssertionFailure() << "edges cost " << sum << " ms, path says " << p.time_ms;
  return ::testing::AssertionSuccess();
}

void expect_same_metric(const CchMetric& a, const CchMetric& b) {
  ASSERT_EQ(a.up, b.up);
  ASSERT_EQ(a.down, b.down);
  ASSERT_EQ(a.up_via, b.up_via);
  ASSERT_EQ(a.down_via, b.down_via);
}

// sources x targets random node pairs: distance equals Dijkstra's; every 4th path is unpacked
// and checked edge by edge.
// Returns how many pairs were unreachable (so that callers can insist some were checked).
size_t check_node_pairs(const CchNetwork& cn, std::span<const NodeId> nodes, std::mt19937& rng, int sources,
                        int targets, double min_reachable_share = 0.5) {
  size_t reachable = 0, total = 0;
  for (int i = 0; i < sources; ++i) {
    const NodeId s = nodes[rng() % nodes.size()];
    const std::vector<uint32_t> expect = dijkstra_times(cn.net, s);
    for (int j = 0; j < targets; ++j) {
      const NodeId t = nodes[rng() % nodes.size()];
      EXPECT_EQ(cch_distance(cn, s, t), expect[t]) << s << " -> " << t;
      if (j % 4 == 0) {
        const CchPath p = cch_path(cn, s, t);
        EXPECT_EQ(p.time_ms, expect[t]) << s << " -> " << t;
        EXPECT_TRUE(path_valid(cn.net, s, t, p)) << s << " -> " << t;
      }
      if (::testing::Test::HasFailure()) return 0;
      reachable += expect[t] != kUnreachable;
      ++total;
    }
  }
  // The pairs must mean something: mostly reachable (unreachable ones are checked too).
  EXPECT_GT(static_cast<double>(reachable), min_reachable_share * static_cast<double>(total));
  return total - reachable;
}

// Random points inside edges: cch_route against route(), cch_nearest (both kinds) against nearest().
void check_points(const CchNetwork& cn, std::mt19937& rng, int rounds) {
  const Network& net = cn.net;
  for (int round = 0; round < rounds; ++round) {
    const std::vector<RoutePoint> pts = random_points(net.graph, net.weights, 32, rng);
    for (size_t i = 0; i < 4; ++i)
      for (size_t j = 0; j < pts.size(); ++j) {
        const Route expect = route(net, pts[i], pts[j]);
        const Route got = cch_route(cn, pts[i], pts[j]);
        ASSERT_EQ(got.reachable, expect.reachable) << i << "->" << j;
        if (!got.reachable) continue;
        ASSERT_EQ(got.time_ms, expect.time_ms) << i << "->" << j;
        ASSERT_TRUE(route_consistent(net, pts[i], pts[j], got)) << i << "->" << j;
      }
    const std::span<const RoutePoint> resources = std::span(pts).subspan(1);
    const CchBuckets prepared = cch_prepare_sources(cn, resources);
    for (size_t target = 0; target < 3; ++target) {
      const TimeMatrix expect = matrix(net, resources, std::span(pts).subspan(target, 1));
      std::vector<uint32_t> got(resources.size());
      cch_times_to(cn, prepared, pts[target], got);
      for (size_t r = 0; r < resources.size(); ++r) ASSERT_EQ(got[r], expect.time(r, 0)) << r << " -> " << target;
    }
    // Matrices both ways round (prepared sources, prepared targets).
    const std::span<const RoutePoint> all(pts);
    for (auto [src, dst] : {std::pair{all.subspan(0, 6), all.subspan(6)}, std::pair{all.subspan(6), all.subspan(0, 2)}}) {
      const TimeMatrix expect = matrix(net, src, dst), got = cch_matrix(cn, src, dst);
      ASSERT_EQ(got.rows, expect.rows);
      ASSERT_EQ(got.cols, expect.cols);
      ASSERT_EQ(got.time_ms, expect.time_ms) << src.size() << "x" << dst.size();
    }
    for (int filtered = 0; filtered < 2; ++filtered) {
      NearestOptions o;
      o.k = 1 + rng() % 8;
      std::vector<uint8_t> mask(resources.size(), 1);
      if (filtered)
        for (auto& m : mask) m = static_cast<uint8_t>(rng() % 2);
      o.mask = mask;
      if (filtered) o.max_eta_ms = 60'000 + static_cast<uint32_t>(rng() % 600'000);
      const std::vector<NearestResource> expect = nearest(net, pts[0], resources, o);
      for (int kind = 0; kind < 2; ++kind) {
        const std::vector<NearestResource> got =
            kind ? cch_nearest(cn, prepared, pts[0], o) : cch_nearest(cn, pts[0], resources, o);
        ASSERT_EQ(got.size(), expect.size()) << "kind " << kind;
        for (size_t r = 0; r < got.size(); ++r) {
          ASSERT_EQ(got[r].resource, expect[r].resource) << "kind " << kind << " rank " << r;
          ASSERT_EQ(got[r].eta_ms, expect[r].eta_ms) << "kind " << kind << " rank " << r;
          ASSERT_EQ(got[r].route.time_ms, got[r].eta_ms);
          ASSERT_TRUE(route_consistent(net, resources[got[r].resource], pts[0], got[r].route));
        }
      }
    }
  }
}

Geometry square(GeosContext& geos, LonLat c, double half_m) {
  const LocalPlane plane(c.lon, c.lat);
  std::string wkt = "POLYGON((";
  const double corners[5][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}};
  for (int i = 0; i < 5; ++i) {
    const LonLat p = plane.unproject(corners[i][0] * half_m, corners[i][1] * half_m);
    char xy[64];
    std::snprintf(xy, sizeof xy, "%s%.7f %.7f", i ? "," : "", p.lon, p.lat);
    wkt += xy;
  }
  wkt += "))";
  return {geos.to_wkb(geos.from_wkt(wkt).get())};
}

// Everything, for one graph and one profile's base weights.
void check_network(const RoadGraph& g, const std::vector<uint32_t>& base, uint32_t seed, int sources, int targets,
                   int point_rounds) {
  std::mt19937 rng(seed);
  const CchIndex index = build_cch(g, base);
  ASSERT_EQ(index.node_count(), g.node_count());
  std::vector<NodeId> sorted(index.node_at_rank);
  std::sort(sorted.begin(), sorted.end());
  for (NodeId u = 0; u < g.node_count(); ++u) ASSERT_EQ(sorted[u], u) << "the order is not a permutation";
  const uint32_t depth = elimination_tree_depth(index);
  ::testing::Test::RecordProperty("elimination_tree_depth", static_cast<int>(depth));
  ::testing::Test::RecordProperty("arcs", static_cast<int>(index.arc_count()));
  std::printf("  cch: %u nodes, %u edges -> %u arcs, %llu triangles, elimination tree depth %u\n", g.node_count(),
              g.edge_count(), index.arc_count(), static_cast<unsigned long long>(index.triangle_count()), depth);

  const std::vector<NodeId> nodes = routable_nodes(g, base);
  const CchMetric metric = customize(index, base);
  size_t unreachable = 0;
  {
    SCOPED_TRACE("base weights");
    const CchNetwork cn{index, metric, {g, base}};
    unreachable += check_node_pairs(cn, nodes, rng, sources, targets);
    check_points(cn, rng, point_rounds);
  }

  // Random closures: squares of 100 to 500 m, single closed edges and slow areas.
  Closures closures(g);
  closures.add_profile("p", base);
  GeosContext geos;
  CchMetric live = metric;
  for (int wave = 0; wave < 3; ++wave) {
    SCOPED_TRACE("closure wave " + std::to_string(wave));
    std::vector<std::string> ids;
    std::vector<EdgeId> touched;
    const std::vector<RoutePoint> at = random_points(g, base, 8, rng);
    for (size_t i = 0; i < at.size(); ++i) {
      const std::string id = "w" + std::to_string(wave) + "-" + std::to_string(i);
      const double half = 50.0 + static_cast<double>(rng() % 200);
      if (i % 4 == 3)
        closures.add(slow_area(id, square(geos, at[i].point, half), 0.2 + 0.1 * static_cast<double>(rng() % 7)));
      else if (i % 4 == 2)
        closures.add(closed_edge(id, g.segment_edge[2 * at[i].segment + rng() % 2]));
      else
        closures.add(closed_area(id, square(geos, at[i].point, half)));
      const std::span<const EdgeId> t = closures.touched_edges(id);
      touched.insert(touched.end(), t.begin(), t.end());
      ids.push_back(id);
    }
    const std::span<const uint32_t> closed = closures.weights(0);
    recustomize(index, closed, touched, live);
    expect_same_metric(live, customize(index, closed));
    const CchNetwork cn{index, live, {g, closed}};
    unreachable += check_node_pairs(cn, nodes, rng, std::max(1, sources / 4), targets, 0.1);
    check_points(cn, rng, std::max(1, point_rounds / 2));
    // Lift half of them again (the next wave adds more on top).
    touched.clear();
    for (size_t i = 0; i < ids.size(); i += 2) {
      const std::span<const EdgeId> t = closures.touched_edges(ids[i]);
      touched.insert(touched.end(), t.begin(), t.end());
      closures.remove(ids[i]);
    }
    recustomize(index, closures.weights(0), touched, live);
    expect_same_metric(live, customize(index, closures.weights(0)));
  }
  // Every barrier gone: exactly the original metric and answers.
  std::vector<EdgeId> touched;
  for (const std::string& id : closures.ids()) {
    const std::span<const EdgeId> t = closures.touched_edges(id);
    touched.insert(touched.end(), t.begin(), t.end());
  }
  closures.clear();
  recustomize(index, closures.weights(0), touched, live);
  expect_same_metric(live, metric);
  SCOPED_TRACE("after lifting every closure");
  const CchNetwork cn{index, live, {g, base}};
  check_node_pairs(cn, nodes, rng, std::max(1, sources / 4), targets);
  // Closures cut places off: unreachable pairs were compared too.
  EXPECT_GT(unreachable, 0u);
}

}  // namespace

TEST(Cch, SyntheticGrid) {
  const RoadGraph g = grid_graph(40, 40, 7);
  check_network(g, edge_weights(g, car_profile()), 5, scaled(40), 100, scaled(10));
}

// Starts on different branches of the elimination tree (not the two ends of one edge): the
// search space is then the union of both paths.
TEST(Cch, WalkFromUnrelatedStarts) {
  const RoadGraph g = grid_graph(30, 30, 9);
  const std::vector<uint32_t> w = edge_weights(g, car_profile());
  const CchIndex index = build_cch(g, w);
  const CchMetric metric = customize(index, w);
  const CchNetwork cn{index, metric, {g, w}};
  const std::vector<NodeId> nodes = routable_nodes(g, w);
  std::mt19937 rng(3);
  CchSearch search;
  for (int i = 0; i < 300; ++i) {
    const NodeId a = nodes[rng() % nodes.size()], b = nodes[rng() % nodes.size()], t = nodes[rng() % nodes.size()];
    const auto ca = static_cast<uint32_t>(rng() % 100'000), cb = static_cast<uint32_t>(rng() % 100'000);
    const std::vector<uint32_t> from_a = dijkstra_times(cn.net, a), from_b = dijkstra_times(cn.net, b);
    uint64_t expect = kUnreachable;
    if (from_a[t] != kUnreachable) expect = std::min<uint64_t>(expect, uint64_t{ca} + from_a[t]);
    if (from_b[t] != kUnreachable) expect = std::min<uint64_t>(expect, uint64_t{cb} + from_b[t]);
    const CchSearch::Start starts[2] = {{index.rank[a], ca}, {index.rank[b], cb}}, target{index.rank[t], 0};
    search.walk(cn, true, starts);
    search.walk(cn, false, std::span(&target, 1));
    ASSERT_TRUE(std::is_sorted(search.path(true).begin(), search.path(true).end()));
    uint64_t got = kUnreachable;
    for (uint32_t x : search.path(true))
      got = std::min<uint64_t>(got, uint64_t{search.dist(true, x)} + search.dist(false, x));
    ASSERT_EQ(got, expect) << a << "," << b << " -> " << t;
  }
}

TEST(Cch, RejectsWeightsOutsideTheIndex) {
  const RoadGraph g = grid_graph(6, 6, 3);
  std::vector<uint32_t> w = edge_weights(g, car_profile());
  std::vector<uint32_t> fewer = w;
  EdgeId dropped = kInvalidId;
  for (EdgeId e = 0; e < g.edge_count() && dropped == kInvalidId; ++e)
    if (w[e] != kUnreachable && g.tail[e] != g.head[e]) dropped = e;
  fewer[dropped] = kUnreachable;
  const CchIndex index = build_cch(g, fewer);
  EXPECT_THROW(customize(index, w), Error);
  EXPECT_THROW(customize(index, std::span(w).first(3)), Error);
}

TEST(Cch, Monaco) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "monaco.osm.pbf");
  for (size_t p = 0; p < net->weights.size(); ++p) {
    SCOPED_TRACE(net->profile_names[p]);
    check_network(net->graph, net->weights[p], 41 + static_cast<uint32_t>(p), scaled(40), 100, scaled(8));
  }
}

TEST(Cch, Heidelberg) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "heidelberg.osm.pbf");
  for (size_t p = 0; p < net->weights.size(); ++p) {
    SCOPED_TRACE(net->profile_names[p]);
    check_network(net->graph, net->weights[p], 51 + static_cast<uint32_t>(p), scaled(40), 100, scaled(6));
  }
}

}  // namespace erde::test
