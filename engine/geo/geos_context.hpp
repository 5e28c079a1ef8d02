#pragma once
// GEOS through its reentrant C API: one context per thread of work, geometries owned by
// unique_ptrs that know their context. Messages from GEOS are kept for error reports.
#include <geos_c.h>

#include <memory>
#include <string>
#include <string_view>

namespace erde {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return handle_; }
  const std::string& last_error() const { return last_error_; }

  struct Deleter {
    GEOSContextHandle_t handle;
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(handle, g); }
  };
  using GeomPtr = std::unique_ptr<GEOSGeometry, Deleter>;

  GeomPtr own(GEOSGeometry* g) const { return GeomPtr(g, Deleter{handle_}); }
  // From ISO WKB; throws erde::Error with GEOS's reason when it cannot be parsed.
  GeomPtr from_wkb(std::string_view wkb) const;
  std::string to_wkb(const GEOSGeometry* g) const;
  GeomPtr from_wkt(std::string_view wkt) const;
  std::string to_wkt(const GEOSGeometry* g) const;

 private:
  static void on_message(const char* message, void* self);
  GEOSContextHandle_t handle_;
  std::string last_error_;
};

}  // namespace erde
