#include "geo/wkb_bounds.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace erde {
namespace {

constexpr int kMaxDepth = 32;  // collections nested deeper than this are not read

struct Reader {
  std::string_view wkb;
  size_t at = 0;

  bool take(void* out, size_t n) {
    if (wkb.size() - at < n) return false;
    std::memcpy(out, wkb.data() + at, n);
    at += n;
    return true;
  }
  bool u32(bool little, uint32_t& v) {
    if (!take(&v, sizeof v)) return false;
    if (little != (std::endian::native == std::endian::little)) v = __builtin_bswap32(v);
    return true;
  }
  bool f64(bool little, double& v) {
    uint64_t bits;
    if (!take(&bits, sizeof bits)) return false;
    if (little != (std::endian::native == std::endian::little)) bits = __builtin_bswap64(bits);
    std::memcpy(&v, &bits, sizeof v);
    return true;
  }
};

bool points(Reader& r, bool little, uint32_t count, int dims, BBox& box) {
  // A count larger than the bytes left is a corrupt header, not a reason to loop for long.
  if (count > (r.wkb.size() - r.at) / (8u * static_cast<unsigned>(dims))) return false;
  for (uint32_t k = 0; k < count; ++k) {
    double xyzm[4];
    for (int d = 0; d < dims; ++d)
      if (!r.f64(little, xyzm[d])) return false;
    if (!std::isnan(xyzm[0]) && !std::isnan(xyzm[1])) box.extend(LonLat{xyzm[0], xyzm[1]});  // NaN: POINT EMPTY
  }
  return true;
}

bool geometry(Reader& r, BBox& box, int depth) {
  if (depth > kMaxDepth) return false;
  uint8_t order;
  if (!r.take(&order, 1) || order > 1) return false;
  const bool little = order == 1;
  uint32_t type;
  if (!r.u32(little, type)) return false;
  int dims = 2;
  if (type & 0x80000000u) ++dims;  // extended WKB flags: Z, M, SRID
  if (type & 0x40000000u) ++dims;
  if (type & 0x20000000u) {
    uint32_t srid;
    if (!r.u32(little, srid)) return false;
  }
  type &= 0x0fffffffu;
  switch (type / 1000) {  // ISO: 1000 Z, 2000 M, 3000 ZM
    case 0: break;
    case 1: case 2: dims = 3; break;
    case 3: dims = 4; break;
    default: return false;
  }
  uint32_t n;
  switch (type % 1000) {
    case 1: return points(r, little, 1, dims, box);
    case 2: return r.u32(little, n) && points(r, little, n, dims, box);
    case 3: {
      if (!r.u32(little, n)) return false;
      for (uint32_t k = 0; k < n; ++k) {
        uint32_t m;
        if (!r.u32(little, m) || !points(r, little, m, dims, box)) return false;
      }
      return true;
    }
    case 4: case 5: case 6: case 7: {
      if (!r.u32(little, n)) return false;
      for (uint32_t k = 0; k < n; ++k)
        if (!geometry(r, box, depth + 1)) return false;
      return true;
    }
    default: return false;
  }
}

}  // namespace

BBox wkb_bounds(std::string_view wkb) {
  Reader r{wkb};
  BBox box;
  if (!geometry(r, box, 0)) return {};
  return box;
}

BBox geos_bounds(const GeosContext& geos, const GEOSGeometry* g) {
  BBox box;
  if (!g || GEOSisEmpty_r(geos.handle(), g) != 0) return box;
  double x0, y0, x1, y1;
  if (!GEOSGeom_getXMin_r(geos.handle(), g, &x0) || !GEOSGeom_getYMin_r(geos.handle(), g, &y0) ||
      !GEOSGeom_getXMax_r(geos.handle(), g, &x1) || !GEOSGeom_getYMax_r(geos.handle(), g, &y1))
    return box;
  box.extend(LonLat{x0, y0});
  box.extend(LonLat{x1, y1});
  return box;
}

}  // namespace erde
