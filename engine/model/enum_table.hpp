#pragma once
// Bilingual vocabularies: every enum value has an English name, a Chinese term and optional
// aliases; parsing accepts any of them, ASCII case-insensitively ("Yellow", "yellow", "黄").
// A vocabulary is declared by specialising EnumTable<E> with `label` and `entries`.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/text.hpp"

namespace erde {

template <typename E>
struct EnumEntry {
  E value;
  std::string_view en;
  std::string_view zh;
  std::string_view alias1 = {};
  std::string_view alias2 = {};
};

template <typename E>
struct EnumTable;  // specialised next to each enum: static constexpr label, entries

template <typename E>
std::optional<E> parse_enum(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  for (const auto& e : EnumTable<E>::entries) {
    if (iequals(text, e.en) || text == e.zh || (!e.alias1.empty() && iequals(text, e.alias1)) ||
        (!e.alias2.empty() && iequals(text, e.alias2)))
      return e.value;
  }
  return std::nullopt;
}

template <typename E>
const EnumEntry<E>& enum_entry(E value) {
  for (const auto& e : EnumTable<E>::entries)
    if (e.value == value) return e;
  throw Error(std::string("internal: value missing from vocabulary ") +
              std::string(EnumTable<E>::label));
}

template <typename E>
std::string_view to_string(E value) { return enum_entry(value).en; }

template <typename E>
std::string_view chinese_name(E value) { return enum_entry(value).zh; }

// "red (红), orange (橙), ..." for error messages and --help.
template <typename E>
std::string allowed_values() {
  std::string out;
  for (const auto& e : EnumTable<E>::entries) {
    if (!out.empty()) out += ", ";
    out += e.en;
    out += " (";
    out += e.zh;
    out += ")";
  }
  return out;
}

// Parses or throws: "unknown <label> 'purple'; allowed: red (红), ...".
template <typename E>
E parse_enum_or_throw(std::string_view text) {
  if (auto v = parse_enum<E>(text)) return *v;
  throw Error("unknown " + std::string(EnumTable<E>::label) + " '" + std::string(text) +
              "'; allowed: " + allowed_values<E>());
}

}  // namespace erde
