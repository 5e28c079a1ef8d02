// The picture as text: incidents with their plan (teams, ETAs, shortfalls), team statuses,
// closures, the feed, and the server's state — in both languages and within the width.
#include <gtest/gtest.h>

#include "picture_fixture.hpp"
#include "render.hpp"
#include "text_width.hpp"

namespace erde::console {
namespace {

using nlohmann::json;

Picture synced_picture() {
  Picture p;
  EXPECT_TRUE(load_snapshot(p, testing::snapshot_result(), 1000));
  return p;
}

// The first line holding every one of `parts`, or "" when none does.
std::string line_with(const std::vector<std::string>& lines, std::initializer_list<const char*> parts) {
  for (const auto& line : lines) {
    bool all = true;
    for (const char* part : parts) all = all && line.find(part) != std::string::npos;
    if (all) return line;
  }
  return "";
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

TEST(Render, IncidentWithItsPlanTeamsEtasAndShortfalls) {
  Picture p = synced_picture();
  RenderOptions o;
  o.now_ms = 1500;
  o.width = 160;
  auto lines = render_picture(p, o);
  EXPECT_NE(line_with(lines, {"I-000001", "fire 火灾", "large 较大", "113.27060, 23.14620", "仓库"}), "")
      << joined(lines);
  EXPECT_NE(line_with(lines, {"plan 方案", "INCOMPLETE 不完整", "1 teams", "4m12s"}), "") << joined(lines);
  // the assigned team with its capability, ETA and live status
  EXPECT_NE(line_with(lines, {"T-02", "消防二中队", "fire_fighting 灭火", "ETA 4m12s", "dispatched 出动"}), "")
      << joined(lines);
  EXPECT_NE(line_with(lines, {"shortfall 缺口", "water_rescue 水域救援 ×1", "busy or off duty"}), "")
      << joined(lines);
  EXPECT_NE(line_with(lines, {"materials 物资", "short 缺 500 bag sandbag 沙包"}), "") << joined(lines);
}

TEST(Render, ASubstituteSaysWhatItStandsInForAndThePlansNote) {
  Picture p = synced_picture();
  json plan = testing::fire_plan("T-02", 300);
  json& a = plan["teams"]["assigned"][0];
  a["capability"] = {{"en", "medical"}, {"zh", "医疗"}};
  a["filled_by"] = "substitute";
  a["substitute_by"] = {{"en", "fire_fighting"}, {"zh", "灭火"}};
  a["substitute_note"] = "初期急救\u001b[2J first aid";  // a control sequence from the file stays visible
  ASSERT_EQ(receive_update(p, "plan.I-000001", 11, plan.dump(), 1100), Received::applied);
  RenderOptions o;
  o.width = 160;
  const auto lines = render_picture(p, o);
  EXPECT_NE(line_with(lines, {"T-02", "medical 医疗", "ETA 5m00s"}), "") << joined(lines);
  const std::string sub = line_with(lines, {"substitute 替代 by fire_fighting 灭火: 初期急救", "first aid"});
  EXPECT_NE(sub, "") << joined(lines);
  EXPECT_EQ(sub.find('\x1b'), std::string::npos) << sub;
}

TEST(Render, FirstDueTeamsSentAndNotSent) {
  Picture p = synced_picture();
  json plan = testing::fire_plan("T-02", 300);
  plan["teams"]["assigned"][0]["filled_by"] = "first_due";
  plan["teams"]["assigned"][0]["first_due_area_id"] = "RA-07";
  plan["teams"]["first_due"] = json::array(
      {{{"team_id", "T-02"}, {"team_name", "消防二中队"}, {"area_id", "RA-07"}, {"sent", true}, {"note", ""}},
       {{"team_id", "T-09"}, {"team_name", "街道队\u200b"}, {"area_id", "RA-01"}, {"sent", false},
        {"note", "has none of the capabilities this plan asks for"}}});
  ASSERT_EQ(receive_update(p, "plan.I-000001", 11, plan.dump(), 1100), Received::applied);
  RenderOptions o;
  o.width = 200;
  const auto lines = render_picture(p, o);
  EXPECT_NE(line_with(lines, {"first-due 辖区 RA-07"}), "") << joined(lines);
  const std::string passed = line_with(lines, {"first-due 辖区", "[T-09] not sent: has none of the capabilities"});
  EXPECT_NE(passed, "") << joined(lines);
  EXPECT_EQ(passed.find("\u200b"), std::string::npos) << passed;  // the hidden character is shown, not passed on
  EXPECT_EQ(line_with(lines, {"[T-02] not sent"}), "") << joined(lines);
}

TEST(Render, APreemptedTeamAndTheTeamsThePlanMayTake) {
  Picture p = synced_picture();
  json plan = testing::fire_plan("T-02", 300);
  plan["teams"]["assigned"][0]["filled_by"] = "preempted";
  plan["teams"]["assigned"][0]["preempted_from"] = "I-000004";
  plan["teams"]["preemption"] = json::array(
      {{{"capability", {{"en", "water_rescue"}, {"zh", "水域救援"}}}, {"team_id", "T-07"}, {"team_name", "水上队\u202e"},
        {"eta_s", 420}, {"from_incident", "I-000002"}, {"from_severity", {{"en", "general"}, {"zh", "一般"}}}},
       {{"capability", {{"en", "medical"}, {"zh", "医疗"}}}, {"team_id", "T-08"}, {"team_name", "消防八中队"},
        {"eta_s", 90}, {"from_incident", "I-000002"}, {"from_severity", {{"en", "general"}, {"zh", "一般"}}},
        {"substitute_by", {{"en", "fire_fighting"}, {"zh", "灭火"}}}}});
  ASSERT_EQ(receive_update(p, "plan.I-000001", 11, plan.dump(), 1100), Received::applied);
  RenderOptions o;
  o.width = 220;
  const auto lines = render_picture(p, o);
  EXPECT_NE(line_with(lines, {"pre-empted 抽调 from I-000004"}), "") << joined(lines);
  const std::string water = line_with(lines, {"may pre-empt 可抽调 for water_rescue 水域救援: 水上队", "[T-07] from I-000002 (general 一般), ETA 7m00s"});
  EXPECT_NE(water, "") << joined(lines);
  EXPECT_EQ(water.find("\u202e"), std::string::npos) << water;  // the bidi override is shown, not passed on
  EXPECT_NE(line_with(lines, {"for medical 医疗: 消防八中队 [T-08]", "ETA 1m30s as substitute 替代 fire_fighting 灭火"}), "")
      << joined(lines);
}

TEST(Render, WhatAnIncidentGaveUpToOthers) {
  Picture p = synced_picture();
  json plan = testing::fire_plan("T-02", 300);
  plan["gave_up"] = json::array(
      {{{"kind", "material"}, {"material", {{"en", "sandbag"}, {"zh", "沙包"}}}, {"quantity", 100}, {"unit", "bag"},
        {"to", {"I-000002"}}},
       {{"kind", "team"}, {"team_id", "T-05"}, {"capability", {{"en", "drainage"}, {"zh", "排水"}}}, {"to", {"I-000003\u001b[2J"}},
        {"instead", "T-09"}},
       {{"kind", "shelter_places"}, {"quantity", 40}, {"unit", "people"}, {"to", json::array()}}});
  ASSERT_EQ(receive_update(p, "plan.I-000001", 11, plan.dump(), 1100), Received::applied);
  RenderOptions o;
  o.width = 200;
  const auto lines = render_picture(p, o);
  EXPECT_NE(line_with(lines, {"gave up 让出: 100 bag sandbag 沙包 to I-000002"}), "") << joined(lines);
  const std::string team = line_with(lines, {"gave up 让出: team T-05 (drainage 排水) to I-000003", "; T-09 fills the slot instead"});
  EXPECT_NE(team, "") << joined(lines);
  EXPECT_EQ(team.find('\x1b'), std::string::npos) << team;
  EXPECT_NE(line_with(lines, {"gave up 让出: shelter places for 40 people"}), "") << joined(lines);
}

TEST(Render, MutualAidRequestsSayWhoIsAskedForWhat) {
  Picture p = synced_picture();
  json plan = testing::fire_plan("T-02", 300);
  plan["mutual_aid"] = json::array(
      {{{"to", "市消防救援支队\u001b[31m"}, {"contact", "119"},
        {"needs", json::array({{{"kind", "team"}, {"capability", {{"en", "water_rescue"}, {"zh", "水域救援"}}},
                                {"missing", 2}, {"unit", "team"}},
                               {{"kind", "shelter_places"}, {"missing", 120}, {"unit", "people"}}})}},
       {{"to", nullptr}, {"contact", ""},
        {"needs", json::array({{{"kind", "material"}, {"material", {{"en", "sandbag"}, {"zh", "沙包"}}},
                                {"missing", 500}, {"unit", "bag"}}})}}});
  ASSERT_EQ(receive_update(p, "plan.I-000001", 11, plan.dump(), 1100), Received::applied);
  RenderOptions o;
  o.width = 200;
  const auto lines = render_picture(p, o);
  const std::string fire = line_with(lines, {"mutual aid 增援请求 → 市消防救援支队", "(119): 2 team water_rescue 水域救援",
                                             "120 people shelter places"});
  EXPECT_NE(fire, "") << joined(lines);
  EXPECT_EQ(fire.find('\x1b'), std::string::npos) << fire;
  EXPECT_NE(line_with(lines, {"mutual aid 增援请求 → (no contact in the response plans): 500 bag sandbag 沙包"}), "")
      << joined(lines);
}

TEST(Render, TeamsByStatusAndClosures) {
  Picture p = synced_picture();
  json closure = {{"id", "C-000001"}, {"reason", "积水封路"}, {"by", "ops"}, {"radius_m", 40},
                  {"geometry", {{"type", "Point"}, {"coordinates", {113.27, 23.13}}}}};
  ASSERT_EQ(receive_update(p, "closure.C-000001", 11, closure.dump(), 1100), Received::applied);
  auto lines = render_picture(p, {});
  EXPECT_NE(line_with(lines, {"Teams 队伍 — 2:", "1 available 待命", "1 dispatched 出动"}), "") << joined(lines);
  EXPECT_NE(line_with(lines, {"T-02", "dispatched 出动", "→ I-000001"}), "") << joined(lines);
  EXPECT_NE(line_with(lines, {"available 待命: T-01"}), "") << joined(lines);
  EXPECT_NE(line_with(lines, {"Closures 道路封闭 — 1"}), "") << joined(lines);
  EXPECT_NE(line_with(lines, {"C-000001", "积水封路", "Point at 113.27000, 23.13000 r=40 m", "by ops"}), "")
      << joined(lines);
  EXPECT_NE(line_with(lines, {"#11", "closure 封路 C-000001"}), "") << joined(lines);  // the feed
}

TEST(Render, ClosedIncidentsAreListedBriefly) {
  Picture p = synced_picture();
  json closed = testing::incident("I-000001", "closed");
  closed["close_reason"] = "fire out";
  ASSERT_EQ(receive_update(p, "incident.I-000001", 11, closed.dump(), 1100), Received::applied);
  auto lines = render_picture(p, {});
  EXPECT_NE(line_with(lines, {"0 open 处置中", "1 closed 已结束"}), "") << joined(lines);
  EXPECT_NE(line_with(lines, {"○ I-000001", "closed 已结束 (fire out)"}), "") << joined(lines);
  EXPECT_EQ(line_with(lines, {"ETA"}), "") << joined(lines);
}

TEST(Render, NoLineIsWiderThanAsked) {
  Picture p = synced_picture();
  for (size_t width : {40u, 61u, 100u, 160u}) {
    RenderOptions o;
    o.width = width;
    for (const auto& line : render_picture(p, o)) EXPECT_LE(display_width(line), width) << line;
  }
}

TEST(Render, TheStatusSaysLiveSilentOrResyncing) {
  Picture p = synced_picture();
  EXPECT_NE(render_status(p, 2000).find("seq 10 · live 在线"), std::string::npos) << render_status(p, 2000);
  std::string silent = render_status(p, 1000 + 7500);
  EXPECT_NE(silent.find("SERVER SILENT 服务器无响应 for 7s"), std::string::npos) << silent;
  ASSERT_EQ(receive_update(p, "HUGZ", 14, "{}", 9000), Received::resync_needed);
  EXPECT_NE(render_status(p, 9000).find("resyncing"), std::string::npos);
  Picture never;
  EXPECT_NE(render_status(never, 0).find("connecting"), std::string::npos);
  RenderOptions o;
  o.now_ms = 1000 + 7500;
  Picture again = synced_picture();
  EXPECT_NE(render_picture(again, o).front().find("SERVER SILENT"), std::string::npos);
}

TEST(Render, ManyAvailableTeamsWrapUnderTheirLabel) {
  Picture p;
  json result = testing::snapshot_result();
  result["state"]["teams"] = json::array();
  for (int i = 0; i < 40; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "T-%02d", i);
    result["state"]["teams"].push_back(testing::team(id, "队", "available"));
  }
  ASSERT_TRUE(load_snapshot(p, result, 0));
  RenderOptions o;
  o.width = 60;
  auto lines = render_picture(p, o);
  size_t listed = 0;
  for (const auto& line : lines)
    for (size_t at = line.find("T-"); at != std::string::npos; at = line.find("T-", at + 1)) ++listed;
  EXPECT_EQ(listed, 40u + 1u) << joined(lines);  // 40 available + T-02 in the incident's plan
}

}  // namespace
}  // namespace erde::console
