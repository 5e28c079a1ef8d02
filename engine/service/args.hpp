#pragma once
// Reading typed request arguments; every failure throws Rejected naming the field's path
// ("args.location.lat").
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/geometry.hpp"
#include "model/vocabulary.hpp"
#include "service/request_error.hpp"

namespace erde::service {

inline constexpr size_t kMaxIdBytes = 64;

std::string join_path(std::string_view parent, std::string_view key);

// The member, or reject bad_request when missing or null.
const nlohmann::json& required(const nlohmann::json& object, std::string_view key,
                               std::string_view path);
// The member, or nullptr when missing or null.
const nlohmann::json* optional(const nlohmann::json& object, std::string_view key);
// Rejects members other than `allowed` (catches misspelt optional fields).
void allow_only(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
                std::string_view path);
void require_object(const nlohmann::json& value, std::string_view path);

// An id as typed by a person: 1..64 bytes of UTF-8, none of them control, format (invisible,
// bidi), space or separator characters (Unicode Cc, Cf, Z*), unassigned code points or
// non-characters (Cn), surrogates, or U+FFFD. Returned in Unicode NFC, so "é" typed as e plus a
// combining accent names the same incident as the precomposed "é". Refused with bad_value.
std::string read_id(const nlohmann::json& value, std::string_view path);
// Why `s` cannot be an id (the rules of read_id, NFC aside), or nullopt when it can.
std::optional<std::string> id_problem(std::string_view s);
// `s` (valid UTF-8) in Unicode NFC.
std::string to_nfc(std::string_view s);
// Free text (address, description, reason): at most max_bytes of UTF-8; kept exactly as sent
// (nothing stripped or normalised), but control characters other than tab, line feed and
// carriage return (C0, DEL, C1) are refused with bad_value: no keyboard types them, and a
// terminal would act on them.
std::string read_text(const nlohmann::json& value, std::string_view path, size_t max_bytes);
bool read_bool(const nlohmann::json& value, std::string_view path);
double read_number(const nlohmann::json& value, std::string_view path, double lo, double hi);
// A whole number lo..hi: 3 and 3.0 are read, 1.5 is refused (bad_request), like a number out of
// range (out_of_range). For counts, k, limits, seeds.
int64_t read_integer(const nlohmann::json& value, std::string_view path, int64_t lo, int64_t hi);
// {"lon": -180..180, "lat": -90..90}
LonLat read_lonlat(const nlohmann::json& value, std::string_view path);
// [lon, lat] as in GeoJSON.
LonLat read_position(const nlohmann::json& value, std::string_view path);

template <typename E>
E read_enum(const nlohmann::json& value, std::string_view path) {
  if (!value.is_string()) reject(code::bad_request, "must be a string", std::string(path));
  const auto& text = value.get_ref<const std::string&>();
  if (auto v = parse_enum<E>(text)) return *v;
  reject(code::bad_value,
         "unknown " + std::string(EnumTable<E>::label) + "; allowed: " + allowed_values<E>(),
         std::string(path));
}

nlohmann::json lonlat_json(const LonLat& p);

}  // namespace erde::service
