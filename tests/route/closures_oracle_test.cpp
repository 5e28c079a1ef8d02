// Random closures on real and synthetic networks: effective weights against an independent
// computation (graph/no_go's brute-force polygon test, GEOS line tests), answers against the
// Boost.Graph oracle while closed, and exactly the original answers once every barrier is gone.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <random>

#include "geo/geos_context.hpp"
#include "graph/distance.hpp"
#include "graph/no_go.hpp"
#include "query_checks.hpp"
#include "route/closures.hpp"
#include "route/matrix.hpp"
#include "route/nearest.hpp"
#include "route/route.hpp"
#include "test_data.hpp"

namespace erde::test {
namespace {

// A regular n-gon (or a line through the centre) of radius r metres around c, as WKB.
Geometry shape_around(GeosContext& geos, LonLat c, double r, int corners, bool line, double turn) {
  const LocalPlane plane(c.lon, c.lat);
  std::string wkt = line ? "LINESTRING(" : "POLYGON((";
  const int n = line ? 2 : corners + 1;
  for (int i = 0; i < n; ++i) {
    const double a = turn + (line ? i * M_PI : 2 * M_PI * (i % corners) / corners);
    const LonLat p = plane.unproject(r * std::cos(a), r * std::sin(a));
    char xy[64];
    std::snprintf(xy, sizeof xy, "%s%.7f %.7f", i ? "," : "", p.lon, p.lat);
    wkt += xy;
  }
  wkt += line ? ")" : "))";
  return {geos.to_wkb(geos.from_wkt(wkt).get())};
}

std::vector<uint8_t> segments_crossing(GeosContext& geos, const RoadGraph& g, const Geometry& line) {
  GEOSContextHandle_t h = geos.handle();
  auto cut = geos.from_wkb(line.wkb);
  std::vector<uint8_t> hit(g.segment_count(), 0);
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const uint32_t a = g.shape_first[s], b = g.shape_first[s + 1];
    auto shape = geos.own(GEOSGeom_createLineString_r(
        h, GEOSCoordSeq_copyFromArrays_r(h, &g.shape_lon[a], &g.shape_lat[a], nullptr, nullptr, b - a)));
    hit[s] = GEOSIntersects_r(h, cut.get(), shape.get()) == 1;
  }
  return hit;
}

// Segments a barrier touches, found by brute force (memoised by barrier id).
const std::vector<uint8_t>& barrier_hits(GeosContext& geos, const RoadGraph& g, const Barrier& b,
                                         std::map<std::string, std::vector<uint8_t>>& memo) {
  auto it = memo.find(b.id);
  if (it == memo.end())
    it = memo.emplace(b.id, b.kind == BarrierKind::closed_line ? segments_crossing(geos, g, b.geometry)
                                                               : segments_in_areas(g, {b.geometry})).first;
  return it->second;
}

// Effective weights computed the slow way from the base and the barriers.
std::vector<uint32_t> expected_weights(GeosContext& geos, const RoadGraph& g, const std::vector<uint32_t>& base,
                                       const std::vector<Barrier>& barriers,
                                       std::map<std::string, std::vector<uint8_t>>& memo) {
  std::vector<uint8_t> closed(g.edge_count(), 0);
  std::vector<double> factor(g.edge_count(), 1.0);
  for (const Barrier& b : barriers) {
    if (b.kind == BarrierKind::closed_edge) {
      closed[b.edge] = 1;
      continue;
    }
    const std::vector<uint8_t>& hit = barrier_hits(geos, g, b, memo);
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
      if (!hit[g.segment[e]]) continue;
      if (b.kind == BarrierKind::slow_area)
        factor[e] = std::min(factor[e], b.speed_factor);
      else
        closed[e] = 1;
    }
  }
  std::vector<uint32_t> w = base;
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    if (w[e] == kUnreachable) continue;
    if (closed[e])
      w[e] = kUnreachable;
    else if (factor[e] < 1)
      w[e] = static_cast<uint32_t>(std::ceil(w[e] / factor[e]));
  }
  return w;
}

struct Answers {
  std::vector<uint32_t> times;
  std::vector<std::vector<EdgeId>> edges;
  std::vector<uint32_t> nearest;
  std::vector<uint32_t> matrix;
  bool operator==(const Answers&) const = default;
};

Answers answers(const Network& net, const std::vector<RoutePoint>& pts) {
  Answers a;
  for (size_t i = 0; i < 4; ++i)
    for (size_t j = 0; j < pts.size(); ++j) {
      const Route r = route(net, pts[i], pts[j]);
      a.times.push_back(r.reachable ? r.time_ms : kUnreachable);
      a.edges.push_back(r.edges);
    }
  NearestOptions o;
  o.k = 5;
  for (const NearestResource& n : nearest(net, pts[0], std::span(pts).subspan(1), o)) {
    a.nearest.push_back(n.resource);
    a.nearest.push_back(n.eta_ms);
  }
  a.matrix = matrix(net, std::span(pts).subspan(0, 20), std::span(pts).subspan(0, 3)).time_ms;
  return a;
}

