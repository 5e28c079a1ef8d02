#include "dispatch/incident_file.hpp"

#include <cmath>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace erde {

std::vector<Incident> parse_incidents(const nlohmann::json& doc, std::string_view source) {
  const std::string src(source);
  if (!doc.is_object() || !doc.contains("incidents") || !doc["incidents"].is_array())
    throw Error(src + ": expected {\"incidents\": [...]}");
  std::vector<Incident> out;
  std::set<std::string> ids;
  size_t n = 0;
  for (const auto& item : doc["incidents"]) {
    std::string where = src + ": incidents[" + std::to_string(n++) + "]";
    if (!item.is_object()) throw Error(where + ": expected an object");
    Incident inc;
    auto text = [&](const char* key) {
      if (!item.contains(key) || !item[key].is_string()) throw Error(where + ": missing text field '" + key + "'");
      return item[key].get<std::string>();
    };
    inc.id = text("id");
    if (!ids.insert(inc.id).second) throw Error(where + ": duplicate incident id '" + inc.id + "'");
    try {
      inc.type = parse_enum_or_throw<IncidentType>(text("type"));
      inc.severity = parse_enum_or_throw<Severity>(text("severity"));
    } catch (const Error& e) {
      throw Error(where + ": " + e.what());
    }
    const auto& at = item.contains("at") ? item["at"] : nlohmann::json();
    if (!at.is_array() || at.size() != 2 || !at[0].is_number() || !at[1].is_number())
      throw Error(where + ": 'at' must be [lon, lat]");
    inc.location = {at[0].get<double>(), at[1].get<double>()};
    if (!std::isfinite(inc.location.lon) || !std::isfinite(inc.location.lat) || std::fabs(inc.location.lon) > 180 ||
        std::fabs(inc.location.lat) > 90)
      throw Error(where + ": 'at' is not a WGS84 longitude, latitude");
    out.push_back(std::move(inc));
  }
  if (out.empty()) throw Error(src + ": no incidents");
  return out;
}

std::vector<Incident> load_incidents(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(file.string() + ": cannot open");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
    throw Error(file.string() + ": not valid JSON: " + e.what());
  }
  return parse_incidents(doc, file.string());
}

}  // namespace erde
