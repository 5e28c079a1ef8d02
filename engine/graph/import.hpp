#pragma once
// Road network importers: OSM PBF (libosmium) and any OGR line layer with the `roads` schema
// (geodata/SCHEMA.md). open_roads picks one by extension.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "graph/road_graph.hpp"

namespace erde {

// Source field names for the `roads` schema; defaults are the schema's own names.
// An empty name means the source has no such field.
struct RoadFields {
  std::string id = "id";
  std::string highway = "highway";    // class
  std::string oneway = "oneway";      // direction
  std::string maxspeed = "maxspeed";  // speed, km/h
  std::string name = "name";
  std::string tunnel = "tunnel";
  std::string bridge = "bridge";
  std::string access = "access";
};

struct RoadImportOptions {
  std::string layer;               // OGR: layer name; empty = "roads", or the only layer
  std::string crs;                 // OGR: CRS for a layer without one (never overrides)
  RoadFields fields;
  double join_tolerance_m = 0.5;   // OGR: line ends closer than this share a node
};

struct ImportStats {
  std::string source;
  uint64_t features_read = 0;        // OSM ways / OGR features looked at
  uint64_t roads_used = 0;           // of those, imported as roads
  uint64_t skipped_not_road = 0;     // OSM: highway value not a road class (construction, platform...)
  uint64_t skipped_area = 0;         // OSM: area=yes highways (squares)
  uint64_t skipped_degenerate = 0;   // fewer than two distinct nodes
  uint64_t missing_nodes = 0;        // OSM: way refs without a location in the file
  uint64_t maxspeed_unparsed = 0;    // maxspeed values ignored ("walk", "DE:urban", ...)
  uint64_t oneway_unparsed = 0;      // oneway values taken as two-way ("reversible", ...)
  std::vector<std::pair<std::string, uint64_t>> skipped_values;  // highway value -> ways, most first
  double seconds = 0;
};

RoadGraph import_osm_pbf(const std::string& path, ImportStats* stats = nullptr);
RoadGraph import_ogr_roads(const std::string& path, const RoadImportOptions& options = {},
                           ImportStats* stats = nullptr);
// .pbf -> OSM; anything else -> OGR.
RoadGraph open_roads(const std::string& path, const RoadImportOptions& options = {},
                     ImportStats* stats = nullptr);

}  // namespace erde
