#include "geo/feature_fields.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "util/text.hpp"

namespace erde {

namespace {

constexpr std::array<std::string_view, 5> lon_names{"lon", "lng", "longitude", "x", "经度"};
constexpr std::array<std::string_view, 4> lat_names{"lat", "latitude", "y", "纬度"};
constexpr std::array<std::string_view, 4> wkt_names{"wkt", "geometry", "geom", "the_geom"};

int find_field(OGRFeatureDefn& defn, std::string_view name) {
  for (int i = 0; i < defn.GetFieldCount(); ++i)
    if (defn.GetFieldDefn(i)->GetNameRef() == name) return i;
  for (int i = 0; i < defn.GetFieldCount(); ++i)
    if (iequals(defn.GetFieldDefn(i)->GetNameRef(), name)) return i;
  return -1;
}

// Shapefiles cut field names to 10 bytes: effective_area_m2 arrives as effective_.
int find_truncated(OGRFeatureDefn& defn, std::string_view name) {
  if (name.size() <= 10) return -1;
  return find_field(defn, name.substr(0, 10));
}

std::string field_names(OGRFeatureDefn& defn) {
  std::string out;
  for (int i = 0; i < defn.GetFieldCount(); ++i) {
    if (i) out += ", ";
    out += defn.GetFieldDefn(i)->GetNameRef();
  }
  return out.empty() ? "none" : out;
}

std::string format_real(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

bool parse_double(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto res = std::from_chars(s.data(), s.data() + s.size(), out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

}  // namespace

FieldIndex resolve_fields(OGRLayer& layer, LayerKind kind, const LayerMapping* mapping,
                          std::vector<FieldProblem>& problems) {
  OGRFeatureDefn& defn = *layer.GetLayerDefn();
  FieldIndex out;
  auto resolve = [&](std::string_view name, bool required, auto aliases) {
    std::string key(name);
    if (mapping) {
      if (auto it = mapping->fields.find(key); it != mapping->fields.end()) {
        int i = find_field(defn, it->second);
        if (i < 0) {
          problems.push_back({key, "the mapping names source field '" + it->second +
                                       "', which the layer does not have (its fields: " +
                                       field_names(defn) + ")"});
          return;
        }
        out.index[key] = i;
        out.source_name[key] = it->second;
        return;
      }
    }
    int i = find_field(defn, name);
    if (i < 0) i = find_truncated(defn, name);
    for (std::string_view alias : aliases)
      if (i < 0) i = find_field(defn, alias);
    if (i >= 0) {
      out.index[key] = i;
      out.source_name[key] = defn.GetFieldDefn(i)->GetNameRef();
      return;
    }
    const char* fid_column = layer.GetFIDColumn();
    if (name == "id" && fid_column && iequals(fid_column, "id")) {
      out.index[key] = FieldIndex::fid_column;
      out.source_name[key] = fid_column;
      return;
    }
    if (required)
      problems.push_back({key, "required field missing: the layer has no field '" + key +
                                   "' and the mapping names none (its fields: " +
                                   field_names(defn) + ")"});
  };
  for (const FieldSpec& f : fields_of(kind))
    resolve(f.name, f.required, std::array<std::string_view, 0>{});
  if (has_geometry(kind)) {
    resolve("lon", false, lon_names);
    resolve("lat", false, lat_names);
    resolve("wkt", false, wkt_names);
  }
  return out;
}

std::optional<std::string> FeatureFields::value(std::string_view field) const {
  auto it = index_.index.find(field);
  if (it == index_.index.end()) return std::nullopt;
  if (it->second == FieldIndex::fid_column) return std::to_string(feature_.GetFID());
  int i = it->second;
  if (!feature_.IsFieldSetAndNotNull(i)) return std::nullopt;
  std::string text;
  switch (feature_.GetFieldDefnRef(i)->GetType()) {
    case OFTReal: text = format_real(feature_.GetFieldAsDouble(i)); break;
    case OFTInteger:
    case OFTInteger64: text = std::to_string(feature_.GetFieldAsInteger64(i)); break;
    default: text = std::string(trim(feature_.GetFieldAsString(i)));
  }
  if (text.empty()) return std::nullopt;
  return text;
}

std::string FeatureFields::text(std::string_view field, bool required) {
  auto v = value(field);
  if (v) return *v;
  if (required) add(field, index_.has(field) ? "required value is empty" : "required field missing");
  return {};
}

std::optional<double> FeatureFields::non_negative_real(std::string_view field, bool required) {
  std::string v = text(field, required);
  if (v.empty()) return std::nullopt;
  double d = 0;
  if (!parse_double(v, d) || !std::isfinite(d)) {
    add(field, "must be a finite number, got '" + v + "'");
    return std::nullopt;
  }
  if (d < 0) {
    add(field, "must not be negative, got '" + v + "'");
    return std::nullopt;
  }
  return d;
}

std::optional<int64_t> FeatureFields::count(std::string_view field, bool required) {
  std::string v = text(field, required);
  if (v.empty()) return std::nullopt;
  std::string_view s = v;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int64_t n = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), n);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) {
    double d = 0;
    if (!parse_double(v, d) || !std::isfinite(d)) {
      add(field, "must be a whole number, got '" + v + "'");
      return std::nullopt;
    }
    if (d != std::floor(d) || std::abs(d) > 9.0e15) {
      add(field, "must be a whole number, got '" + v + "'");
      return std::nullopt;
    }
    n = static_cast<int64_t>(d);
  }
  if (n < 0) {
    add(field, "must not be negative, got '" + v + "'");
    return std::nullopt;
  }
  return n;
}

std::vector<std::string> FeatureFields::list(std::string_view field) const {
  auto v = value(field);
  return v ? split_list(*v) : std::vector<std::string>{};
}

std::vector<std::string> split_list(std::string_view text) {
  constexpr std::array<std::string_view, 5> separators{";", ",", "|", "、", "，"};
  std::vector<std::string> out;
  size_t start = 0, i = 0;
  auto flush = [&](size_t end) {
    auto item = trim(text.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
  };
  while (i < text.size()) {
    size_t len = 0;
    for (std::string_view sep : separators)
      if (text.substr(i, sep.size()) == sep) len = sep.size();
    if (len) {
      flush(i);
      i += len;
      start = i;
    } else {
      ++i;
    }
  }
  flush(text.size());
  return out;
}

}  // namespace erde
