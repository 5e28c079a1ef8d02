#pragma once
// One thing wrong with the input, located as precisely as the input allows.
#include <cstdint>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace erde {

struct Problem {
  std::string source;   // file or GDAL dataset name as given
  std::string layer;    // layer name; empty for a problem with the whole source
  std::string feature;  // the feature's id, or "FID <n>" when it has none; empty for a layer
  int64_t fid = -1;     // OGR feature id; -1 when not about one feature
  std::string field;    // erde field name ("geometry" for the shape); empty when not about one
  std::string reason;
  // "shelters.gpkg: layer 'shelters', feature 'S7', field 'capacity': must be ..."
  std::string to_string() const;
};

// Thrown by a strict load. what() is "<n> problem(s) loading ..." on its first line and one
// problem per further line; problems holds them all.
struct LoadError : Error {
  LoadError(const std::string& message, std::vector<Problem> all)
      : Error(message), problems(std::move(all)) {}
  std::vector<Problem> problems;
};

}  // namespace erde