void check_closures(const RoadGraph& g, const std::vector<std::vector<uint32_t>>& bases, uint32_t seed, int rounds) {
  std::mt19937 rng(seed);
  GeosContext geos;
  Closures closures(g);
  for (size_t p = 0; p < bases.size(); ++p) closures.add_profile("p" + std::to_string(p), bases[p]);
  std::vector<std::vector<RoutePoint>> points;
  std::vector<Answers> original;
  for (size_t p = 0; p < bases.size(); ++p) {
    points.push_back(random_points(g, bases[p], 48, rng));
    original.push_back(answers(closures.network(p), points[p]));
  }
  std::vector<Barrier> active;
  std::map<std::string, std::vector<uint8_t>> memo;
  int next_id = 0;
  for (int round = 0; round < rounds; ++round) {
    SCOPED_TRACE("closure round " + std::to_string(round));
    for (int add = 1 + static_cast<int>(rng() % 3); add > 0; --add) {
      const LonLat c = g.node(static_cast<NodeId>(rng() % g.node_count()));
      const double r = 50.0 + static_cast<double>(rng() % 550);
      const double turn = static_cast<double>(rng() % 360) * kDegToRad;
      std::string id = "b";
      id += std::to_string(next_id++);
      Barrier b;
      switch (rng() % 4) {
        case 0: b = closed_area(id, shape_around(geos, c, r, 6, false, turn)); break;
        case 1: b = closed_line(id, shape_around(geos, c, r / 3, 0, true, turn)); break;
        case 2: b = closed_edge(id, static_cast<EdgeId>(rng() % g.edge_count())); break;
        default: b = slow_area(id, shape_around(geos, c, r, 5, false, turn), 0.1 + 0.1 * static_cast<double>(rng() % 9));
      }
      closures.add(b);
      active.push_back(b);
    }
    if (active.size() > 3) {  // drop one at random
      const size_t gone = rng() % active.size();
      ASSERT_TRUE(closures.remove(active[gone].id));
      active.erase(active.begin() + static_cast<std::ptrdiff_t>(gone));
    }
    for (size_t p = 0; p < bases.size(); ++p) {
      const std::vector<uint32_t> expect = expected_weights(geos, g, bases[p], active, memo);
      ASSERT_TRUE(std::equal(expect.begin(), expect.end(), closures.weights(p).begin())) << "profile " << p;
      check_queries(g, closures.weights(p), seed + static_cast<uint32_t>(round), 1);
    }
  }
  std::shuffle(active.begin(), active.end(), rng);
  for (const Barrier& b : active) ASSERT_TRUE(closures.remove(b.id));
  EXPECT_EQ(closures.size(), 0u);
  for (size_t p = 0; p < bases.size(); ++p) {
    ASSERT_TRUE(std::equal(bases[p].begin(), bases[p].end(), closures.weights(p).begin()));
    EXPECT_TRUE(answers(closures.network(p), points[p]) == original[p]) << "answers changed after removal";
  }
}

TEST(ClosuresOracle, SyntheticGrid) {
  const RoadGraph g = grid_graph(30, 30, 5);
  check_closures(g, {edge_weights(g, car_profile())}, 41, scaled(20));
}

TEST(ClosuresOracle, Monaco) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "monaco.osm.pbf");
  check_closures(net->graph, net->weights, 51, scaled(12));
}

TEST(ClosuresOracle, Heidelberg) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "heidelberg.osm.pbf");
  check_closures(net->graph, net->weights, 61, scaled(6));
}

// A 1 km² flooded square in the middle of the Heidelberg network: add and remove stay fast
// (the benchmark has the exact figures; this only catches a lost spatial index).
TEST(ClosuresOracle, SquareKilometreIsQuick) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "heidelberg.osm.pbf");
  Closures closures(net->graph);
  closures.add_profile("fire_engine", net->weights[0]);
  GeosContext geos;
  const LonLat centre{8.6934, 49.4093};  // Heidelberg Bismarckplatz
  const Geometry square = shape_around(geos, centre, 500 * std::sqrt(2.0), 4, false, M_PI / 4);
  const auto t0 = std::chrono::steady_clock::now();
  const size_t edges = closures.add(closed_area("flood", square));
  closures.remove("flood");
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GT(edges, 100u);
  if (kQueryScale == 1.0) {
    EXPECT_LT(ms, 100.0) << edges << " edges";
  }
}

}  // namespace
}  // namespace erde::test
