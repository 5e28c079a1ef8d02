#pragma once
// Terminal columns of UTF-8 text: Chinese (and other East Asian wide) characters take two.
#include <cstddef>
#include <string>
#include <string_view>

namespace erde::console {

size_t display_width(std::string_view utf8);
// The longest prefix of whole characters that fits `columns`, marked with "…" when cut.
std::string fit_to_width(std::string_view utf8, size_t columns);
// `utf8` padded with blanks to `columns` (unchanged when already as wide or wider).
std::string pad_to_width(std::string_view utf8, size_t columns);

}  // namespace erde::console
