// Every answer against the Boost.Graph oracle: random points on a synthetic grid and on the
// shared OSM extracts, for route, matrix, nearest and isochrone reachability.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "oracle.hpp"
#include "query_checks.hpp"
#include "route/isochrone.hpp"
#include "route/matrix.hpp"
#include "route/nearest.hpp"
#include "route/route.hpp"
#include "route_checks.hpp"
#include "test_data.hpp"

namespace erde::test {

// Checks `rounds` batches of random points: each batch has one oracle (all points split in).
void check_queries(const RoadGraph& g, std::span<const uint32_t> w, uint32_t seed, int rounds) {
  std::mt19937 rng(seed);
  const Network net{g, w};
  for (int round = 0; round < rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round) + " seed " + std::to_string(seed));
    const std::vector<RoutePoint> pts = random_points(g, w, 48, rng);
    const Oracle oracle(g, w, pts);

    // route: 4 sources x all targets.
    for (size_t i = 0; i < 4; ++i) {
      const std::vector<uint64_t> t = oracle.times(oracle.vertex(i));
      for (size_t j = 0; j < pts.size(); ++j) {
        const Route r = route(net, pts[i], pts[j]);
        const uint32_t expect = as_ms(t[oracle.vertex(j)]);
        ASSERT_EQ(r.reachable, expect != kUnreachable) << i << "->" << j;
        if (r.reachable) {
          ASSERT_EQ(r.time_ms, expect) << i << "->" << j;
        }
        ASSERT_TRUE(route_consistent(net, pts[i], pts[j], r)) << i << "->" << j;
      }
    }

    // matrix: 6 x 42 (forward searches) and 42 x 2 (reverse searches).
    std::span<const RoutePoint> all(pts);
    for (auto [src, dst] : {std::pair{all.subspan(0, 6), all.subspan(6)}, std::pair{all.subspan(6), all.subspan(0, 2)}}) {
      const TimeMatrix m = matrix(net, src, dst, true);
      const size_t src_at = src.data() - pts.data(), dst_at = dst.data() - pts.data();
      // Oracle searches from the smaller side (reverse searches give times to a target).
      const bool by_row = src.size() <= dst.size();
      for (size_t o = 0; o < (by_row ? src.size() : dst.size()); ++o) {
        const std::vector<uint64_t> t = oracle.times(oracle.vertex(by_row ? src_at + o : dst_at + o), !by_row);
        for (size_t x = 0; x < (by_row ? dst.size() : src.size()); ++x) {
          const size_t r = by_row ? o : x, c = by_row ? x : o;
          ASSERT_EQ(m.time(r, c), as_ms(t[oracle.vertex(by_row ? dst_at + x : src_at + x)])) << "matrix " << r << "," << c;
          ASSERT_EQ(m.distance(r, c) >= 0, m.time(r, c) != kUnreachable);
        }
      }
    }

    // nearest: incident = point 0, resources = the rest; plain, and with a filter.
    const std::vector<uint64_t> to_incident = oracle.times(oracle.vertex(0), true);
    std::span<const RoutePoint> resources = all.subspan(1);
    for (int filtered = 0; filtered < 2; ++filtered) {
      NearestOptions o;
      o.k = 1 + rng() % 8;
      std::vector<uint8_t> mask(resources.size(), 1);
      if (filtered)
        for (auto& m : mask) m = static_cast<uint8_t>(rng() % 2);
      o.mask = mask;
      const std::vector<NearestResource> got = nearest(net, pts[0], resources, o);
      std::vector<uint32_t> expect;
      for (size_t r = 0; r < resources.size(); ++r) {
        const uint32_t eta = as_ms(to_incident[oracle.vertex(r + 1)]);
        if (mask[r] && eta != kUnreachable) expect.push_back(eta);
      }
      std::sort(expect.begin(), expect.end());
      expect.resize(std::min(expect.size(), o.k));
      ASSERT_EQ(got.size(), expect.size());
      for (size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i].eta_ms, expect[i]) << "rank " << i;
        ASSERT_TRUE(mask[got[i].resource]);
        ASSERT_EQ(got[i].eta_ms, as_ms(to_incident[oracle.vertex(got[i].resource + 1)]));
        ASSERT_EQ(got[i].route.time_ms, got[i].eta_ms);
        ASSERT_TRUE(route_consistent(net, resources[got[i].resource], pts[0], got[i].route));
      }
    }

    // isochrone reachability, forward and reverse, from point 1.
    for (Direction dir : {Direction::forward, Direction::reverse}) {
      const std::vector<uint64_t> t = oracle.times(oracle.vertex(1), dir == Direction::reverse);
      const uint32_t limits[] = {30'000u + static_cast<uint32_t>(rng() % 120'000), 240'000u};
      const std::vector<Isochrone> isos = isochrones(net, all.subspan(1, 1), limits, dir);
      for (const Isochrone& iso : isos) {
        std::vector<std::pair<NodeId, uint32_t>> got, expect;
        for (size_t i = 0; i < iso.nodes.size(); ++i) got.push_back({iso.nodes[i], iso.node_ms[i]});
        for (NodeId v = 0; v < g.node_count(); ++v)
          if (t[v] <= iso.limit_ms) expect.push_back({v, static_cast<uint32_t>(t[v])});
        std::sort(got.begin(), got.end());
        ASSERT_EQ(got, expect) << "isochrone " << iso.limit_ms << " ms";
        // Every usable edge out of (into) a reached node is in the pieces as far as the time allows.
        for (const EdgePiece& p : iso.pieces) {
          const NodeId at = dir == Direction::forward ? g.tail[p.edge] : g.head[p.edge];
          ASSERT_LE(p.from, p.to);
          if ((dir == Direction::forward ? p.from : 1.0f - p.to) == 0.0f && t[at] != kOracleInf) {
            ASSERT_LE(t[at], iso.limit_ms);
          }
        }
      }
    }
  }
}

TEST(RouteOracle, SyntheticGrid) {
  const RoadGraph g = grid_graph(40, 40, 7);
  const std::vector<uint32_t> w = edge_weights(g, car_profile());
  check_queries(g, w, 11, scaled(40));
}

TEST(RouteOracle, Monaco) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "monaco.osm.pbf");
  for (size_t p = 0; p < net->weights.size(); ++p) {
    SCOPED_TRACE(net->profile_names[p]);
    check_queries(net->graph, net->weights[p], 21 + static_cast<uint32_t>(p), scaled(30));
  }
}

TEST(RouteOracle, Heidelberg) {
  ERDE_REAL_NETWORK_OR_SKIP(net, "heidelberg.osm.pbf");
  for (size_t p = 0; p < net->weights.size(); ++p) {
    SCOPED_TRACE(net->profile_names[p]);
    check_queries(net->graph, net->weights[p], 31 + static_cast<uint32_t>(p), scaled(15));
  }
}

}  // namespace erde::test
