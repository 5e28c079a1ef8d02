#include "route/point_source.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>

#include "graph/ogr_util.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

double parse_number(std::string_view text, std::string_view what, std::string_view whole) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    throw Error(std::string(what) + ": '" + std::string(whole) + "' is not lon,lat in degrees");
  return v;
}

std::string numbered(size_t n) {
  std::string out = "#";
  out += std::to_string(n);
  return out;
}

}  // namespace

LonLat parse_lon_lat(std::string_view text, std::string_view what) {
  const size_t comma = text.find(',');
  if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos)
    throw Error(std::string(what) + ": '" + std::string(text) + "' is not lon,lat in degrees");
  LonLat p{parse_number(text.substr(0, comma), what, text), parse_number(text.substr(comma + 1), what, text)};
  if (std::abs(p.lon) > 180 || std::abs(p.lat) > 90)
    throw Error(std::string(what) + ": '" + std::string(text) + "' is out of range (lon within ±180, lat within ±90)");
  return p;
}

std::vector<NamedPoint> read_points(const std::string& source, std::string_view what) {
  std::vector<NamedPoint> out;
  std::error_code ec;
  if (!std::filesystem::exists(source, ec)) {
    std::string_view rest = source;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      const std::string_view item = rest.substr(0, semi);
      if (!item.empty()) out.push_back({numbered(out.size() + 1), parse_lon_lat(item, what)});
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    }
    if (out.empty()) throw Error(std::string(what) + ": '" + source + "' is neither a file nor lon,lat;lon,lat");
    return out;
  }
  GDALDatasetUniquePtr ds = ogr::open_vector(source);
  for (OGRLayer* layer : ds->GetLayers()) {
    if (layer->GetGeomType() == wkbNone) continue;
    ogr::TransformPtr to_wgs84 = ogr::to_wgs84(*layer, source);
    const int name_field = layer->GetLayerDefn()->GetFieldIndex("name") >= 0
                               ? layer->GetLayerDefn()->GetFieldIndex("name")
                               : layer->GetLayerDefn()->GetFieldIndex("id");
    for (auto& feature : *layer) {
      const OGRGeometry* geom = feature->GetGeometryRef();
      if (!geom || geom->IsEmpty()) continue;
      OGRPoint p;
      if (wkbFlatten(geom->getGeometryType()) == wkbPoint)
        p = *geom->toPoint();
      else if (geom->Centroid(&p) != OGRERR_NONE)
        throw Error(source + ": feature " + std::to_string(feature->GetFID()) + " has no centroid");
      double x = p.getX(), y = p.getY();
      if (!to_wgs84->Transform(1, &x, &y))
        throw Error(source + ": feature " + std::to_string(feature->GetFID()) + " cannot be transformed to WGS84");
      std::string name = name_field >= 0 && feature->IsFieldSetAndNotNull(name_field)
                             ? feature->GetFieldAsString(name_field)
                             : numbered(out.size() + 1);
      out.push_back({std::move(name), {x, y}});
    }
  }
  if (out.empty()) throw Error(std::string(what) + ": " + source + " holds no located features");
  return out;
}

}  // namespace erde
