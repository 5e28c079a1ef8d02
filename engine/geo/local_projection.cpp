#include "geo/local_projection.hpp"

#include <cmath>
#include <cstdio>

#include "geo/ogr_support.hpp"
#include "util/error.hpp"

namespace erde {

struct LocalProjection::Impl {
  std::string definition;
  ogr::TransformPtr to_local;
  ogr::TransformPtr to_wgs84;
};

std::unique_ptr<LocalProjection::Impl> LocalProjection::make_impl(LonLat c) {
  if (!std::isfinite(c.lon) || !std::isfinite(c.lat) || std::abs(c.lon) > 180.0 ||
      std::abs(c.lat) > 90.0)
    throw Error("local projection: centre (" + std::to_string(c.lon) + ", " +
                std::to_string(c.lat) + ") is not a WGS84 longitude/latitude");
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "+proj=aeqd +lat_0=%.12f +lon_0=%.12f +x_0=0 +y_0=0 +datum=WGS84 +units=m "
                "+no_defs",
                c.lat, c.lon);
  ogr::ensure_registered();
  OGRSpatialReference local;
  if (local.importFromProj4(buf) != OGRERR_NONE)
    throw Error(std::string("local projection: PROJ rejects '") + buf + "'");
  auto impl = std::make_unique<LocalProjection::Impl>();
  impl->definition = buf;
  OGRSpatialReference geo = ogr::wgs84();
  impl->to_local = ogr::make_transform(geo, local);
  impl->to_wgs84 = ogr::make_transform(local, geo);
  return impl;
}

namespace {

std::string transform_wkb(std::string_view wkb, OGRCoordinateTransformation& t,
                          const char* what) {
  ogr::GeometryPtr g = ogr::from_wkb(wkb);
  ogr::QuietErrors quiet;
  if (g->transform(&t) != OGRERR_NONE)
    throw Error(std::string("local projection: cannot transform geometry ") + what + ": " +
                ogr::last_error("coordinates out of range"));
  return ogr::to_iso_wkb(*g);
}

}  // namespace

LocalProjection::LocalProjection(LonLat centre) : centre_(centre), impl_(make_impl(centre)) {}
LocalProjection::LocalProjection(const LocalProjection& other)
    : centre_(other.centre_), impl_(make_impl(other.centre_)) {}
LocalProjection& LocalProjection::operator=(const LocalProjection& other) {
  if (this != &other) {
    impl_ = make_impl(other.centre_);
    centre_ = other.centre_;
  }
  return *this;
}
LocalProjection::LocalProjection(LocalProjection&&) noexcept = default;
LocalProjection& LocalProjection::operator=(LocalProjection&&) noexcept = default;
LocalProjection::~LocalProjection() = default;

std::string LocalProjection::proj_definition() const { return impl_->definition; }

XY LocalProjection::forward(LonLat p) const {
  double x = p.lon, y = p.lat;
  int ok = 0;
  if (!impl_->to_local->Transform(1, &x, &y, nullptr, &ok) || !ok ||
      !std::isfinite(x) || !std::isfinite(y))
    throw Error("local projection: cannot project (" + std::to_string(p.lon) + ", " +
                std::to_string(p.lat) + ")");
  return {x, y};
}

LonLat LocalProjection::inverse(XY p) const {
  double x = p.x, y = p.y;
  int ok = 0;
  if (!impl_->to_wgs84->Transform(1, &x, &y, nullptr, &ok) || !ok ||
      !std::isfinite(x) || !std::isfinite(y))
    throw Error("local projection: cannot unproject (" + std::to_string(p.x) + ", " +
                std::to_string(p.y) + ")");
  return {x, y};
}

std::string LocalProjection::forward_wkb(std::string_view wgs84_wkb) const {
  return transform_wkb(wgs84_wkb, *impl_->to_local, "to local metres");
}

std::string LocalProjection::inverse_wkb(std::string_view local_wkb) const {
  return transform_wkb(local_wkb, *impl_->to_wgs84, "to WGS84");
}

}  // namespace erde
