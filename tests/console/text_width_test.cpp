// Terminal columns of mixed English / Chinese text.
#include <gtest/gtest.h>

#include "text_width.hpp"

namespace erde::console {
namespace {

TEST(TextWidth, ChineseCharactersTakeTwoColumns) {
  EXPECT_EQ(display_width("fire"), 4u);
  EXPECT_EQ(display_width("火灾"), 4u);          // two characters, six bytes
  EXPECT_EQ(display_width("fire 火灾 ×1"), 12u);  // × is narrow
  EXPECT_EQ(display_width(""), 0u);
}

TEST(TextWidth, FitCutsWholeCharactersAndMarksTheCut) {
  EXPECT_EQ(fit_to_width("short", 10), "short");
  EXPECT_EQ(fit_to_width("abcdefghij", 5), "abcd…");
  // "火灾火灾" is 8 columns; in 5 only one 火灾 (4) fits with the ellipsis... 4 + 1 = 5.
  EXPECT_EQ(fit_to_width("火灾火灾", 5), "火灾…");
  // never half a wide character: 4 columns hold 火 (2) + … (1), 灾 would make 5
  EXPECT_EQ(fit_to_width("火灾火灾", 4), "火…");
  for (size_t w = 1; w < 12; ++w) EXPECT_LE(display_width(fit_to_width("应急 command 指挥中心", w)), w);
}

TEST(TextWidth, PadFillsToTheColumn) {
  EXPECT_EQ(pad_to_width("待命", 6), "待命  ");
  EXPECT_EQ(pad_to_width("toolong", 3), "toolong");
}

TEST(TextWidth, InvalidBytesCountAsNarrowCharacters) {
  EXPECT_EQ(display_width(std::string("a\xff" "b")), 3u);
  EXPECT_EQ(display_width(std::string("\xe7\x81")), 2u);  // a cut 3-byte sequence
}

}  // namespace
}  // namespace erde::console
