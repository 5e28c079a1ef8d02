#include "geo/source_crs.hpp"

namespace erde {

std::optional<OGRSpatialReference> parse_crs(const std::string& text) {
  ogr::ensure_registered();
  ogr::QuietErrors quiet;
  OGRSpatialReference srs;
  if (text.empty() ||
      srs.SetFromUserInput(text.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS) !=
          OGRERR_NONE)
    return std::nullopt;
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

std::string crs_label(const OGRSpatialReference& srs) {
  const char* name = srs.GetName();
  const char* auth = srs.GetAuthorityName(nullptr);
  const char* code = srs.GetAuthorityCode(nullptr);
  std::string out;
  if (auth && code) out = std::string(auth) + ":" + code;
  if (name && *name) out += out.empty() ? std::string(name) : " (" + std::string(name) + ")";
  return out.empty() ? "unnamed CRS" : out;
}

SourceCrs make_source_crs(const OGRSpatialReference& srs) {
  SourceCrs out;
  out.srs = srs;
  out.srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  out.label = crs_label(out.srs);
  out.geographic = out.srs.IsGeographic();
  out.to_wgs84 = ogr::make_transform(out.srs, ogr::wgs84());
  const char* area_name = nullptr;
  out.has_area_of_use =
      out.srs.GetAreaOfUse(&out.west, &out.south, &out.east, &out.north, &area_name) &&
      out.west >= -180 && out.east <= 180 && out.west <= out.east;
  return out;
}

}  // namespace erde
