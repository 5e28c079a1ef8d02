#pragma once
// A bureau's own layer and attribute names, read from a JSON mapping file (geodata/SCHEMA.md).
#include <map>
#include <string>

#include "geo/layer_kind.hpp"

namespace erde {

struct LayerMapping {
  std::string layer;                          // source layer (or single-layer file) name
  std::string crs;                            // assigned when the source has none
  std::map<std::string, std::string> fields;  // erde field -> source field
};

struct Mapping {
  std::map<LayerKind, LayerMapping> layers;
  const LayerMapping* find(LayerKind kind) const;
};

// Reads and checks a mapping file; unknown kinds or erde field names are errors naming the file.
Mapping read_mapping(const std::string& path);
Mapping parse_mapping(const std::string& json_text, const std::string& origin);

}  // namespace erde
