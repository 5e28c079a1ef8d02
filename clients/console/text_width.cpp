#include "text_width.hpp"

namespace erde::console {

namespace {

// One code point from `s` at `i` (advanced past it); invalid bytes count as one narrow char.
char32_t next_code_point(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  constexpr char32_t kReplacement = 0xFFFD;  // one narrow column
  if (len == 1) {
    ++i;
    return b < 0x80 ? b : kReplacement;
  }
  if (i + len > s.size()) {
    ++i;
    return kReplacement;
  }
  char32_t cp = len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  i += len;
  return cp;
}

size_t columns_of(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
  if (cp >= 0x300 && cp < 0x370) return 0;  // combining marks
  bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
              (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
              (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
              (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
              (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
              (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
              (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

}  // namespace

size_t display_width(std::string_view utf8) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) width += columns_of(next_code_point(utf8, i));
  return width;
}

std::string fit_to_width(std::string_view utf8, size_t columns) {
  if (display_width(utf8) <= columns) return std::string(utf8);
  if (columns == 0) return {};
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    size_t start = i;
    size_t w = columns_of(next_code_point(utf8, i));
    if (width + w > columns - 1) break;  // one column kept for the ellipsis
    out.append(utf8.substr(start, i - start));
    width += w;
  }
  return out + "…";
}

std::string pad_to_width(std::string_view utf8, size_t columns) {
  std::string out(utf8);
  size_t width = display_width(utf8);
  if (width < columns) out.append(columns - width, ' ');
  return out;
}

}  // namespace erde::console
