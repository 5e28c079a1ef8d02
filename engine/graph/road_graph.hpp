#pragma once
// The road network as flat arrays (RoutingKit style): nodes are intersections and dead ends,
// edges are directed road segments between them. Forward CSR for out-edges, reverse CSR for
// in-edges (listing forward edge ids), and one shared polyline per segment for output.
//
// Both travel directions of a two-way segment are two edges sharing one shape. A segment that
// is one-way for vehicles still gets the opposite edge with flag kAgainstOneway, so walking can
// use it; vehicle profiles give that edge no weight (kUnreachable).
#include <cstdint>
#include <string>
#include <vector>

#include "graph/road_class.hpp"
#include "model/geometry.hpp"

namespace erde {

using NodeId = uint32_t;
using EdgeId = uint32_t;
inline constexpr uint32_t kInvalidId = UINT32_MAX;

namespace edge_flag {
inline constexpr uint8_t kTunnel = 1;
inline constexpr uint8_t kBridge = 2;
inline constexpr uint8_t kRoundabout = 4;
inline constexpr uint8_t kAgainstOneway = 8;    // opposite direction of a one-way segment
inline constexpr uint8_t kNoMotorVehicles = 16; // access=no / motor_vehicle=no
inline constexpr uint8_t kPrivate = 32;         // access=private / destination-only
}  // namespace edge_flag

// Street names stored once each: segment s is called names[index[s]]; names[0] is "" (no name).
struct NameTable {
  std::vector<std::string> names{std::string()};
  std::vector<uint32_t> index;
  const std::string& operator[](size_t segment) const { return names[index[segment]]; }
  size_t size() const { return index.size(); }
  size_t memory_bytes() const;
};

struct RoadGraph {
  // Nodes. Coordinates in WGS84 degrees.
  std::vector<double> node_lon;
  std::vector<double> node_lat;

  // Forward CSR: out-edges of u are first_out[u] .. first_out[u+1]-1; edge e goes tail[e] -> head[e].
  std::vector<EdgeId> first_out;  // size node_count()+1
  std::vector<NodeId> head;
  std::vector<NodeId> tail;

  // Per-edge attributes.
  std::vector<float> length_m;
  std::vector<RoadClass> road_class;
  std::vector<uint8_t> flags;          // edge_flag bits
  std::vector<uint8_t> maxspeed_kmh;   // 0 = not tagged
  std::vector<uint32_t> segment;       // which segment (shape) the edge runs along
  std::vector<uint8_t> forward;        // 1 if the edge runs along its segment's shape order

  // Reverse CSR: in-edges of v are in_edge[first_in[v] .. first_in[v+1]-1] (forward edge ids).
  std::vector<uint32_t> first_in;      // size node_count()+1
  std::vector<EdgeId> in_edge;

  // Segment shapes, from tail node to head node of the segment's forward edge, endpoints included.
  // Points of segment s are shape_lon/lat[shape_first[s] .. shape_first[s+1]-1].
  std::vector<uint32_t> shape_first;   // size segment_count()+1
  std::vector<double> shape_lon;
  std::vector<double> shape_lat;
  NameTable segment_name;                    // street name, may be empty
  std::vector<int64_t> segment_source_id;    // OSM way id or source feature id
  // Every segment has exactly two edges: segment_edge[2s] runs along the shape (forward == 1),
  // segment_edge[2s+1] against it.
  std::vector<EdgeId> segment_edge;

  uint32_t node_count() const { return static_cast<uint32_t>(node_lon.size()); }
  uint32_t edge_count() const { return static_cast<uint32_t>(head.size()); }
  uint32_t segment_count() const { return static_cast<uint32_t>(shape_first.empty() ? 0 : shape_first.size() - 1); }
  LonLat node(NodeId n) const { return {node_lon[n], node_lat[n]}; }
  // The polyline of edge e in its travel direction.
  std::vector<LonLat> edge_shape(EdgeId e) const;
  // Heap and inline bytes of every array, shapes and names included.
  size_t memory_bytes() const;
};

}  // namespace erde
