#pragma once
// Invariant checks every built RoadGraph must satisfy, shared by the import tests.
#include <gtest/gtest.h>

#include "graph/distance.hpp"
#include "graph/road_graph.hpp"

namespace erde::test {

inline void expect_consistent(const RoadGraph& g) {
  const uint32_t n = g.node_count(), m = g.edge_count();
  ASSERT_EQ(g.first_out.size(), n + 1u);
  ASSERT_EQ(g.first_in.size(), n + 1u);
  ASSERT_EQ(g.first_out.back(), m);
  ASSERT_EQ(g.first_in.back(), m);
  ASSERT_EQ(m, 2 * g.segment_count());
  std::vector<uint32_t> seen(m, 0);
  for (NodeId v = 0; v < n; ++v) {
    for (EdgeId e = g.first_out[v]; e < g.first_out[v + 1]; ++e) ASSERT_EQ(g.tail[e], v);
    for (uint32_t i = g.first_in[v]; i < g.first_in[v + 1]; ++i) {
      ASSERT_EQ(g.head[g.in_edge[i]], v);
      ++seen[g.in_edge[i]];
    }
  }
  for (EdgeId e = 0; e < m; ++e) ASSERT_EQ(seen[e], 1u) << "edge " << e << " in the reverse CSR";
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    EdgeId along = g.segment_edge[2 * s], against = g.segment_edge[2 * s + 1];
    ASSERT_EQ(g.segment[along], s);
    ASSERT_EQ(g.segment[against], s);
    ASSERT_TRUE(g.forward[along]);
    ASSERT_FALSE(g.forward[against]);
    ASSERT_EQ(g.tail[along], g.head[against]);
    ASSERT_EQ(g.head[along], g.tail[against]);
    // At most one direction is against a one-way.
    ASSERT_FALSE((g.flags[along] & g.flags[against]) & edge_flag::kAgainstOneway);
    uint32_t first = g.shape_first[s], last = g.shape_first[s + 1];
    ASSERT_GE(last - first, 2u);
    ASSERT_EQ((LonLat{g.shape_lon[first], g.shape_lat[first]}), g.node(g.tail[along]));
    ASSERT_EQ((LonLat{g.shape_lon[last - 1], g.shape_lat[last - 1]}), g.node(g.head[along]));
    double len = 0;
    for (uint32_t i = first + 1; i < last; ++i)
      len += haversine_m({g.shape_lon[i - 1], g.shape_lat[i - 1]}, {g.shape_lon[i], g.shape_lat[i]});
    ASSERT_NEAR(g.length_m[along], len, 1e-3 + len * 1e-6);
    ASSERT_EQ(g.length_m[along], g.length_m[against]);
  }
}

}  // namespace erde::test
