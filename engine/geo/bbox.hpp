#pragma once
// A WGS84 longitude/latitude bounding box.
#include <limits>

#include "model/geometry.hpp"

namespace erde {

struct BBox {
  double min_lon = std::numeric_limits<double>::infinity();
  double min_lat = std::numeric_limits<double>::infinity();
  double max_lon = -std::numeric_limits<double>::infinity();
  double max_lat = -std::numeric_limits<double>::infinity();

  bool empty() const { return min_lon > max_lon; }
  void extend(LonLat p) {
    if (p.lon < min_lon) min_lon = p.lon;
    if (p.lon > max_lon) max_lon = p.lon;
    if (p.lat < min_lat) min_lat = p.lat;
    if (p.lat > max_lat) max_lat = p.lat;
  }
  void extend(const BBox& b) {
    if (b.empty()) return;
    extend(LonLat{b.min_lon, b.min_lat});
    extend(LonLat{b.max_lon, b.max_lat});
  }
  LonLat centre() const { return {(min_lon + max_lon) / 2, (min_lat + max_lat) / 2}; }
};

}  // namespace erde
