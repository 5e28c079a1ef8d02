#include "graph/tags.hpp"

#include <charconv>
#include <algorithm>
#include <cmath>

#include "util/text.hpp"

namespace erde {

std::optional<Oneway> parse_oneway(std::string_view v) {
  v = trim(v);
  if (v.empty() || iequals(v, "no") || v == "0" || iequals(v, "false")) return Oneway::no;
  if (iequals(v, "yes") || v == "1" || iequals(v, "true")) return Oneway::forward;
  if (v == "-1" || iequals(v, "reverse")) return Oneway::backward;
  return std::nullopt;
}

std::optional<uint8_t> parse_maxspeed(std::string_view v) {
  v = trim(v);
  if (v.empty() || iequals(v, "none")) return uint8_t{0};
  double number = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
  if (ec != std::errc() || !std::isfinite(number) || number <= 0) return std::nullopt;
  std::string_view unit = trim(v.substr(static_cast<size_t>(end - v.data())));
  if (unit == "mph") {
    number *= 1.609344;
  } else if (!unit.empty() && unit != "km/h" && unit != "kmh" && unit != "kph") {
    return std::nullopt;
  }
  return static_cast<uint8_t>(std::clamp(std::lround(number), 1L, 254L));
}

uint8_t access_flags(std::string_view v) {
  v = trim(v);
  if (iequals(v, "no")) return edge_flag::kNoMotorVehicles;
  for (std::string_view p : {"private", "destination", "delivery", "customers", "permit", "agricultural", "forestry"})
    if (iequals(v, p)) return edge_flag::kPrivate;
  return 0;
}

bool is_tunnel(std::string_view v) {
  v = trim(v);
  return !v.empty() && !iequals(v, "no") && !iequals(v, "building_passage");
}

bool is_bridge(std::string_view v) {
  v = trim(v);
  return !v.empty() && !iequals(v, "no");
}

}  // namespace erde
