#pragma once
// Internal to engine/geo: a layer's CRS (found, assigned by a mapping or assumed) and its
// transformation to WGS84 lon/lat.
#include <optional>
#include <string>

#include "geo/ogr_support.hpp"

namespace erde {

struct SourceCrs {
  OGRSpatialReference srs;  // longitude/easting first
  ogr::TransformPtr to_wgs84;
  bool geographic = false;
  std::string label;        // "EPSG:4490 (China Geodetic Coordinate System 2000)"
  bool has_area_of_use = false;
  double west = 0, south = 0, east = 0, north = 0;  // area of use, degrees
};

// Parses "EPSG:4490", WKT or a PROJ string; nullopt when PROJ does not know it.
std::optional<OGRSpatialReference> parse_crs(const std::string& text);
SourceCrs make_source_crs(const OGRSpatialReference& srs);
std::string crs_label(const OGRSpatialReference& srs);

}  // namespace erde
