#pragma once
// Collects segments from any source (OSM, an OGR line layer, a generator) and builds the CSR
// RoadGraph. Nodes are added first; a segment joins two nodes along a polyline.
#include <string>
#include <vector>

#include "graph/road_graph.hpp"

namespace erde {

enum class Oneway : uint8_t { no, forward, backward };

struct SegmentSpec {
  NodeId from = 0;
  NodeId to = 0;
  std::vector<LonLat> shape;   // from `from` to `to`, endpoints included
  RoadClass road_class = RoadClass::residential;
  Oneway oneway = Oneway::no;
  uint8_t flags = 0;           // edge_flag bits other than kAgainstOneway
  uint8_t maxspeed_kmh = 0;
  std::string name;
  int64_t source_id = 0;
};

class RoadGraphBuilder {
 public:
  NodeId add_node(LonLat where);
  void add_segment(SegmentSpec segment);
  // Builds the CSR arrays; lengths come from the shapes (haversine).
  RoadGraph build() &&;

 private:
  std::vector<LonLat> nodes_;
  std::vector<SegmentSpec> segments_;
};

}  // namespace erde
