#pragma once
// Small GDAL/OGR helpers for writing vector layers (demo data, planner and plan exports).
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <memory>
#include <string>

namespace erde {

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Replaces `file` with a new, empty vector dataset; the driver follows the extension.
DatasetPtr create_vector_file(const std::filesystem::path& file);

// EPSG CRS with longitude/easting first whatever the authority's axis order.
OGRSpatialReference epsg_srs(int epsg);

// Creates a layer or throws; `options` as NAME=VALUE strings.
OGRLayer& create_layer(GDALDataset& dataset, const std::string& name, const OGRSpatialReference* srs,
                       OGRwkbGeometryType type, const std::string& description);

void add_field(OGRLayer& layer, const char* name, OGRFieldType type);

// Writes the feature or throws naming the layer.
void write_feature(OGRLayer& layer, OGRFeature& feature);

// Sets a GDAL configuration option for its lifetime, restoring the previous value after.
class ScopedConfig {
 public:
  ScopedConfig(const char* key, const char* value);
  ~ScopedConfig();
  ScopedConfig(const ScopedConfig&) = delete;
  ScopedConfig& operator=(const ScopedConfig&) = delete;

 private:
  std::string key_;
  std::string old_;
  bool had_old_;
};

}  // namespace erde
