#include "graph/road_graph_builder.hpp"

#include <cmath>
#include <unordered_map>

#include "graph/distance.hpp"
#include "util/error.hpp"

namespace erde {

NodeId RoadGraphBuilder::add_node(LonLat where) {
  if (!std::isfinite(where.lon) || !std::isfinite(where.lat) || std::abs(where.lon) > 180 ||
      std::abs(where.lat) > 90)
    throw Error("road graph: node coordinate out of range (" + std::to_string(where.lon) + ", " +
                std::to_string(where.lat) + ")");
  nodes_.push_back(where);
  return static_cast<NodeId>(nodes_.size() - 1);
}

void RoadGraphBuilder::add_segment(SegmentSpec s) {
  const auto n = static_cast<NodeId>(nodes_.size());
  if (s.from >= n || s.to >= n)
    throw Error("road graph: segment " + std::to_string(s.source_id) + " refers to node " +
                std::to_string(std::max(s.from, s.to)) + " but only " + std::to_string(n) +
                " nodes were added");
  if (s.shape.size() < 2) {
    s.shape = {nodes_[s.from], nodes_[s.to]};
  } else {
    constexpr double kTolDeg = 1e-7;
    auto near = [](LonLat a, LonLat b) {
      return std::abs(a.lon - b.lon) <= kTolDeg && std::abs(a.lat - b.lat) <= kTolDeg;
    };
    if (!near(s.shape.front(), nodes_[s.from]) || !near(s.shape.back(), nodes_[s.to]))
      throw Error("road graph: segment " + std::to_string(s.source_id) +
                  ": shape does not start at its `from` node and end at its `to` node");
    s.shape.front() = nodes_[s.from];
    s.shape.back() = nodes_[s.to];
  }
  s.flags = static_cast<uint8_t>(s.flags & ~edge_flag::kAgainstOneway);
  segments_.push_back(std::move(s));
}

RoadGraph RoadGraphBuilder::build() && {
  RoadGraph g;
  const auto node_count = static_cast<uint32_t>(nodes_.size());
  const auto seg_count = static_cast<uint32_t>(segments_.size());
  if (uint64_t{seg_count} * 2 >= kInvalidId) throw Error("road graph: too many segments");
  const uint32_t edge_count = seg_count * 2;

  g.node_lon.resize(node_count);
  g.node_lat.resize(node_count);
  for (uint32_t v = 0; v < node_count; ++v) {
    g.node_lon[v] = nodes_[v].lon;
    g.node_lat[v] = nodes_[v].lat;
  }

  // Shapes and per-segment data.
  size_t point_count = 0;
  for (const SegmentSpec& s : segments_) point_count += s.shape.size();
  g.shape_first.resize(seg_count + 1);
  g.shape_lon.reserve(point_count);
  g.shape_lat.reserve(point_count);
  g.segment_name.index.resize(seg_count);
  std::unordered_map<std::string, uint32_t> name_index{{std::string(), 0}};
  g.segment_source_id.resize(seg_count);
  std::vector<float> seg_length(seg_count);
  for (uint32_t s = 0; s < seg_count; ++s) {
    SegmentSpec& spec = segments_[s];
    g.shape_first[s] = static_cast<uint32_t>(g.shape_lon.size());
    double len = 0;
    for (size_t i = 0; i < spec.shape.size(); ++i) {
      g.shape_lon.push_back(spec.shape[i].lon);
      g.shape_lat.push_back(spec.shape[i].lat);
      if (i > 0) len += haversine_m(spec.shape[i - 1], spec.shape[i]);
    }
    seg_length[s] = static_cast<float>(len);
    auto [found, added] = name_index.try_emplace(spec.name, static_cast<uint32_t>(g.segment_name.names.size()));
    if (added) g.segment_name.names.push_back(std::move(spec.name));
    g.segment_name.index[s] = found->second;
    g.segment_source_id[s] = spec.source_id;
    spec.shape = {};
  }
  g.shape_first[seg_count] = static_cast<uint32_t>(g.shape_lon.size());
  g.segment_name.names.shrink_to_fit();

  // Forward CSR by counting sort on tail; edge 2s+0 runs along segment s, 2s+1 against it.
  g.first_out.assign(node_count + 1, 0);
  for (const SegmentSpec& s : segments_) {
    ++g.first_out[s.from + 1];
    ++g.first_out[s.to + 1];
  }
  for (uint32_t v = 0; v < node_count; ++v) g.first_out[v + 1] += g.first_out[v];
  std::vector<EdgeId> next(g.first_out.begin(), g.first_out.end() - 1);
  g.head.resize(edge_count);
  g.tail.resize(edge_count);
  g.length_m.resize(edge_count);
  g.road_class.resize(edge_count);
  g.flags.resize(edge_count);
  g.maxspeed_kmh.resize(edge_count);
  g.segment.resize(edge_count);
  g.forward.resize(edge_count);
  g.segment_edge.resize(edge_count);
  for (uint32_t s = 0; s < seg_count; ++s) {
    const SegmentSpec& spec = segments_[s];
    for (int along = 1; along >= 0; --along) {
      NodeId from = along ? spec.from : spec.to;
      NodeId to = along ? spec.to : spec.from;
      EdgeId e = next[from]++;
      g.tail[e] = from;
      g.head[e] = to;
      g.length_m[e] = seg_length[s];
      g.road_class[e] = spec.road_class;
      bool against = (along && spec.oneway == Oneway::backward) || (!along && spec.oneway == Oneway::forward);
      g.flags[e] = static_cast<uint8_t>(spec.flags | (against ? edge_flag::kAgainstOneway : 0));
      g.maxspeed_kmh[e] = spec.maxspeed_kmh;
      g.segment[e] = s;
      g.forward[e] = static_cast<uint8_t>(along);
      g.segment_edge[2 * s + (along ? 0 : 1)] = e;
    }
  }

  // Reverse CSR by counting sort on head.
  g.first_in.assign(node_count + 1, 0);
  for (EdgeId e = 0; e < edge_count; ++e) ++g.first_in[g.head[e] + 1];
  for (uint32_t v = 0; v < node_count; ++v) g.first_in[v + 1] += g.first_in[v];
  next.assign(g.first_in.begin(), g.first_in.end() - 1);
  g.in_edge.resize(edge_count);
  for (EdgeId e = 0; e < edge_count; ++e) g.in_edge[next[g.head[e]]++] = e;

  nodes_.clear();
  segments_.clear();
  return g;
}

}  // namespace erde
