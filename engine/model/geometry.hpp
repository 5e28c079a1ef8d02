#pragma once
// Stored geometry: WGS84 longitude/latitude (EPSG:4326, lon first), always.
#include <string>

namespace erde {

struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
  friend bool operator==(const LonLat&, const LonLat&) = default;
};

// A non-point geometry (area boundary, shelter footprint, pipeline) as ISO WKB in WGS84.
// Empty when the feature is only a point.
struct Geometry {
  std::string wkb;
  bool empty() const { return wkb.empty(); }
};

}  // namespace erde
