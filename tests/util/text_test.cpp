// printable_text: what reaches a terminal or the service log is always visible, one line.
#include <gtest/gtest.h>

#include "util/text.hpp"

namespace erde {
namespace {

TEST(PrintableText, PlainAndChineseTextIsKept) {
  EXPECT_EQ(printable_text("仓库 A-3, Zone 5 \\ back"), "仓库 A-3, Zone 5 \\ back");
  EXPECT_EQ(printable_text("café 🚒"), "café 🚒");
  EXPECT_EQ(printable_text(""), "");
}

TEST(PrintableText, ControlCharactersBecomeVisibleEscapes) {
  EXPECT_EQ(printable_text("a\nb"), "a\\nb");
  EXPECT_EQ(printable_text("a\r\tb"), "a\\r\\tb");
  // A window-title change (OSC 0 … BEL) and a clear screen (CSI 2J).
  EXPECT_EQ(printable_text("\x1b]0;pwned\x07"), "\\e]0;pwned\\x07");
  EXPECT_EQ(printable_text("\x1b[2J"), "\\e[2J");
  EXPECT_EQ(printable_text(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable_text("\x7f"), "\\x7F");
  // C1: U+009B is CSI on its own in some terminals, U+0085 a next-line.
  EXPECT_EQ(printable_text("x\xc2\x9b" "2Jy\xc2\x85"), "x\\u{009B}2Jy\\u{0085}");
}

TEST(PrintableText, InvisibleAndBidiCharactersBecomeVisible) {
  EXPECT_EQ(printable_text("I-000001\u200b"), "I-000001\\u{200B}");
  EXPECT_EQ(printable_text("\u202eevil"), "\\u{202E}evil");
  EXPECT_EQ(printable_text("a\u2066b\u2069"), "a\\u{2066}b\\u{2069}");
  EXPECT_EQ(printable_text("\ufeffx\u2060"), "\\u{FEFF}x\\u{2060}");
  EXPECT_EQ(printable_text("\u200f"), "\\u{200F}");
  // The Arabic letter mark is a bidi control; a line separator starts a new line in many log
  // readers; tag characters and Hangul fillers draw nothing.
  EXPECT_EQ(printable_text("a\u061cb"), "a\\u{061C}b");
  EXPECT_EQ(printable_text("ok\u2028FORGED\u2029"), "ok\\u{2028}FORGED\\u{2029}");
  EXPECT_EQ(printable_text("x\U000E0041\U000E007F"), "x\\u{E0041}\\u{E007F}");
  EXPECT_EQ(printable_text("I-\u3164\u00ad1"), "I-\\u{3164}\\u{00AD}1");
  // Neighbours of the ranges are ordinary text.
  EXPECT_EQ(printable_text("\u2010\u2070\u2065"), "\u2010\u2070\u2065");
  EXPECT_EQ(printable_text("\u061b\u2027\u202f\u3165"), "\u061b\u2027\u202f\u3165");
}

TEST(PrintableText, BytesThatAreNotUtf8AreEscaped) {
  EXPECT_EQ(printable_text("a\xff" "b"), "a\\xFFb");
  EXPECT_EQ(printable_text("\xc0\xaf"), "\\xC0\\xAF");          // overlong '/'
  EXPECT_EQ(printable_text("\xed\xa0\x80"), "\\xED\\xA0\\x80");  // a surrogate
  EXPECT_EQ(printable_text("\xe4\xbb"), "\\xE4\\xBB");          // cut short
  EXPECT_EQ(printable_text("\xf4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80");  // above U+10FFFF
}

TEST(Utf8, DecodesStrictlyAndEncodesBack) {
  std::string s = "a仓\U0001F692";
  size_t pos = 0;
  EXPECT_EQ(next_utf8(s, pos), U'a');
  EXPECT_EQ(next_utf8(s, pos), U'仓');
  EXPECT_EQ(next_utf8(s, pos), U'\U0001F692');
  EXPECT_EQ(pos, s.size());
  std::string out;
  for (char32_t c : {U'a', U'仓', U'\U0001F692'}) append_utf8(out, c);
  EXPECT_EQ(out, s);
  EXPECT_TRUE(valid_utf8(s));
  EXPECT_FALSE(valid_utf8("\xe4\xbb"));
  EXPECT_FALSE(valid_utf8("\x80"));
}

}  // namespace
}  // namespace erde
