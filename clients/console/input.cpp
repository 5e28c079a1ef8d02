#include "input.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "model/enum_table.hpp"
#include "model/vocabulary.hpp"

namespace erde::console {

using nlohmann::json;

namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool parse_number(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size() && std::isfinite(out);
}

ParsedInput refused(std::string why) { return {json(), std::move(why)}; }

template <typename E>
std::string one_of() {
  return "one of " + allowed_values<E>();
}

}  // namespace

ParsedInput parse_incident_input(const std::string& text) {
  auto words = words_of(text);
  if (words.empty()) return refused("type an incident: TYPE [SEVERITY] LON,LAT [ADDRESS]");
  auto type = parse_enum<IncidentType>(words[0]);
  if (!type) return refused("type '" + words[0] + "' unknown: " + one_of<IncidentType>());
  size_t next = 1;
  Severity severity = Severity::general;
  if (next < words.size()) {
    if (auto s = parse_enum<Severity>(words[next])) {
      severity = *s;
      ++next;
    }
  }
  if (next >= words.size()) return refused("location missing: LON,LAT after the type and severity");
  // "113.27,23.13" or "113.27, 23.13" (two words)
  std::string where = words[next++];
  if (!where.empty() && where.back() == ',' && next < words.size()) where += words[next++];
  auto comma = where.find(',');
  double lon = 0, lat = 0;
  if (comma == std::string::npos || !parse_number(where.substr(0, comma), lon) ||
      !parse_number(where.substr(comma + 1), lat))
    return refused("location '" + where + "' is not LON,LAT (e.g. 113.2706,23.1462); severity " +
                   one_of<Severity>());
  if (lon < -180 || lon > 180) return refused("longitude must be between -180 and 180");
  if (lat < -90 || lat > 90) return refused("latitude must be between -90 and 90");
  std::string address;
  for (; next < words.size(); ++next) address += (address.empty() ? "" : " ") + words[next];
  json args = {{"type", std::string(to_string(*type))},
               {"severity", std::string(to_string(severity))},
               {"location", {{"lon", lon}, {"lat", lat}}}};
  if (!address.empty()) args["address"] = address;
  return {args, ""};
}

ParsedInput parse_team_status_input(const std::string& text) {
  auto words = words_of(text);
  if (words.size() < 2 || words.size() > 3) return refused("type TEAM STATUS [INCIDENT]");
  auto status = parse_enum<TeamStatus>(words[1]);
  if (!status) return refused("status '" + words[1] + "' unknown: " + one_of<TeamStatus>());
  json args = {{"team", words[0]}, {"status", std::string(to_string(*status))}};
  if (words.size() == 3) {
    if (*status != TeamStatus::dispatched) return refused("an incident goes only with dispatched");
    args["incident"] = words[2];
  }
  return {args, ""};
}

ParsedInput parse_preempt_input(const std::string& text) {
  auto words = words_of(text);
  if (words.size() < 2 || words.size() > 3) return refused("type INCIDENT TEAM [CAPABILITY]");
  json args = {{"incident", words[0]}, {"team", words[1]}};
  if (words.size() == 3) {
    auto capability = parse_enum<Capability>(words[2]);
    if (!capability) return refused("capability '" + words[2] + "' unknown: " + one_of<Capability>());
    args["capability"] = std::string(to_string(*capability));
  }
  return {args, ""};
}

ParsedInput parse_share_input(const std::string& text) {
  auto words = words_of(text);
  if (words.empty()) return {json::object(), ""};
  if (words.size() < 2) return refused("give two incidents or more, or none for all open ones");
  return {json{{"incidents", words}}, ""};
}

}  // namespace erde::console
