#pragma once
// Internal to engine/geo: a walk over the coordinates of ISO or extended WKB (2D, Z, M, ZM;
// either byte order), without building a geometry. The visitor gets
//   begin(bool polygon_ring): a new point sequence starts (a ring of a polygon, or not);
//   point(double x, double y): its next coordinate (x, y may be NaN for POINT EMPTY).
// walk_wkb returns false when the WKB cannot be read.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace erde::wkb {

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

template <typename Visitor>
bool walk_points(Reader& r, bool little, uint32_t count, int dims, bool polygon_ring, Visitor& v) {
  // A count larger than the bytes left is a corrupt header, not a reason to loop for long.
  if (count > (r.wkb.size() - r.at) / (8u * static_cast<unsigned>(dims))) return false;
  v.begin(polygon_ring);
  for (uint32_t k = 0; k < count; ++k) {
    double xyzm[4];
    for (int d = 0; d < dims; ++d)
      if (!r.f64(little, xyzm[d])) return false;
    v.point(xyzm[0], xyzm[1]);
  }
  return true;
}

template <typename Visitor>
bool walk_geometry(Reader& r, Visitor& v, int depth) {
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
    case 1: return walk_points(r, little, 1, dims, false, v);
    case 2: return r.u32(little, n) && walk_points(r, little, n, dims, false, v);
    case 3: {
      if (!r.u32(little, n)) return false;
      for (uint32_t k = 0; k < n; ++k) {
        uint32_t m;
        if (!r.u32(little, m) || !walk_points(r, little, m, dims, true, v)) return false;
      }
      return true;
    }
    case 4: case 5: case 6: case 7: {
      if (!r.u32(little, n)) return false;
      for (uint32_t k = 0; k < n; ++k)
        if (!walk_geometry(r, v, depth + 1)) return false;
      return true;
    }
    default: return false;
  }
}

template <typename Visitor>
bool walk_wkb(std::string_view bytes, Visitor& v) {
  Reader r{bytes};
  return walk_geometry(r, v, 0);
}

}  // namespace erde::wkb
