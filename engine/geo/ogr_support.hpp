#pragma once
// Internal to engine/geo: GDAL/OGR set-up shared by the loader and the projections.
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <memory>
#include <string>
#include <string_view>

namespace erde::ogr {

// Registers GDAL's drivers once, thread-safely.
void ensure_registered();

// While alive, GDAL/OGR messages on this thread are kept instead of printed on stderr.
class QuietErrors {
 public:
  QuietErrors();
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
};
// GDAL's last error message on this thread, or `fallback` when there is none.
std::string last_error(std::string_view fallback = "unknown GDAL error");

struct GeometryDeleter {
  void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};
using GeometryPtr = std::unique_ptr<OGRGeometry, GeometryDeleter>;

struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* t) const {
    OGRCoordinateTransformation::DestroyCT(t);
  }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// WGS84 with longitude first.
OGRSpatialReference wgs84();
// Transform between two CRSs, both read with longitude/easting first. Throws erde::Error.
TransformPtr make_transform(const OGRSpatialReference& from, const OGRSpatialReference& to);

std::string to_iso_wkb(const OGRGeometry& g);
// Throws erde::Error when the bytes are not WKB.
GeometryPtr from_wkb(std::string_view wkb);

}  // namespace erde::ogr
