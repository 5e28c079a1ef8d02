// The phase-1 state machine without sockets: lifecycle, incidents, closures, snapshot/restore.
#include <gtest/gtest.h>

#include "service/domain_state.hpp"
#include "service/sample_dataset.hpp"
#include "service_fixture.hpp"

namespace erde::service {
namespace {

using nlohmann::json;

using Machine = testing::DirectMachine;

json fire() { return {{"type", "fire"}, {"location", {{"lon", 113.27}, {"lat", 23.13}}}}; }

TEST(DomainState, TeamLifecycleFollowsTheAllowedTransitions) {
  Machine s;
  ASSERT_EQ(s.run("incident.submit", fire()), "");
  EXPECT_EQ(s.run("team.status", {{"team", "T-fire-1"}, {"status", "on_scene"}}), "conflict");
  std::vector<Update> u;
  ASSERT_EQ(s.run("team.status", {{"team", "T-fire-1"}, {"status", "dispatched"}, {"incident", "I-000001"}}, &u), "");
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].topic, "team.T-fire-1");
  EXPECT_EQ(u[0].body["status"], "dispatched");
  EXPECT_EQ(u[0].body["incident"], "I-000001");
  EXPECT_EQ(s.run("team.status", {{"team", "T-fire-1"}, {"status", "available"}}), "conflict");
  ASSERT_EQ(s.run("team.status", {{"team", "T-fire-1"}, {"status", "到场"}}), "");
  ASSERT_EQ(s.run("team.status", {{"team", "T-fire-1"}, {"status", "returning"}}), "");
  ASSERT_EQ(s.run("team.status", {{"team", "T-fire-1"}, {"status", "available"}}, &u), "");
  EXPECT_TRUE(u[0].body["incident"].is_null());
  ASSERT_EQ(s.run("team.status", {{"team", "T-fire-1"}, {"status", "off_duty"}}), "");
  ASSERT_EQ(s.run("team.status", {{"team", "T-fire-1"}, {"status", "available"}}), "");
  EXPECT_EQ(s.run("team.status", {{"team", "T-nope"}, {"status", "available"}}), "unknown_id");
  EXPECT_EQ(s.run("team.status", {{"team", "T-water-1"}, {"status", "sleeping"}}), "bad_value");
  EXPECT_EQ(s.run("team.status", {{"team", "T-water-1"}, {"status", "dispatched"}, {"incident", "I-9"}}),
            "unknown_id");
}

TEST(DomainState, IncidentsAreSubmittedUpdatedAndClosed) {
  Machine s;
  std::vector<Update> u;
  ASSERT_EQ(s.run("incident.submit", fire(), &u), "");
  EXPECT_EQ(u[0].topic, "incident.I-000001");
  EXPECT_EQ(u[0].body["status"], "open");
  EXPECT_TRUE(u[0].body["plan_summary"].is_null());
  EXPECT_EQ(u[0].body["submitted_by"], "tester");
  json own = fire();
  own["id"] = "I-000002";  // a client-chosen id that the counter would produce next
  ASSERT_EQ(s.run("incident.submit", own), "");
  EXPECT_EQ(s.run("incident.submit", own), "conflict");
  ASSERT_EQ(s.run("incident.submit", fire(), &u), "");
  EXPECT_EQ(u[0].body["id"], "I-000003");
  EXPECT_EQ(s.run("incident.update", {{"id", "I-000001"}}), "bad_request");
  ASSERT_EQ(s.run("incident.update", {{"id", "I-000001"}, {"severity", "重大"}}, &u), "");
  EXPECT_EQ(u[0].body["severity"], "major");
  ASSERT_EQ(s.run("incident.close", {{"id", "I-000001"}, {"reason", "扑灭"}}, &u), "");
  EXPECT_EQ(u[0].body["status"], "closed");
  EXPECT_EQ(s.run("incident.update", {{"id", "I-000001"}, {"severity", "general"}}), "conflict");
  EXPECT_EQ(s.run("incident.close", {{"id", "I-000001"}}), "conflict");
  EXPECT_EQ(s.run("incident.close", {{"id", "I-404"}}), "unknown_id");
  EXPECT_EQ(s.run("incident.submit", {{"type", "fire"}, {"location", {{"lon", 200}, {"lat", 0}}}}),
            "out_of_range");
  EXPECT_EQ(s.run("incident.submit", {{"type", "fire"}, {"location", {{"lon", 1}, {"lat", 0}}}, {"severty", "large"}}),
            "bad_request");
}

