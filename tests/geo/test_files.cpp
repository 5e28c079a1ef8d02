#include "test_files.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace erde::test {

void write_source(const std::filesystem::path& path, const std::string& driver_name,
                  const std::vector<Layer>& layers) {
  GDALAllRegister();
  CPLPushErrorHandler(CPLQuietErrorHandler);  // e.g. Shapefile's field-name laundering notes
  struct Pop {
    ~Pop() { CPLPopErrorHandler(); }
  } pop;
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (!driver) throw std::runtime_error("no GDAL driver " + driver_name);
  GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + path.string());
  for (const Layer& spec : layers) {
    OGRSpatialReference srs;
    if (spec.epsg) {
      srs.importFromEPSG(spec.epsg);
      srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    std::vector<const char*> options;
    for (const auto& o : spec.options) options.push_back(o.c_str());
    options.push_back(nullptr);
    OGRLayer* layer = ds->CreateLayer(spec.name.c_str(), spec.epsg ? &srs : nullptr,
                                      spec.geometry_type, const_cast<char**>(options.data()));
    if (!layer) throw std::runtime_error("cannot create layer " + spec.name);
    for (const Field& f : spec.fields) {
      OGRFieldDefn defn(f.name.c_str(), f.type);
      if (layer->CreateField(&defn) != OGRERR_NONE)
        throw std::runtime_error("cannot create field " + f.name);
    }
    const bool in_transaction = layer->StartTransaction() == OGRERR_NONE;
    for (const Feature& spec_feature : spec.features) {
      OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
      // By position in spec.fields: drivers may rename fields (Shapefile cuts names to 10).
      for (const auto& [name, value] : spec_feature.values) {
        int index = -1;
        for (size_t i = 0; i < spec.fields.size(); ++i)
          if (spec.fields[i].name == name) index = static_cast<int>(i);
        if (index < 0) throw std::runtime_error("test feature sets unknown field " + name);
        if (!value.empty()) f->SetField(index, value.c_str());
      }
      if (spec_feature.geometry) {
        f->SetGeometry(spec_feature.geometry.get());
      } else if (!spec_feature.wkt.empty()) {
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkt(spec_feature.wkt.c_str(), nullptr, &g) !=
            OGRERR_NONE)
          throw std::runtime_error("bad test WKT " + spec_feature.wkt);
        f->SetGeometryDirectly(g);
      }
      if (layer->CreateFeature(f.get()) != OGRERR_NONE)
        throw std::runtime_error("cannot write a feature to " + spec.name);
    }
    if (in_transaction && layer->CommitTransaction() != OGRERR_NONE)
      throw std::runtime_error("cannot commit " + spec.name);
  }
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::pair<double, double> transform_point(int from_epsg, int to_epsg, double x, double y) {
  OGRSpatialReference from, to;
  from.importFromEPSG(from_epsg);
  to.importFromEPSG(to_epsg);
  from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> t(OGRCreateCoordinateTransformation(&from, &to));
  if (!t || !t->Transform(1, &x, &y)) throw std::runtime_error("test transform failed");
  return {x, y};
}

std::string point_in(int epsg, double lon, double lat) {
  auto [x, y] = transform_point(4326, epsg, lon, lat);
  char buf[128];
  std::snprintf(buf, sizeof buf, "POINT (%.10f %.10f)", x, y);
  return buf;
}

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "erde-geo-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  path = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

int run(const std::string& command) { return std::system(command.c_str()); }

}  // namespace erde::test
