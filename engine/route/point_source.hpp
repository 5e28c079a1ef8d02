#pragma once
// Locations given on the command line or in a file: "lon,lat", a list "lon,lat;lon,lat", or any
// OGR point layer (GeoJSON, GeoPackage, Shapefile, CSV with geometry...) in any CRS.
#include <string>
#include <string_view>
#include <vector>

#include "model/geometry.hpp"

namespace erde {

struct NamedPoint {
  std::string name;  // from a "name" or "id" field, else "#<n>" (1-based)
  LonLat where;
};

// "8.69,49.41" -> {8.69, 49.41}; throws erde::Error naming `what` for anything else.
LonLat parse_lon_lat(std::string_view text, std::string_view what);

// An existing file is read through OGR (every layer; non-point features give their centroid);
// otherwise the text must be "lon,lat;lon,lat;...". Throws erde::Error on bad input.
std::vector<NamedPoint> read_points(const std::string& source, std::string_view what);

}  // namespace erde
