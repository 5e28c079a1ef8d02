#pragma once
// Test helpers: write vector layers with GDAL in any driver and CRS, in a temporary directory.
#include <ogr_geometry.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <ogr_core.h>

namespace erde::test {

struct Field {
  std::string name;
  OGRFieldType type = OFTString;
};

struct Feature {
  std::vector<std::pair<std::string, std::string>> values;  // set by name; "" leaves unset
  std::string wkt;                                           // empty: no geometry
  std::shared_ptr<OGRGeometry> geometry;                     // used instead of wkt when set
};

struct Layer {
  std::string name;
  int epsg = 4326;  // 0: no CRS
  OGRwkbGeometryType geometry_type = wkbUnknown;
  std::vector<Field> fields;
  std::vector<Feature> features;
  std::vector<std::string> options;  // layer creation options, e.g. "GEOMETRY=AS_WKT"
};

// Writes the layers into a new data source `path` with GDAL driver `driver`.
void write_source(const std::filesystem::path& path, const std::string& driver,
                  const std::vector<Layer>& layers);
void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

// WKT of a point (lon, lat in WGS84) transformed to `epsg`, easting/longitude first.
std::string point_in(int epsg, double lon, double lat);
std::pair<double, double> transform_point(int from_epsg, int to_epsg, double x, double y);

// A temporary directory removed at the end of the test.
struct TempDir {
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path / name; }
  std::filesystem::path path;
};

// Runs a shell command, returning its exit status.
int run(const std::string& command);

}  // namespace erde::test
