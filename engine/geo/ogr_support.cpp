#include "geo/ogr_support.hpp"

#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

#include "util/error.hpp"

namespace erde::ogr {

void ensure_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

QuietErrors::QuietErrors() {
  CPLPushErrorHandler(CPLQuietErrorHandler);
  CPLErrorReset();
}
QuietErrors::~QuietErrors() { CPLPopErrorHandler(); }

std::string last_error(std::string_view fallback) {
  const char* msg = CPLGetLastErrorMsg();
  if (msg && *msg) return msg;
  return std::string(fallback);
}

OGRSpatialReference wgs84() {
  OGRSpatialReference srs;
  srs.importFromEPSG(4326);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

TransformPtr make_transform(const OGRSpatialReference& from, const OGRSpatialReference& to) {
  OGRSpatialReference src(from), dst(to);
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  QuietErrors quiet;
  TransformPtr t(OGRCreateCoordinateTransformation(&src, &dst));
  if (!t) throw Error("cannot transform coordinates: " + last_error());
  return t;
}

std::string to_iso_wkb(const OGRGeometry& g) {
  std::string out(g.WkbSize(), '\0');
  g.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(out.data()), wkbVariantIso);
  return out;
}

GeometryPtr from_wkb(std::string_view wkb) {
  OGRGeometry* g = nullptr;
  size_t consumed = 0;
  OGRErr err = OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size(),
                                                 wkbVariantIso, consumed);
  if (err != OGRERR_NONE || !g) throw Error("unreadable WKB geometry");
  return GeometryPtr(g);
}

}  // namespace erde::ogr
