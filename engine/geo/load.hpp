#pragma once
// Loads the resource layers of geodata/SCHEMA.md from any GDAL/OGR vector source into a
// Dataset in WGS84 lon/lat, checking every feature.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/bbox.hpp"
#include "geo/layer_kind.hpp"
#include "geo/problem.hpp"
#include "model/dataset.hpp"

namespace erde {

struct LoadOptions {
  std::string mapping_file;  // JSON field mapping; empty for none
  std::string assume_crs;    // CRS for layers that have none, e.g. "EPSG:4490"; empty for none
  // Strict (false): any problem fails the load with LoadError listing all of them.
  // Lenient (true): good features load; the rejected ones are listed in result.problems and,
  // when reject_report is set, written there as CSV (source,layer,feature,fid,field,reason).
  bool lenient = false;
  std::string reject_report;
  bool progress = true;  // a progress bar on stderr for loads taking over a second
};

struct LayerSummary {
  std::string source;
  std::string layer;
  std::optional<LayerKind> kind;  // nullopt: not recognised
  std::string crs;                // label of the CRS used; "" for layers without geometry
  std::string crs_origin;         // "layer", "mapping" or "assumed"
  int64_t features = 0;           // read from the source
  int64_t loaded = 0;
  int64_t rejected = 0;
  BBox bbox;                      // WGS84, of the loaded features
};

struct LoadResult {
  Dataset data;
  std::vector<LayerSummary> layers;             // every layer of every source, in order
  std::vector<Problem> problems;                // empty after a strict load
  std::vector<std::string> unrecognised_layers; // "source: layer"
  BBox bbox;                                    // of everything loaded
};

// Strict mode throws LoadError (an erde::Error) when anything is wrong; a bad mapping file or
// --crs value throws erde::Error in both modes.
LoadResult load_sources(const std::vector<std::string>& paths, const LoadOptions& options);

}  // namespace erde
