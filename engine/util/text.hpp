#pragma once
// Small text helpers shared by parsers: case-insensitive ASCII compare, trimming, joining; and
// the one place that makes free text safe to print on a terminal or into a one-line log.
#include <cstddef>
#include <optional>
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

// The code point starting at s[pos] in strict UTF-8 (no overlong forms, no surrogates, at most
// U+10FFFF), advancing pos past it; nullopt (pos unchanged) when the bytes there are not UTF-8.
std::optional<char32_t> next_utf8(std::string_view s, size_t& pos);
bool valid_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t c);

// The characters a terminal or a log reader cannot see as themselves: C0 controls, DEL, C1
// controls, and the invisible and bidirectional format characters (U+200B..U+200F,
// U+202A..U+202E, U+2060..U+2064, U+2066..U+2069, U+FEFF, U+061C), the line and paragraph
// separators, and the characters that draw nothing (soft hyphen, U+180E, the Hangul fillers,
// U+FFF9..U+FFFB, the tag characters U+E0000..U+E007F).
bool is_hidden_char(char32_t c);

// Text that is safe to print: every hidden character becomes a visible escape (\n, \t, \r,
// \e for ESC, \x01 for the other C0 controls and DEL, \u{0085} for C1 controls and \u{200B}
// for the format characters) and every byte that is not UTF-8 becomes \xHH (>= \x80), so a
// terminal never sees a control sequence and a line stays one line. Everything else (Chinese,
// accents, emoji, a backslash) is kept as it is.
std::string printable_text(std::string_view s);
// The same for a text of several lines (a plan as text): its '\n' are kept, all else as above.
std::string printable_lines(std::string_view s);

}  // namespace erde
