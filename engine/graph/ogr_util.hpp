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

// Whether every vertex is finite and within ±1e9 (in the source CRS's unit), i.e. somewhere on
// Earth in some CRS. Check before transforming: GDAL's Web Mercator to WGS84 step wraps
// longitudes 360° at a time, so x = 1e30 in EPSG:3857 never comes back.
bool transformable(const OGRGeometry& g);

}  // namespace erde::ogr
