#pragma once
// Reads the generated GeoPackage back with plain OGR (independent of the generator's structs).
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace erde::demo_test {

struct Feature {
  std::map<std::string, std::string> fields;  // unset fields are absent
  std::string wkb;                            // ISO WKB in EPSG:4326 (lon, lat)
  const std::string& at(const std::string& name) const {
    static const std::string empty;
    auto it = fields.find(name);
    return it == fields.end() ? empty : it->second;
  }
};

struct Layer {
  int epsg = 0;  // 0 for none
  std::vector<Feature> features;
};

// Every layer by name, geometries transformed to WGS84.
std::map<std::string, Layer> read_all(const std::filesystem::path& file);
// All fields and geometries in source order, raw (no transformation), as one text.
std::string dump(const std::filesystem::path& file);

}  // namespace erde::demo_test
