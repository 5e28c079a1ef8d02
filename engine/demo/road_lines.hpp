#pragma once
// Roads as OGR line features with the SCHEMA.md `roads` fields, and a writer for them.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/road_graph.hpp"
#include "graph/road_graph_builder.hpp"

class GDALDataset;

namespace erde::demo {

struct RoadLine {
  int64_t id = 0;
  std::vector<LonLat> points;  // WGS84
  RoadClass road_class = RoadClass::residential;
  Oneway oneway = Oneway::no;
  uint8_t maxspeed_kmh = 0;    // 0 = untagged
  std::string name;
  bool tunnel = false;
  bool bridge = false;
  std::string access;          // "", "no", "private", "destination"
};

// One line per graph segment, attributes read back from the edge flags.
std::vector<RoadLine> road_lines(const RoadGraph& graph);

// Adds a `roads` layer in EPSG:<epsg> (coordinates transformed from WGS84).
void write_roads_layer(GDALDataset& dataset, const std::vector<RoadLine>& roads, int epsg,
                       const std::string& description);

// A new single-layer file (driver from the extension: .gpkg .geojson .fgb .shp .csv ...).
void write_roads_file(const std::vector<RoadLine>& roads, const std::filesystem::path& file, int epsg = 4326);

}  // namespace erde::demo
