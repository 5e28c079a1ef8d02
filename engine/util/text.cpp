#include "util/text.hpp"

#include <cstdio>

namespace erde {

namespace {
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::optional<char32_t> next_utf8(std::string_view s, size_t& pos) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return char32_t(s[pos++] & 0x7f);
  size_t n = 0;
  char32_t c = 0, min = 0;
  if ((b0 & 0xe0) == 0xc0) n = 1, c = b0 & 0x1f, min = 0x80;
  else if ((b0 & 0xf0) == 0xe0) n = 2, c = b0 & 0x0f, min = 0x800;
  else if ((b0 & 0xf8) == 0xf0) n = 3, c = b0 & 0x07, min = 0x10000;
  else return std::nullopt;
  for (size_t k = 1; k <= n; ++k) {
    if (pos + k >= s.size() || (byte(pos + k) & 0xc0) != 0x80) return std::nullopt;
    c = (c << 6) | (byte(pos + k) & 0x3f);
  }
  if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return std::nullopt;
  pos += n + 1;
  return c;
}

bool valid_utf8(std::string_view s) {
  for (size_t pos = 0; pos < s.size();)
    if (!next_utf8(s, pos)) return false;
  return true;
}

void append_utf8(std::string& out, char32_t c) {
  auto put = [&out](unsigned v) { out += static_cast<char>(v); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xc0 | (c >> 6)), put(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    put(0xe0 | (c >> 12)), put(0x80 | ((c >> 6) & 0x3f)), put(0x80 | (c & 0x3f));
  } else {
    put(0xf0 | (c >> 18)), put(0x80 | ((c >> 12) & 0x3f)), put(0x80 | ((c >> 6) & 0x3f)), put(0x80 | (c & 0x3f));
  }
}

bool is_hidden_char(char32_t c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xfeff ||
         c == 0x061c ||                      // Arabic letter mark: a bidi control too
         c == 0x2028 || c == 0x2029 ||       // line and paragraph separators: a new line to many readers
         c == 0x00ad || c == 0x180e ||       // soft hyphen, Mongolian vowel separator: draw nothing
         c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0 ||  // Hangul fillers: blank
         (c >= 0xfff9 && c <= 0xfffb) ||     // interlinear annotation controls
         (c >= 0xe0000 && c <= 0xe007f);     // tag characters: invisible ASCII look-alikes
}

namespace {

std::string printable(std::string_view s, bool keep_newlines) {
  // Fast path: most text has nothing to escape.
  bool clean = true;
  for (size_t pos = 0; pos < s.size() && clean;) {
    auto c = next_utf8(s, pos);
    clean = c && (!is_hidden_char(*c) || (keep_newlines && *c == '\n'));
  }
  if (clean) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  char buf[16];
  for (size_t pos = 0; pos < s.size();) {
    const size_t start = pos;
    auto c = next_utf8(s, pos);
    if (!c) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[pos++]));
      out += buf;
    } else if (!is_hidden_char(*c) || (keep_newlines && *c == '\n')) {
      out.append(s.substr(start, pos - start));
    } else if (*c == '\n') {
      out += "\\n";
    } else if (*c == '\t') {
      out += "\\t";
    } else if (*c == '\r') {
      out += "\\r";
    } else if (*c == 0x1b) {
      out += "\\e";
    } else if (*c < 0x80) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(*c));
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(*c));
      out += buf;
    }
  }
  return out;
}

}  // namespace

std::string printable_text(std::string_view s) { return printable(s, false); }
std::string printable_lines(std::string_view s) { return printable(s, true); }

}  // namespace erde
