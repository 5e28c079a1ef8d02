#pragma once
// Small text helpers shared by parsers: case-insensitive ASCII compare, trimming, joining.
#include <string>
#include <string_view>
#include <vector>

namespace erde {

// Equal ignoring ASCII case; bytes >= 0x80 (UTF-8, e.g. Chinese) compare exactly.
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::vector<std::string> split(std::string_view s, char sep);

}  // namespace erde
