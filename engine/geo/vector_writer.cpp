#include "geo/vector_writer.hpp"

#include <cpl_conv.h>

#include <map>
#include <system_error>

#include "util/error.hpp"
#include "util/text.hpp"

namespace erde {

DatasetPtr create_vector_file(const std::filesystem::path& file) {
  GDALAllRegister();
  static const std::map<std::string, const char*> drivers{
      {".gpkg", "GPKG"},       {".geojson", "GeoJSON"}, {".json", "GeoJSON"},
      {".fgb", "FlatGeobuf"},  {".shp", "ESRI Shapefile"}, {".csv", "CSV"},
      {".gml", "GML"},         {".kml", "KML"},         {".sqlite", "SQLite"}};
  const std::string ext = to_lower_ascii(file.extension().string());
  auto it = drivers.find(ext);
  if (it == drivers.end())
    throw Error(file.string() + ": unknown vector format '" + ext +
                "' (use .gpkg, .geojson, .fgb, .shp or .csv)");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(it->second);
  if (!driver) throw Error(file.string() + ": GDAL has no " + it->second + " driver");
  std::error_code ec;
  std::filesystem::remove(file, ec);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  GDALDataset* ds = driver->Create(file.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) throw Error(file.string() + ": cannot create: " + CPLGetLastErrorMsg());
  return DatasetPtr(ds);
}

OGRSpatialReference epsg_srs(int epsg) {
  OGRSpatialReference srs;
  if (srs.importFromEPSG(epsg) != OGRERR_NONE) throw Error("unknown CRS EPSG:" + std::to_string(epsg));
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

OGRLayer& create_layer(GDALDataset& dataset, const std::string& name, const OGRSpatialReference* srs,
                       OGRwkbGeometryType type, const std::string& description) {
  CPLStringList options;
  if (std::string(dataset.GetDriverName()) == "GPKG") {
    options.SetNameValue("DESCRIPTION", description.c_str());
    options.SetNameValue("FID", "fid");
    options.SetNameValue("GEOMETRY_NAME", "geom");
  }
  OGRLayer* layer = dataset.CreateLayer(name.c_str(), const_cast<OGRSpatialReference*>(srs), type, options.List());
  if (!layer) throw Error("cannot create layer " + name + ": " + CPLGetLastErrorMsg());
  return *layer;
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type) {
  OGRFieldDefn field(name, type);
  if (layer.CreateField(&field) != OGRERR_NONE)
    throw Error(std::string("cannot create field ") + name + " in layer " + layer.GetName());
}

void write_feature(OGRLayer& layer, OGRFeature& feature) {
  if (layer.CreateFeature(&feature) != OGRERR_NONE)
    throw Error(std::string("cannot write a feature to layer ") + layer.GetName() + ": " +
                CPLGetLastErrorMsg());
}

ScopedConfig::ScopedConfig(const char* key, const char* value) : key_(key) {
  const char* old = CPLGetThreadLocalConfigOption(key, nullptr);
  had_old_ = old != nullptr;
  if (old) old_ = old;
  CPLSetThreadLocalConfigOption(key, value);
}

ScopedConfig::~ScopedConfig() { CPLSetThreadLocalConfigOption(key_.c_str(), had_old_ ? old_.c_str() : nullptr); }

}  // namespace erde
