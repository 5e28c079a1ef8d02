#include "graph/ogr_util.hpp"

#include <cpl_error.h>

#include <cmath>
#include <mutex>

#include "util/error.hpp"

namespace erde::ogr {

GDALDatasetUniquePtr open_vector(const std::string& path) {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
  CPLErrorReset();
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!ds) {
    std::string why = CPLGetLastErrorMsg();
    throw Error(path + ": cannot open as a vector source" + (why.empty() ? "" : ": " + why));
  }
  return ds;
}

TransformPtr to_wgs84(OGRLayer& layer, const std::string& source, const std::string& assign_crs) {
  const std::string where = source + " layer '" + layer.GetName() + "'";
  OGRSpatialReference src;
  if (const OGRSpatialReference* own = layer.GetSpatialRef()) {
    src = *own;
  } else if (!assign_crs.empty()) {
    if (src.SetFromUserInput(assign_crs.c_str()) != OGRERR_NONE)
      throw Error(where + ": cannot understand CRS '" + assign_crs + "'");
  } else {
    throw Error(where + ": the layer has no CRS; name one with --crs or \"crs\" in the mapping (e.g. EPSG:4490)");
  }
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  CPLErrorReset();
  TransformPtr t(OGRCreateCoordinateTransformation(&src, &wgs84));
  if (!t) throw Error(where + ": cannot transform its CRS to WGS84: " + CPLGetLastErrorMsg());
  return t;
}

namespace {

class FarPoint : public OGRDefaultConstGeometryVisitor {
 public:
  using OGRDefaultConstGeometryVisitor::visit;
  void visit(const OGRPoint* p) override {
    constexpr double kMax = 1e9;
    if (!(std::abs(p->getX()) <= kMax && std::abs(p->getY()) <= kMax)) found = true;
  }
  bool found = false;
};

}  // namespace

bool transformable(const OGRGeometry& g) {
  FarPoint v;
  g.accept(&v);
  return !v.found;
}

}  // namespace erde::ogr
