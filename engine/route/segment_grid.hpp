#pragma once
// A uniform lon/lat grid over segment bounding boxes: which segments may touch a box.
#include <cstdint>
#include <vector>

#include "graph/road_graph.hpp"

namespace erde {

struct Box {
  double lon_min = 0, lat_min = 0, lon_max = 0, lat_max = 0;
  bool meets(const Box& o) const {
    return lon_min <= o.lon_max && o.lon_min <= lon_max && lat_min <= o.lat_max && o.lat_min <= lat_max;
  }
};

struct SegmentGrid {
  Box extent;
  double cell_lon = 1, cell_lat = 1;
  uint32_t nx = 0, ny = 0;
  std::vector<uint32_t> cell_first;     // CSR: segments of cell c are cell_segment[cell_first[c] ..]
  std::vector<uint32_t> cell_segment;
  std::vector<Box> segment_box;
};

// Cells of about cell_m metres (fewer if the extent would need more than a few million cells).
SegmentGrid build_segment_grid(const RoadGraph& graph, double cell_m = 250.0);

// Segments whose bounding box meets `box`, each once, ascending.
void segments_meeting(const SegmentGrid& grid, const Box& box, std::vector<uint32_t>& out);

}  // namespace erde
