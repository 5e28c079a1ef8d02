// Internal to engine/demo: building GEOS geometry in the metric frame and turning it into WGS84 WKB.
#pragma once
#include <string>
#include <vector>

#include "demo/frame.hpp"
#include "geo/geos_context.hpp"

namespace erde::demo {

using GeomPtr = GeosContext::GeomPtr;

GeomPtr make_point(const GeosContext& geos, XY p);
GeomPtr make_polygon(const GeosContext& geos, std::vector<XY> ring);  // closes the ring
GeomPtr make_line(const GeosContext& geos, const std::vector<XY>& points);
GeomPtr check(const GeosContext& geos, GEOSGeometry* g, const char* what);  // throws on null
// ISO WKB of the geometry moved from the metric frame to WGS84 lon/lat.
std::string lonlat_wkb(const GeosContext& geos, const GEOSGeometry* metric, const Frame& frame);
XY centroid(const GeosContext& geos, const GEOSGeometry* g);
double area(const GeosContext& geos, const GEOSGeometry* g);

}  // namespace erde::demo
