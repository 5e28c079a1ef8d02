#include "graph/profile.hpp"

#include <algorithm>
#include <cmath>

#include "graph/no_go.hpp"
#include "graph/scc.hpp"

namespace erde {

std::vector<uint32_t> rule_weights(const RoadGraph& g, const Profile& p, ProfileReport* report) {
  ProfileReport r;
  r.profile = p.name;
  const uint32_t m = g.edge_count();
  std::vector<uint32_t> w(m, kUnreachable);

  std::vector<uint8_t> in_no_go = segments_in_areas(g, p.no_go_areas);
  std::vector<int64_t> restricted = p.restricted_road_ids;
  std::sort(restricted.begin(), restricted.end());

  for (EdgeId e = 0; e < m; ++e) {
    const uint8_t f = g.flags[e];
    double speed = p.speed_kmh[static_cast<size_t>(g.road_class[e])];
    if (!(speed > 0)) {
      ++r.class_closed_edges;
      continue;
    }
    if (p.obey_oneway && (f & edge_flag::kAgainstOneway)) {
      ++r.oneway_edges;
      continue;
    }
    if (p.avoid_tunnels && (f & edge_flag::kTunnel)) {
      ++r.tunnel_edges;
      continue;
    }
    if (!p.allow_no_motor && (f & edge_flag::kNoMotorVehicles)) {
      ++r.no_motor_edges;
      continue;
    }
    if (!p.allow_private && (f & edge_flag::kPrivate)) {
      ++r.private_edges;
      continue;
    }
    if (!restricted.empty() &&
        std::binary_search(restricted.begin(), restricted.end(), g.segment_source_id[g.segment[e]])) {
      ++r.restricted_edges;
      continue;
    }
    if (!in_no_go.empty() && in_no_go[g.segment[e]]) {
      ++r.no_go_edges;
      continue;
    }
    if (p.use_maxspeed && g.maxspeed_kmh[e] > 0) speed = std::min(speed, static_cast<double>(g.maxspeed_kmh[e]));
    if (p.max_speed_kmh > 0) speed = std::min(speed, p.max_speed_kmh);
    double ms = std::round(double{g.length_m[e]} * 3600.0 / speed);
    w[e] = static_cast<uint32_t>(std::clamp(ms, 0.0, double{kUnreachable - 1}));
  }

  if (report) *report = std::move(r);
  return w;
}

void keep_largest_component(const RoadGraph& g, std::vector<uint32_t>& w, ProfileReport* report) {
  ProfileReport r;
  const uint32_t m = g.edge_count();
  Components c = strong_components(g, w);
  r.scc_nodes = c.largest_size;
  std::vector<uint8_t> node_had_edge(g.node_count(), 0);
  std::vector<uint8_t> seg_before(g.segment_count(), 0), seg_after(g.segment_count(), 0);
  for (EdgeId e = 0; e < m; ++e) {
    if (w[e] == kUnreachable) continue;
    node_had_edge[g.tail[e]] = node_had_edge[g.head[e]] = 1;
    seg_before[g.segment[e]] = 1;
    if (c.of_node[g.tail[e]] != c.largest || c.of_node[g.head[e]] != c.largest) {
      w[e] = kUnreachable;
      ++r.cut_edges;
    } else {
      ++r.usable_edges;
      seg_after[g.segment[e]] = 1;
    }
  }
  for (NodeId v = 0; v < g.node_count(); ++v)
    if (node_had_edge[v] && c.of_node[v] != c.largest) ++r.cut_nodes;
  for (uint32_t s = 0; s < g.segment_count(); ++s)
    if (seg_before[s] && !seg_after[s]) r.cut_km += g.length_m[g.segment_edge[2 * s]] / 1000.0;
  if (report) {
    report->usable_edges = r.usable_edges;
    report->scc_nodes = r.scc_nodes;
    report->cut_nodes = r.cut_nodes;
    report->cut_edges = r.cut_edges;
    report->cut_km = r.cut_km;
  }
}

std::vector<uint32_t> edge_weights(const RoadGraph& g, const Profile& p, ProfileReport* report) {
  std::vector<uint32_t> w = rule_weights(g, p, report);
  keep_largest_component(g, w, report);
  return w;
}

}  // namespace erde
