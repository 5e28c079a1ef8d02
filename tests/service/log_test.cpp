// The service log: one call is one line, whatever a client put in the fields it names.
#include <gtest/gtest.h>

#include "service/log.hpp"

namespace erde::service {
namespace {

std::string logged(const std::string& line) {
  ::testing::internal::CaptureStderr();
  stderr_log()(line);
  return ::testing::internal::GetCapturedStderr();
}

size_t count(const std::string& s, char c) { return static_cast<size_t>(std::count(s.begin(), s.end(), c)); }

TEST(ServiceLog, AFieldCannotStartAForgedLine) {
  // A kind naming a forged refusal on a line of its own, as a client could send it.
  const std::string out =
      logged("refused incident.close\n2026-11-03T10:15:02Z erde serve: ready from duty (viewer)");
  EXPECT_EQ(count(out, '\n'), 1u) << out;
  EXPECT_EQ(out.back(), '\n');
  EXPECT_NE(out.find("refused incident.close\\n2026-11-03T10:15:02Z erde serve: ready"), std::string::npos) << out;
  EXPECT_NE(out.find(" erde serve: refused"), std::string::npos) << out;
}

TEST(ServiceLog, ControlInvisibleAndBidiCharactersAndBadBytesAreVisible) {
  const std::string out = logged("key a\rb\x1b[2J\x7f\xc2\x85\u200b\u202e\u2066\ufeff\xff!");
  EXPECT_EQ(count(out, '\n'), 1u) << out;
  for (char c : out.substr(0, out.size() - 1))
    EXPECT_TRUE(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) << out;
  EXPECT_NE(out.find("key a\\rb\\e[2J\\x7F\\u{0085}\\u{200B}\\u{202E}\\u{2066}\\u{FEFF}\\xFF!"), std::string::npos)
      << out;
}

TEST(ServiceLog, OrdinaryTextIsUnchanged) {
  const std::string out = logged("refused query.plan from 值班员 (viewer; needs dispatcher)");
  EXPECT_NE(out.find("erde serve: refused query.plan from 值班员 (viewer; needs dispatcher)\n"), std::string::npos);
}

}  // namespace
}  // namespace erde::service
