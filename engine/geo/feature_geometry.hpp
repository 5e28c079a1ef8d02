#pragma once
// Internal to engine/geo: one feature's geometry, from the layer's geometry column or from
// WKT / lon+lat attribute columns, checked and transformed to WGS84 lon/lat.
#include <ogrsf_frmts.h>

#include "geo/feature_fields.hpp"
#include "geo/geos_context.hpp"
#include "geo/ogr_support.hpp"
#include "geo/source_crs.hpp"

namespace erde {

enum class ShapeRule { polygon, point_or_polygon, point, any };

// A valid, non-empty, 2D WGS84 geometry of a type the rule allows (a single-point MultiPoint
// becomes a Point), or null after recording a problem on field "geometry".
ogr::GeometryPtr read_feature_geometry(OGRFeature& feature, FeatureFields& fields,
                                       const SourceCrs& crs, ShapeRule rule,
                                       const GeosContext& geos);

}  // namespace erde
