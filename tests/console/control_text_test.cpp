// Free text from the server (addresses, reasons, names) never reaches the terminal raw: an
// escape sequence that would set the window title, clear the screen or write the clipboard, a
// newline that would forge a line, a bidi override — all print as visible escapes.
#include <gtest/gtest.h>

#include "picture_fixture.hpp"
#include "render.hpp"

namespace erde::console {
namespace {

using nlohmann::json;

// True when a terminal would act on something in `line` instead of printing it.
bool has_control(const std::string& line) {
  for (size_t k = 0; k < line.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(line[k]);
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xc2 && k + 1 < line.size() && static_cast<unsigned char>(line[k + 1]) >= 0x80 &&
        static_cast<unsigned char>(line[k + 1]) <= 0x9f)
      return true;  // C1
    if (line.compare(k, 3, "\u202e") == 0 || line.compare(k, 3, "\u200b") == 0) return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

TEST(ControlText, PicturePrintsControlSequencesAsVisibleEscapes) {
  json snapshot = testing::snapshot_result();
  json& state = snapshot["state"];
  state["incidents"][0]["address"] = "\x1b]0;pwned\x07\x1b[2J仓库\u202eevil";
  state["teams"][1]["name"] = "消防\n二中队";
  json closed = testing::incident("I-000002", "closed");
  closed["close_reason"] = "done\x1b]52;c;ZXZpbA==\x07";
  state["incidents"].push_back(closed);
  state["closures"].push_back({{"id", "C-1"}, {"reason", "collapse\r\nFAKE LINE"},
                               {"geometry", {{"type", "LineString"}, {"coordinates", {{113.2, 23.1}, {113.3, 23.2}}}}},
                               {"created_at", 1}, {"by", "ops\u200b"}});
  Picture p;
  ASSERT_TRUE(load_snapshot(p, snapshot, 1000));
  // An update arriving live, with an escape in its reason, goes into the feed.
  json update = testing::incident("I-000003", "open");
  ASSERT_EQ(receive_update(p, "incident.I-000003", 11, update.dump(), 1100), Received::applied);
  json closing = update;
  closing["status"] = "closed";
  closing["close_reason"] = "\x1b[31mred\x1b[0m";
  ASSERT_EQ(receive_update(p, "incident.I-000003", 12, closing.dump(), 1200), Received::applied);

  RenderOptions o;
  o.now_ms = 1500;
  o.width = 200;
  const auto lines = render_picture(p, o);
  for (const auto& line : lines) EXPECT_FALSE(has_control(line)) << line;
  const std::string all = joined(lines);
  EXPECT_NE(all.find("\\e]0;pwned\\x07\\e[2J仓库\\u{202E}evil"), std::string::npos) << all;
  EXPECT_NE(all.find("消防\\n二中队"), std::string::npos) << all;
  EXPECT_NE(all.find("collapse\\r\\nFAKE LINE"), std::string::npos) << all;
  EXPECT_NE(all.find("ops\\u{200B}"), std::string::npos) << all;
  EXPECT_NE(all.find("\\e[31mred\\e[0m"), std::string::npos) << all;
  // The plan of the incident is still found and shown under it.
  EXPECT_NE(all.find("INCOMPLETE 不完整"), std::string::npos) << all;
}

TEST(ControlText, TextOfIsPrintableAndRawTextOfIsAsSent) {
  const json entity = {{"id", "T-1"}, {"name", "a\x1b[2Jb"}};
  EXPECT_EQ(text_of(entity, "name"), "a\\e[2Jb");
  EXPECT_EQ(raw_text_of(entity, "name"), "a\x1b[2Jb");
  EXPECT_EQ(text_of(entity, "missing"), "");
}

}  // namespace
}  // namespace erde::console