TEST(DomainState, ClosuresAreAddedAndRemoved) {
  Machine s;
  json square = {{"type", "Polygon"},
                 {"coordinates", {{{113.27, 23.12}, {113.28, 23.12}, {113.28, 23.13}, {113.27, 23.12}}}}};
  std::vector<Update> u;
  ASSERT_EQ(s.run("closure.add", {{"reason", "内涝"}, {"geometry", square}}, &u), "");
  EXPECT_EQ(u[0].topic, "closure.C-000001");
  json open_ring = square;
  open_ring["coordinates"][0][3] = {113.0, 23.0};
  EXPECT_EQ(s.run("closure.add", {{"reason", "x"}, {"geometry", open_ring}}), "bad_value");
  EXPECT_EQ(s.run("closure.add", {{"reason", "x"}, {"geometry", square}, {"radius_m", 10}}), "bad_request");
  ASSERT_EQ(s.run("closure.add", {{"id", "tunnel"}, {"reason", "x"}, {"radius_m", 50},
                                  {"geometry", {{"type", "Point"}, {"coordinates", {113.2, 23.1}}}}}), "");
  ASSERT_EQ(s.run("closure.remove", {{"id", "tunnel"}}, &u), "");
  EXPECT_EQ(u[0].body["removed"], true);
  EXPECT_EQ(s.run("closure.remove", {{"id", "tunnel"}}), "unknown_id");
}

TEST(DomainState, SnapshotRestoresToAnEqualState) {
  Machine s;
  ASSERT_EQ(s.run("incident.submit", fire()), "");
  ASSERT_EQ(s.run("team.status", {{"team", "T-water-1"}, {"status", "dispatched"}, {"incident", "I-000001"}}), "");
  ASSERT_EQ(s.run("team.position", {{"team", "T-water-1"}, {"location", {{"lon", 113.3}, {"lat", 23.1}}}}), "");
  ASSERT_EQ(s.run("closure.add", {{"reason", "r"}, {"geometry", {{"type", "LineString"},
                                  {"coordinates", {{113.2, 23.1}, {113.21, 23.11}}}}}}), "");
  json snap = s.m.snapshot();
  Machine other;
  other.m.restore(snap);
  EXPECT_EQ(other.m.snapshot(), snap);
  // Counters survive: the next generated id continues.
  std::vector<Update> u;
  other.now = s.now;
  ASSERT_EQ(other.run("incident.submit", fire(), &u), "");
  EXPECT_EQ(u[0].body["id"], "I-000002");
}

TEST(DomainState, QueriesAnswerAndRefuse) {
  Machine s;
  ASSERT_EQ(s.run("incident.submit", fire()), "");
  auto r = s.m.query("query.incident", {{"id", "I-000001"}});
  ASSERT_TRUE(std::holds_alternative<json>(r));
  EXPECT_EQ(std::get<json>(r)["type"], "fire");
  r = s.m.query("query.teams", {{"status", "available"}});
  EXPECT_EQ(std::get<json>(r).size(), 3u);
  r = s.m.query("query.resources", json::object());
  EXPECT_EQ(std::get<json>(r)["depots"][0]["stock"][0]["material"], "sandbag");
  r = s.m.query("query.team", {{"id", "nope"}});
  EXPECT_EQ(std::get<RequestError>(r).code, "unknown_id");
  r = s.m.query("query.nearest", json::object());
  EXPECT_EQ(std::get<RequestError>(r).code, "not_implemented");
}

TEST(DomainState, OnlyTheNewestClosedIncidentsStayInTheLivePicture) {
  Machine s;
  const size_t total = kClosedIncidentsKept + 3;
  for (size_t n = 0; n < total; ++n) ASSERT_EQ(s.run("incident.submit", fire()), "");
  ASSERT_EQ(s.run("incident.submit", fire()), "");  // I-(total+1) stays open throughout
  std::vector<std::string> archived;
  for (size_t n = 1; n <= total; ++n) {
    char id[16];
    std::snprintf(id, sizeof id, "I-%06zu", n);
    std::vector<Update> u;
    ASSERT_EQ(s.run("incident.close", {{"id", id}}, &u), "");
    for (const Update& x : u)
      if (x.topic.rfind("incident.", 0) == 0 && x.body.value("removed", false)) archived.push_back(x.body["id"]);
  }
  // The three oldest closed ones left, in closing order, each with its plan topic.
  ASSERT_EQ(archived, (std::vector<std::string>{"I-000001", "I-000002", "I-000003"}));
  const json snap = s.m.snapshot();
  size_t closed = 0, open = 0;
  for (const json& i : snap["incidents"]) (i["status"] == "open" ? open : closed)++;
  EXPECT_EQ(closed, kClosedIncidentsKept);
  EXPECT_EQ(open, 1u);
  EXPECT_EQ(s.run("incident.close", {{"id", "I-000001"}}), "unknown_id");
}

}  // namespace
}  // namespace erde::service
