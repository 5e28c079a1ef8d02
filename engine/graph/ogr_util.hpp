#pragma once
// GDAL/OGR helpers shared by the road-layer importer and the no-go polygon reader.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace erde::ogr {

// Opens a vector source read-only; throws erde::Error naming it when GDAL cannot.
GDALDatasetUniquePtr open_vector(const std::string& path);

struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// Transform from the layer's CRS (or `assign_crs` when the layer has none, e.g. "EPSG:4490") to
// WGS84 longitude/latitude; throws erde::Error naming source and layer when there is no CRS.
TransformPtr to_wgs84(OGRLayer& layer, const std::string& source, const std::string& assign_crs = {});

}  // namespace erde::ogr
