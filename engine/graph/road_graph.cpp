#include "graph/road_graph.hpp"

#include <algorithm>

namespace erde {

std::vector<LonLat> RoadGraph::edge_shape(EdgeId e) const {
  uint32_t s = segment[e];
  std::vector<LonLat> out;
  out.reserve(shape_first[s + 1] - shape_first[s]);
  for (uint32_t i = shape_first[s]; i < shape_first[s + 1]; ++i) out.push_back({shape_lon[i], shape_lat[i]});
  if (!forward[e]) std::reverse(out.begin(), out.end());
  return out;
}

namespace {
template <typename T>
size_t bytes(const std::vector<T>& v) { return v.capacity() * sizeof(T); }
}  // namespace

size_t RoadGraph::memory_bytes() const {
  size_t total = sizeof(RoadGraph);
  total += bytes(node_lon) + bytes(node_lat) + bytes(first_out) + bytes(head) + bytes(tail);
  total += bytes(length_m) + bytes(road_class) + bytes(flags) + bytes(maxspeed_kmh) + bytes(segment) +
           bytes(forward);
  total += bytes(first_in) + bytes(in_edge);
  total += bytes(shape_first) + bytes(shape_lon) + bytes(shape_lat);
  total += segment_name.memory_bytes() + bytes(segment_source_id) + bytes(segment_edge);
  return total;
}

size_t NameTable::memory_bytes() const {
  size_t total = bytes(names) + bytes(index);
  const std::string empty;
  for (const std::string& name : names)
    if (name.capacity() > empty.capacity()) total += name.capacity() + 1;  // beyond the inline buffer
  return total;
}

}  // namespace erde
