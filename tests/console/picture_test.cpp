// The picture applies a snapshot and then only the next update in sequence; anything else is
// ignored (already seen) or asks for a resync (lost updates).
#include <gtest/gtest.h>

#include "picture.hpp"
#include "picture_fixture.hpp"

namespace erde::console {
namespace {

using nlohmann::json;
using testing::snapshot_result;
using testing::team;

Picture synced_picture() {
  Picture p;
  EXPECT_TRUE(load_snapshot(p, snapshot_result(), 1000));
  return p;
}

TEST(Picture, SnapshotGivesEntitiesBySequence) {
  Picture p = synced_picture();
  EXPECT_TRUE(p.replica.synced);
  EXPECT_EQ(p.replica.seq, 10u);
  EXPECT_EQ(teams_of(p).size(), 2u);
  ASSERT_EQ(incidents_of(p, true).size(), 1u);
  EXPECT_TRUE(incidents_of(p, false).empty());
  EXPECT_EQ(p.replica.entities.count("shelter.S-1"), 1u);
  EXPECT_EQ(p.last_heard_ms, 1000);
}

TEST(Picture, MalformedSnapshotLeavesItUnsynced) {
  Picture p;
  EXPECT_FALSE(load_snapshot(p, json{{"seq", -1}, {"state", json::object()}}, 0));
  EXPECT_FALSE(load_snapshot(p, json{{"seq", 3}}, 0));
  EXPECT_FALSE(p.replica.synced);
}

TEST(Picture, NextUpdateAppliesAndIsDescribedInBothLanguages) {
  Picture p = synced_picture();
  auto body = team("T-01", "消防一中队", "dispatched", "I-000001").dump();
  EXPECT_EQ(receive_update(p, "team.T-01", 11, body, 1100), Received::applied);
  EXPECT_EQ(p.replica.seq, 11u);
  EXPECT_EQ(p.replica.entities["team.T-01"]["status"], "dispatched");
  ASSERT_FALSE(p.feed.empty());
  EXPECT_EQ(p.feed.back().seq, 11u);
  EXPECT_NE(p.feed.back().text.find("T-01 消防一中队: available 待命 → dispatched 出动 (I-000001)"),
            std::string::npos)
      << p.feed.back().text;
}

TEST(Picture, OldUpdatesAndHeartbeatsInStepAreIgnored) {
  Picture p = synced_picture();
  auto added = p.feed_added;
  auto body = team("T-01", "x", "off_duty").dump();
  EXPECT_EQ(receive_update(p, "team.T-01", 10, body, 1100), Received::ignored);  // in the snapshot
  EXPECT_EQ(receive_update(p, "team.T-01", 3, body, 1100), Received::ignored);
  EXPECT_EQ(receive_update(p, "HUGZ", 10, "{}", 1100), Received::ignored);
  EXPECT_EQ(receive_update(p, "HUGZ", 9, "{}", 1100), Received::ignored);  // queued before the snapshot
  EXPECT_EQ(p.replica.entities["team.T-01"]["status"], "available");
  EXPECT_EQ(p.feed_added, added);
  EXPECT_EQ(p.last_heard_ms, 1100);  // but the server was heard
}

TEST(Picture, AGapAsksForAResyncAndNothingIsAppliedUntilTheNextSnapshot) {
  Picture p = synced_picture();
  auto body = team("T-01", "x", "dispatched", "I-000001").dump();
  EXPECT_EQ(receive_update(p, "team.T-01", 12, body, 1100), Received::resync_needed);  // 11 lost
  EXPECT_FALSE(p.replica.synced);
  EXPECT_EQ(receive_update(p, "team.T-01", 13, body, 1100), Received::resync_needed);
  EXPECT_EQ(p.replica.entities["team.T-01"]["status"], "available");
  json later = snapshot_result();
  later["seq"] = 13;
  ASSERT_TRUE(load_snapshot(p, later, 1200));
  EXPECT_EQ(receive_update(p, "team.T-01", 14, body, 1300), Received::applied);
}

TEST(Picture, AHeartbeatAheadMeansUpdatesWereLost) {
  Picture p = synced_picture();
  EXPECT_EQ(receive_update(p, "HUGZ", 11, R"({"seq": 11})", 1100), Received::resync_needed);
  EXPECT_FALSE(p.replica.synced);
}

TEST(Picture, AnUnreadableBodyCountsAsLost) {
  Picture p = synced_picture();
  EXPECT_EQ(receive_update(p, "team.T-01", 11, "{not json", 1100), Received::resync_needed);
  EXPECT_EQ(p.replica.seq, 10u);
}

TEST(Picture, RemovedBodyDeletesTheEntity) {
  Picture p = synced_picture();
  json closure = {{"id", "C-000001"}, {"reason", "积水"}, {"by", "ops"}, {"radius_m", 40},
                  {"geometry", {{"type", "Point"}, {"coordinates", {113.27, 23.13}}}}};
  ASSERT_EQ(receive_update(p, "closure.C-000001", 11, closure.dump(), 1100), Received::applied);
  EXPECT_EQ(closures_of(p).size(), 1u);
  json removed = {{"id", "C-000001"}, {"removed", true}, {"removed_at", 5}, {"by", "ops"}};
  ASSERT_EQ(receive_update(p, "closure.C-000001", 12, removed.dump(), 1200), Received::applied);
  EXPECT_TRUE(closures_of(p).empty());
  EXPECT_NE(p.feed.back().text.find("C-000001: removed 解除"), std::string::npos) << p.feed.back().text;
}

TEST(Picture, ThePlanInForceIsTheLatestPlanUpdateElseTheIncidents) {
  Picture p = synced_picture();
  const json* plan = plan_of(p, "I-000001");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ((*plan)["teams"]["assigned"][0]["team_id"], "T-02");
  ASSERT_EQ(receive_update(p, "plan.I-000001", 11, testing::fire_plan("T-01", 90).dump(), 1100),
            Received::applied);
  EXPECT_EQ((*plan_of(p, "I-000001"))["teams"]["assigned"][0]["team_id"], "T-01");
  EXPECT_NE(p.feed.back().text.find("1 teams 队伍, staffed in 全部到场 1m30s, 1 short 缺口"),
            std::string::npos)
      << p.feed.back().text;
  EXPECT_EQ(plan_of(p, "I-999"), nullptr);
}

TEST(Picture, ClosingAnIncidentMovesItToClosed) {
  Picture p = synced_picture();
  json closed = testing::incident("I-000001", "closed");
  closed["close_reason"] = "fire out";
  ASSERT_EQ(receive_update(p, "incident.I-000001", 11, closed.dump(), 1100), Received::applied);
  EXPECT_TRUE(incidents_of(p, true).empty());
  EXPECT_EQ(incidents_of(p, false).size(), 1u);
  EXPECT_NE(p.feed.back().text.find("closed 已结束 (fire out)"), std::string::npos) << p.feed.back().text;
}

TEST(Picture, SilenceIsMoreThanThreeSecondsWithoutAnything) {
  Picture p;
  EXPECT_FALSE(server_silent(p, 1'000'000));  // never heard: connecting, not silent
  p.last_heard_ms = 1000;
  EXPECT_FALSE(server_silent(p, 4000));
  EXPECT_TRUE(server_silent(p, 4001));
}

TEST(Picture, FeedKeepsTheLastLinesAndCountsAll) {
  Picture p = synced_picture();
  p.feed_limit = 3;
  for (int i = 0; i < 5; ++i) add_note(p, "note " + std::to_string(i));
  ASSERT_EQ(p.feed.size(), 3u);
  EXPECT_EQ(p.feed.front().text, "note 2");
  EXPECT_EQ(p.feed_added, 6u);  // the snapshot's line and five notes
}

TEST(Picture, DurationsAndTerms) {
  EXPECT_EQ(format_duration(252.4), "4m12s");
  EXPECT_EQ(format_duration(40), "40s");
  EXPECT_EQ(format_duration(3725), "1h02m");
  EXPECT_EQ(format_duration(-1), "?");
  EXPECT_EQ(term_label(json{{"en", "hazmat"}, {"zh", "危化"}}), "hazmat 危化");
  EXPECT_EQ(incident_type_label("内涝"), "waterlogging 内涝");
  EXPECT_EQ(team_status_label("mystery"), "mystery");
}

}  // namespace
}  // namespace erde::console
