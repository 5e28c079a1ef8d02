#include "geo/geos_context.hpp"

#include "util/error.hpp"

namespace erde {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_message, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

void GeosContext::on_message(const char* message, void* self) {
  static_cast<GeosContext*>(self)->last_error_ = message ? message : "";
}

GeosContext::GeomPtr GeosContext::from_wkb(std::string_view wkb) const {
  GEOSWKBReader* reader = GEOSWKBReader_create_r(handle_);
  GEOSGeometry* g = GEOSWKBReader_read_r(handle_, reader,
                                         reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
  GEOSWKBReader_destroy_r(handle_, reader);
  if (!g) throw Error("unreadable WKB geometry: " + last_error_);
  return own(g);
}

std::string GeosContext::to_wkb(const GEOSGeometry* g) const {
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(handle_);
  GEOSWKBWriter_setFlavor_r(handle_, writer, GEOS_WKB_ISO);
  size_t size = 0;
  unsigned char* bytes = GEOSWKBWriter_write_r(handle_, writer, g, &size);
  GEOSWKBWriter_destroy_r(handle_, writer);
  if (!bytes) throw Error("cannot write WKB: " + last_error_);
  std::string out(reinterpret_cast<const char*>(bytes), size);
  GEOSFree_r(handle_, bytes);
  return out;
}

GeosContext::GeomPtr GeosContext::from_wkt(std::string_view wkt) const {
  GEOSWKTReader* reader = GEOSWKTReader_create_r(handle_);
  std::string text(wkt);
  GEOSGeometry* g = GEOSWKTReader_read_r(handle_, reader, text.c_str());
  GEOSWKTReader_destroy_r(handle_, reader);
  if (!g) throw Error("unreadable WKT geometry: " + last_error_);
  return own(g);
}

std::string GeosContext::to_wkt(const GEOSGeometry* g) const {
  GEOSWKTWriter* writer = GEOSWKTWriter_create_r(handle_);
  GEOSWKTWriter_setTrim_r(handle_, writer, 1);
  char* text = GEOSWKTWriter_write_r(handle_, writer, g);
  GEOSWKTWriter_destroy_r(handle_, writer);
  std::string out = text ? text : "";
  GEOSFree_r(handle_, text);
  return out;
}

}  // namespace erde
