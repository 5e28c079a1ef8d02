#pragma once
// A local metric CRS for distance and area work: azimuthal equidistant on the WGS84 ellipsoid,
// centred on the data. Distances from the centre are exact; elsewhere scale errors grow as
// (d/R)^2/6: 1e-6 at 36 km, 1e-4 at 360 km from the centre, so one projection serves a
// district or a city.
// Not thread-safe: give each thread its own copy (copying is cheap enough for that, ~0.1 ms).
#include <memory>
#include <string>
#include <string_view>

#include "model/geometry.hpp"

namespace erde {

struct XY {
  double x = 0.0;  // metres east of the centre
  double y = 0.0;  // metres north of the centre
};

class LocalProjection {
 public:
  explicit LocalProjection(LonLat centre);
  LocalProjection(const LocalProjection& other);
  LocalProjection& operator=(const LocalProjection& other);
  LocalProjection(LocalProjection&&) noexcept;
  LocalProjection& operator=(LocalProjection&&) noexcept;
  ~LocalProjection();

  LonLat centre() const { return centre_; }
  std::string proj_definition() const;  // "+proj=aeqd +lat_0=... +lon_0=... ..."

  // Throw erde::Error when the point cannot be transformed.
  XY forward(LonLat p) const;
  LonLat inverse(XY p) const;
  // Whole geometries as ISO WKB: WGS84 lon/lat -> local metres and back.
  std::string forward_wkb(std::string_view wgs84_wkb) const;
  std::string inverse_wkb(std::string_view local_wkb) const;

 private:
  struct Impl;
  static std::unique_ptr<Impl> make_impl(LonLat centre);
  LonLat centre_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace erde
