#include "service/args.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace erde::service {

std::string join_path(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (!out.empty()) out += '.';
  out += key;
  return out;
}

const nlohmann::json& required(const nlohmann::json& object, std::string_view key,
                               std::string_view path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null())
    reject(code::bad_request, "missing " + std::string(key), join_path(path, key));
  return *it;
}

const nlohmann::json* optional(const nlohmann::json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

void allow_only(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
                std::string_view path) {
  for (const auto& item : object.items()) {
    bool known = false;
    for (auto a : allowed) known = known || item.key() == a;
    if (!known) {
      std::string key = item.key().substr(0, kMaxIdBytes);
      reject(code::bad_request, "unknown field '" + key + "'", join_path(path, key));
    }
  }
}

void require_object(const nlohmann::json& value, std::string_view path) {
  if (!value.is_object()) reject(code::bad_request, "must be an object", std::string(path));
}

std::string read_id(const nlohmann::json& value, std::string_view path) {
  if (!value.is_string()) reject(code::bad_request, "must be a string", std::string(path));
  const auto& s = value.get_ref<const std::string&>();
  if (s.empty() || s.size() > kMaxIdBytes)
    reject(code::bad_value, "id must be 1 to 64 bytes", std::string(path));
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f)
      reject(code::bad_value, "id must not contain spaces or control characters", std::string(path));
  return s;
}

std::string read_text(const nlohmann::json& value, std::string_view path, size_t max_bytes) {
  if (!value.is_string()) reject(code::bad_request, "must be a string", std::string(path));
  const auto& s = value.get_ref<const std::string&>();
  if (s.size() > max_bytes)
    reject(code::out_of_range, "longer than " + std::to_string(max_bytes) + " bytes",
           std::string(path));
  return s;
}

bool read_bool(const nlohmann::json& value, std::string_view path) {
  if (!value.is_boolean()) reject(code::bad_request, "must be true or false", std::string(path));
  return value.get<bool>();
}

double read_number(const nlohmann::json& value, std::string_view path, double lo, double hi) {
  if (!value.is_number()) reject(code::bad_request, "must be a number", std::string(path));
  double v = value.get<double>();
  if (!std::isfinite(v) || v < lo || v > hi) {
    char range[96];
    std::snprintf(range, sizeof range, "must be between %g and %g", lo, hi);
    reject(code::out_of_range, range, std::string(path));
  }
  return v;
}

int64_t read_integer(const nlohmann::json& value, std::string_view path, int64_t lo, int64_t hi) {
  if (!value.is_number()) reject(code::bad_request, "must be a whole number", std::string(path));
  auto out_of_range = [&]() {
    reject(code::out_of_range,
           "must be a whole number between " + std::to_string(lo) + " and " + std::to_string(hi),
           std::string(path));
  };
  if (value.is_number_unsigned()) {
    const uint64_t v = value.get<uint64_t>();
    if (v > static_cast<uint64_t>(INT64_MAX) || static_cast<int64_t>(v) > hi) out_of_range();
    if (static_cast<int64_t>(v) < lo) out_of_range();
    return static_cast<int64_t>(v);
  }
  if (value.is_number_integer()) {
    const int64_t v = value.get<int64_t>();
    if (v < lo || v > hi) out_of_range();
    return v;
  }
  const double v = value.get<double>();
  if (!std::isfinite(v) || v != std::floor(v))
    reject(code::bad_request, "must be a whole number", std::string(path));
  if (v < static_cast<double>(lo) || v > static_cast<double>(hi)) out_of_range();
  return static_cast<int64_t>(v);
}

LonLat read_lonlat(const nlohmann::json& value, std::string_view path) {
  require_object(value, path);
  allow_only(value, {"lon", "lat"}, path);
  LonLat p;
  p.lon = read_number(required(value, "lon", path), join_path(path, "lon"), -180.0, 180.0);
  p.lat = read_number(required(value, "lat", path), join_path(path, "lat"), -90.0, 90.0);
  return p;
}

LonLat read_position(const nlohmann::json& value, std::string_view path) {
  if (!value.is_array() || value.size() != 2)
    reject(code::bad_request, "a position is [lon, lat]", std::string(path));
  LonLat p;
  p.lon = read_number(value[0], join_path(path, "0"), -180.0, 180.0);
  p.lat = read_number(value[1], join_path(path, "1"), -90.0, 90.0);
  return p;
}

nlohmann::json lonlat_json(const LonLat& p) { return {{"lon", p.lon}, {"lat", p.lat}}; }

}  // namespace erde::service
