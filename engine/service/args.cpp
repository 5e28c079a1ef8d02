#include "service/args.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <utf8proc.h>

#include "util/text.hpp"

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

namespace {

std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

}  // namespace

std::optional<std::string> id_problem(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdBytes) return "id must be 1 to 64 bytes";
  for (size_t pos = 0; pos < s.size();) {
    const size_t at = pos;
    const std::optional<char32_t> c = next_utf8(s, pos);
    if (!c) return "id is not valid UTF-8 (byte " + std::to_string(at) + ")";
    const char* what = nullptr;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(*c))) {
      case UTF8PROC_CATEGORY_CC: what = "a control character"; break;
      case UTF8PROC_CATEGORY_CF: what = "an invisible format character"; break;
      case UTF8PROC_CATEGORY_ZS: what = "a space"; break;
      case UTF8PROC_CATEGORY_ZL:
      case UTF8PROC_CATEGORY_ZP: what = "a line or paragraph separator"; break;
      case UTF8PROC_CATEGORY_CN: what = "an unassigned code point or non-character"; break;
      case UTF8PROC_CATEGORY_CS: what = "a surrogate"; break;
      default: break;
    }
    if (*c == 0xfffd) what = "the replacement character";
    if (what)
      return std::string("id must not contain ") + what + " (" + code_point_name(*c) + " at byte " +
             std::to_string(at) + ")";
  }
  return std::nullopt;
}

std::string to_nfc(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(s);  // ASCII is its own NFC
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                   &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(s);
  std::string nfc(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
  std::free(out);
  return nfc;
}

std::string read_id(const nlohmann::json& value, std::string_view path) {
  if (!value.is_string()) reject(code::bad_request, "must be a string", std::string(path));
  const auto& s = value.get_ref<const std::string&>();
  if (auto problem = id_problem(s)) reject(code::bad_value, *problem, std::string(path));
  std::string id = to_nfc(s);
  if (id.size() > kMaxIdBytes) reject(code::bad_value, "id must be 1 to 64 bytes (in NFC)", std::string(path));
  return id;
}

std::string read_text(const nlohmann::json& value, std::string_view path, size_t max_bytes) {
  if (!value.is_string()) reject(code::bad_request, "must be a string", std::string(path));
  const auto& s = value.get_ref<const std::string&>();
  if (s.size() > max_bytes)
    reject(code::out_of_range, "longer than " + std::to_string(max_bytes) + " bytes",
           std::string(path));
  for (size_t pos = 0; pos < s.size();) {
    const size_t at = pos;
    const std::optional<char32_t> c = next_utf8(s, pos);
    if (!c) reject(code::bad_value, "not valid UTF-8 (byte " + std::to_string(at) + ")", std::string(path));
    if ((*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') || (*c >= 0x7f && *c <= 0x9f))
      reject(code::bad_value,
             "must not contain control characters other than tab and line breaks (" + code_point_name(*c) +
                 " at byte " + std::to_string(at) + ")",
             std::string(path));
  }
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
