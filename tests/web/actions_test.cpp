#include <gtest/gtest.h>

#include "gateway/actions.hpp"

using namespace erde::web;
using nlohmann::json;
using erde::service::Role;

namespace {

std::string refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const BadPayload& bad) {
    return bad.field + ": " + bad.message;
  }
  return "accepted";
}

}  // namespace

TEST(Actions, IncidentBecomesASubmitNeedingADispatcher) {
  auto a = incident_action({{"type", "fire"}, {"severity", "large"}, {"location", {{"lon", 113.27}, {"lat", 23.13}}},
                            {"address", "越秀路"}, {"description", ""}, {"drill", true}});
  EXPECT_EQ(a.kind, "incident.submit");
  EXPECT_EQ(a.needs, Role::dispatcher);
  EXPECT_EQ(a.args, json({{"type", "fire"}, {"severity", "large"}, {"location", {{"lon", 113.27}, {"lat", 23.13}}},
                          {"address", "越秀路"}, {"drill", true}}));
}

TEST(Actions, BadIncidentPayloadsNameTheField) {
  EXPECT_EQ(refusal([] { incident_action(json::array()); }), ": the body must be a JSON object");
  EXPECT_EQ(refusal([] { incident_action({{"location", {{"lon", 1}, {"lat", 2}}}}); }), "type: type is required");
  EXPECT_EQ(refusal([] { incident_action({{"type", "fire"}}); }), "location: location {lon, lat} is required");
  EXPECT_EQ(refusal([] { incident_action({{"type", "fire"}, {"location", {{"lon", "x"}, {"lat", 2}}}}); }),
            "location.lon: lon must be a number");
  EXPECT_EQ(refusal([] { incident_action({{"type", "fire"}, {"location", {{"lon", 1}, {"lat", 2}}}, {"drill", "yes"}}); }),
            "drill: drill must be true or false");
  EXPECT_EQ(refusal([] { incident_action({{"type", "fire"}, {"location", {{"lon", 1}, {"lat", 2}}}, {"priority", 1}}); }),
            "priority: unknown field 'priority'");
  EXPECT_EQ(refusal([] { incident_action({{"type", std::string(101, 'x')}, {"location", {{"lon", 1}, {"lat", 2}}}}); }),
            "type: type is longer than 100 bytes");
}

TEST(Actions, ClosuresNeedAnAdminAndAGeometry) {
  json ring = {{113.0, 23.0}, {113.1, 23.0}, {113.1, 23.1}, {113.0, 23.0}};
  auto a = closure_action({{"reason", "内涝"}, {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}});
  EXPECT_EQ(a.kind, "closure.add");
  EXPECT_EQ(a.needs, Role::admin);
  EXPECT_EQ(a.args["geometry"]["type"], "Polygon");
  EXPECT_EQ(refusal([] { closure_action({{"reason", "x"}}); }),
            "geometry: geometry must be a GeoJSON Polygon, LineString or Point");
  EXPECT_EQ(refusal([&] { closure_action({{"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}}); }),
            "reason: reason is required");
  EXPECT_EQ(closure_remove_action("C-000001").needs, Role::admin);
}

TEST(Actions, TeamStatusAndCloseNeedADispatcher) {
  auto status = team_status_action("T-1", {{"status", "on_scene"}});
  EXPECT_EQ(status.kind, "team.status");
  EXPECT_EQ(status.args, json({{"team", "T-1"}, {"status", "on_scene"}}));
  EXPECT_EQ(status.needs, Role::dispatcher);
  auto close = incident_close_action("I-1", {{"reason", "扑灭"}});
  EXPECT_EQ(close.args, json({{"id", "I-1"}, {"reason", "扑灭"}}));
  auto take = incident_preempt_action("I-7", {{"team", "T-3"}, {"capability", "medical"}});
  EXPECT_EQ(take.kind, "incident.preempt");
  EXPECT_EQ(take.args, json({{"incident", "I-7"}, {"team", "T-3"}, {"capability", "medical"}}));
  EXPECT_EQ(take.needs, Role::dispatcher);
  EXPECT_EQ(incident_preempt_action("I-7", {{"team", "T-3"}}).args, json({{"incident", "I-7"}, {"team", "T-3"}}));
  EXPECT_THROW(incident_preempt_action("I-7", json::object()), BadPayload);
  EXPECT_THROW(incident_preempt_action("I-7", {{"team", "T-3"}, {"incident", "I-1"}}), BadPayload);
  EXPECT_THROW(incident_preempt_action("I-7", {{"team", 3}}), BadPayload);
  EXPECT_EQ(event_share_action(json::object()).kind, "event.share");
  EXPECT_EQ(event_share_action(json::object()).args, json::object());
  EXPECT_EQ(event_share_action({{"incidents", {"I-1", "I-2"}}}).args, json({{"incidents", {"I-1", "I-2"}}}));
  EXPECT_THROW(event_share_action({{"incidents", "I-1"}}), BadPayload);
  EXPECT_THROW(event_share_action({{"incidents", {1}}}), BadPayload);
  EXPECT_THROW(event_share_action({{"incidents", {""}}}), BadPayload);
  EXPECT_THROW(event_share_action({{"all", true}}), BadPayload);
}

TEST(Actions, ServiceErrorsMapToHttpStatus) {
  auto reply = [](const char* code) { return json{{"ok", false}, {"error", {{"code", code}}}}; };
  EXPECT_EQ(http_status({{"ok", true}}), 200);
  EXPECT_EQ(http_status(reply("bad_value")), 400);
  EXPECT_EQ(http_status(reply("out_of_range")), 400);
  EXPECT_EQ(http_status(reply("forbidden")), 403);
  EXPECT_EQ(http_status(reply("unknown_id")), 404);
  EXPECT_EQ(http_status(reply("conflict")), 409);
  EXPECT_EQ(http_status(reply("journal_failure")), 502);
  EXPECT_EQ(http_status(json::object()), 502);
}
