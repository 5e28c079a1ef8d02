#include "geo/mapping.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util/error.hpp"

namespace erde {

const LayerMapping* Mapping::find(LayerKind kind) const {
  auto it = layers.find(kind);
  return it == layers.end() ? nullptr : &it->second;
}

namespace {

std::string known_kinds() {
  std::string out;
  for (LayerKind k : all_layer_kinds()) {
    if (!out.empty()) out += ", ";
    out += to_string(k);
  }
  return out;
}

std::string known_fields(LayerKind kind) {
  std::string out;
  for (const FieldSpec& f : fields_of(kind)) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  if (has_geometry(kind)) out += ", lon, lat, wkt";
  return out;
}

std::string text_member(const nlohmann::json& obj, const char* key, const std::string& where) {
  if (!obj.contains(key)) return {};
  const auto& v = obj.at(key);
  if (!v.is_string()) throw Error(where + ": \"" + key + "\" must be a string");
  return v.get<std::string>();
}

}  // namespace

Mapping parse_mapping(const std::string& json_text, const std::string& origin) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(origin + ": not valid JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("layers") || !doc.at("layers").is_object())
    throw Error(origin + ": expected an object with a \"layers\" object");
  Mapping out;
  for (const auto& [kind_name, spec] : doc.at("layers").items()) {
    std::string where = origin + ": layers." + kind_name;
    auto kind = layer_kind_named(kind_name);
    if (!kind || to_string(*kind) != kind_name)
      throw Error(where + ": unknown layer kind; known: " + known_kinds());
    if (!spec.is_object()) throw Error(where + ": must be an object");
    for (const auto& [key, unused] : spec.items()) {
      (void)unused;
      if (key != "layer" && key != "crs" && key != "fields")
        throw Error(where + ": unknown key \"" + key + "\" (expected layer, crs, fields)");
    }
    LayerMapping m;
    m.layer = text_member(spec, "layer", where);
    m.crs = text_member(spec, "crs", where);
    if (spec.contains("fields")) {
      const auto& fields = spec.at("fields");
      if (!fields.is_object()) throw Error(where + ".fields: must be an object");
      for (const auto& [erde_field, source_field] : fields.items()) {
        if (!is_mappable_field(*kind, erde_field))
          throw Error(where + ".fields: unknown field '" + erde_field + "'; known: " +
                      known_fields(*kind));
        if (!source_field.is_string() || source_field.get<std::string>().empty())
          throw Error(where + ".fields." + erde_field + ": must be a non-empty string");
        m.fields[erde_field] = source_field.get<std::string>();
      }
    }
    out.layers[*kind] = std::move(m);
  }
  return out;
}

Mapping read_mapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read the mapping file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_mapping(text.str(), path);
}

}  // namespace erde
