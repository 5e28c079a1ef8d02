#include <gtest/gtest.h>

#include "gateway/replica.hpp"
#include "util/error.hpp"

using namespace erde::web;
using nlohmann::json;

namespace {

json snapshot(uint64_t seq) {
  json plan = {{"format", "erde.plan/1"}, {"teams", {{"assigned", json::array()}}}};
  return {{"seq", seq},
          {"state",
           {{"teams", {{{"id", "T-1"}, {"status", "available"}, {"incident", nullptr}}}},
            {"incidents", {{{"id", "I-1"}, {"drill", false}, {"plan_summary", {{"complete", true}}}},
                           {{"id", "D-1"}, {"drill", true}, {"plan_summary", nullptr}}}},
            {"plans", {{"I-1", plan}}},
            {"closures", json::array()},
            {"shelters", {{{"id", "S-1"}, {"free_places", 100}}}},
            {"depots", {{{"id", "W-1"}}}},
            {"counters", json::object()}}}};
}

}  // namespace

TEST(Replica, LoadsTheSnapshotWithItsPlans) {
  Replica r;
  load_snapshot(r, snapshot(40));
  EXPECT_TRUE(r.synced);
  EXPECT_EQ(r.seq, 40u);
  EXPECT_TRUE(r.entities.count("team.T-1"));
  EXPECT_TRUE(r.entities.count("shelter.S-1"));
  ASSERT_TRUE(r.entities.count("plan.I-1"));
  EXPECT_EQ(r.entities["plan.I-1"]["format"], "erde.plan/1");
  EXPECT_FALSE(r.entities.count("plan.D-1"));
  EXPECT_EQ(r.depots.size(), 1u);
}

TEST(Replica, RefusesASnapshotWithoutSequence) {
  Replica r;
  EXPECT_THROW(load_snapshot(r, json{{"state", json::object()}}), erde::Error);
  EXPECT_FALSE(r.synced);
}

TEST(Replica, AppliesTheNextUpdateDropsOldOnesAndDetectsGaps) {
  Replica r;
  EXPECT_EQ(apply_update(r, "team.T-1", 1, json::object()), Applied::not_synced);
  load_snapshot(r, snapshot(40));
  EXPECT_EQ(apply_update(r, "team.T-1", 40, {{"id", "T-1"}, {"status", "off_duty"}}), Applied::stale);
  EXPECT_EQ(r.entities["team.T-1"]["status"], "available");
  EXPECT_EQ(apply_update(r, "team.T-1", 41, {{"id", "T-1"}, {"status", "dispatched"}}), Applied::applied);
  EXPECT_EQ(r.entities["team.T-1"]["status"], "dispatched");
  EXPECT_EQ(r.seq, 41u);
  EXPECT_EQ(apply_update(r, "closure.C-1", 42, {{"id", "C-1"}}), Applied::applied);
  EXPECT_EQ(apply_update(r, "closure.C-1", 43, {{"id", "C-1"}, {"removed", true}}), Applied::applied);
  EXPECT_FALSE(r.entities.count("closure.C-1"));
  EXPECT_EQ(apply_update(r, "team.T-1", 45, json::object()), Applied::gap);
  EXPECT_FALSE(r.synced);
  EXPECT_EQ(r.seq, 43u);
}

TEST(Replica, AHeartbeatAheadOfTheReplicaMeansUpdatesWereLost) {
  Replica r;
  load_snapshot(r, snapshot(40));
  EXPECT_EQ(apply_heartbeat(r, 40), Applied::stale);
  EXPECT_TRUE(r.synced);
  EXPECT_EQ(apply_heartbeat(r, 41), Applied::gap);
  EXPECT_FALSE(r.synced);
}

TEST(Replica, DrillTrafficIsMarked) {
  Replica r;
  load_snapshot(r, snapshot(40));
  EXPECT_FALSE(is_drill(r, "incident.I-1", r.entities["incident.I-1"]));
  EXPECT_TRUE(is_drill(r, "incident.D-1", r.entities["incident.D-1"]));
  EXPECT_TRUE(is_drill(r, "plan.D-1", {{"format", "erde.plan/1"}}));
  EXPECT_FALSE(is_drill(r, "plan.I-1", r.entities["plan.I-1"]));
  EXPECT_TRUE(is_drill(r, "drill.inject", {{"text", "an inject"}}));
  EXPECT_TRUE(is_drill(r, "team.T-1", {{"id", "T-1"}, {"incident", "D-1"}}));
  EXPECT_FALSE(is_drill(r, "team.T-1", {{"id", "T-1"}, {"incident", "I-1"}}));
  EXPECT_TRUE(is_drill(r, "incident.X", {{"id", "X"}, {"drill_id", "EX-2024-3"}}));
  EXPECT_FALSE(is_drill(r, "incident.X", {{"id", "X"}, {"drill_id", nullptr}}));

  json state = replica_json(r);
  EXPECT_EQ(state["seq"], 40);
  EXPECT_EQ(state["entities"]["incident.D-1"]["_drill"], true);
  EXPECT_FALSE(state["entities"]["incident.I-1"].contains("_drill"));
}
