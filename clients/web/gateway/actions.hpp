#pragma once
// What a browser may ask of the service, checked before it is forwarded: the request kind,
// its args and the role it needs. The service checks values (vocabulary, ranges) again.
#include <string>

#include <nlohmann/json.hpp>

#include "service/role.hpp"

namespace erde::web {

struct Action {
  std::string kind;
  nlohmann::json args;
  service::Role needs = service::Role::admin;
  std::string idempotency_key = {};  // the browser's Idempotency-Key header: a retry is applied once
};

// A browser payload that is not what the endpoint takes: the message names the field.
struct BadPayload {
  std::string field;
  std::string message;
};

// POST /api/incidents: {type, severity?, location {lon, lat}, address?, description?, drill?}
Action incident_action(const nlohmann::json& body);
// POST /api/incidents/<id>/close: {reason?}
Action incident_close_action(const std::string& id, const nlohmann::json& body);
// POST /api/incidents/<id>/preempt: {team, capability?}: the officer confirms a pre-emption
Action incident_preempt_action(const std::string& id, const nlohmann::json& body);
// POST /api/event/share: {incidents?: [id, ...]}: stock and shelter places shared by severity
Action event_share_action(const nlohmann::json& body);
// POST /api/teams/<id>/status: {status, incident?}
Action team_status_action(const std::string& team, const nlohmann::json& body);
// POST /api/closures: {reason, geometry (GeoJSON Polygon, LineString or Point), radius_m?}
Action closure_action(const nlohmann::json& body);
// POST /api/closures/<id>/remove
Action closure_remove_action(const std::string& id);

// The HTTP status for a service reply: 200 when ok, else by its error code (docs/PROTOCOL.md).
int http_status(const nlohmann::json& reply);

}  // namespace erde::web
