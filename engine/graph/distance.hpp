#pragma once
// Great-circle distance on the WGS84 mean sphere. Local metric work (snapping, join tolerances,
// areas, zones) goes through the engine's one projection, geo/local_projection.hpp.
#include <algorithm>
#include <cmath>

#include "model/geometry.hpp"

namespace erde {

inline constexpr double kEarthRadiusM = 6371008.8;
inline constexpr double kDegToRad = 0.017453292519943295;

inline double haversine_m(LonLat a, LonLat b) {
  double dlat = (b.lat - a.lat) * kDegToRad;
  double dlon = (b.lon - a.lon) * kDegToRad;
  double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.lat * kDegToRad) * std::cos(b.lat * kDegToRad) * std::sin(dlon / 2) *
                 std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::sqrt(std::min(1.0, s)));
}

// Not a measuring projection: a spherical equirectangular layout plane, 0.1-0.6 % off true
// metres depending on latitude. The demo generator lays the demo district and the synthetic
// city out through it, so geodata/demo stays bit-identical, and tests use it to place points;
// engine code measures with LocalProjection.
// x east, y north, metres on a sphere of radius kEarthRadiusM, true in scale at latitude lat0.
struct LocalPlane {
  double lon0 = 0, lat0 = 0, kx = 0, ky = kEarthRadiusM * kDegToRad;
  LocalPlane() = default;
  LocalPlane(double lon_origin, double lat_origin)
      : lon0(lon_origin), lat0(lat_origin), kx(kEarthRadiusM * kDegToRad * std::cos(lat_origin * kDegToRad)) {}
  double x(double lon) const { return (lon - lon0) * kx; }
  double y(double lat) const { return (lat - lat0) * ky; }
  LonLat unproject(double px, double py) const { return {lon0 + px / kx, lat0 + py / ky}; }
};

}  // namespace erde
