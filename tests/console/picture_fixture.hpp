#pragma once
// A small live state written by hand in the shapes of docs/PROTOCOL.md and docs/PLAN_FORMAT.md.
#include <nlohmann/json.hpp>

namespace erde::console::testing {

inline nlohmann::json team(const char* id, const char* name, const char* status,
                           nlohmann::json incident = nullptr) {
  return {{"id", id}, {"name", name}, {"kind", "fire_rescue"}, {"capabilities", {"fire_fighting"}},
          {"headcount", 12}, {"street_id", "ST-01"}, {"base", {{"lon", 113.26}, {"lat", 23.12}}},
          {"position", {{"lon", 113.26}, {"lat", 23.12}}}, {"status", status},
          {"incident", incident}, {"updated_at", nullptr}};
}

inline nlohmann::json fire_plan(const char* team_id, double eta_s) {
  return {{"format", "erde.plan/1"},
          {"complete", false},
          {"teams",
           {{"assigned",
             {{{"capability", {{"en", "fire_fighting"}, {"zh", "灭火"}}},
               {"team_id", team_id}, {"team_name", "消防二中队"}, {"eta_s", eta_s}, {"route", nullptr}}}},
            {"shortfall",
             {{{"capability", {{"en", "water_rescue"}, {"zh", "水域救援"}}}, {"missing", 1},
               {"reason", "every team with capability water_rescue is busy or off duty"}}}},
            {"staffed_eta_s", eta_s}, {"total_eta_s", eta_s}, {"complete", false}}},
          {"materials",
           {{"picks", nlohmann::json::array()},
            {"shortfall", {{{"material", {{"en", "sandbag"}, {"zh", "沙包"}}}, {"missing", 500}, {"unit", "bag"}}}},
            {"ready_eta_s", 0}, {"complete", false}}},
          {"evacuation", nullptr},
          {"warnings", nlohmann::json::object()}};
}

inline nlohmann::json incident(const char* id, const char* status) {
  return {{"id", id}, {"type", "fire"}, {"severity", "large"},
          {"location", {{"lon", 113.2706}, {"lat", 23.1462}}}, {"address", "仓库"},
          {"description", ""}, {"drill", false}, {"status", status}, {"created_at", 1},
          {"updated_at", 1}, {"closed_at", nullptr}, {"close_reason", nullptr},
          {"submitted_by", "duty"}, {"plan_summary", {{"complete", true}}}};
}

// seq 10: T-01 available, T-02 dispatched to I-000001 (a large fire with a plan).
inline nlohmann::json snapshot_result() {
  return {{"seq", 10},
          {"state",
           {{"teams", {team("T-01", "消防一中队", "available"), team("T-02", "消防二中队", "dispatched", "I-000001")}},
            {"incidents", {incident("I-000001", "open")}},
            {"plans", {{"I-000001", fire_plan("T-02", 252.4)}}},
            {"closures", nlohmann::json::array()},
            {"shelters", {{{"id", "S-1"}, {"name", "越秀公园"}, {"placed", 0}, {"free_places", 100}}}},
            {"depots", nlohmann::json::array()},
            {"counters", {{"next_incident", 2}, {"next_closure", 1}}}}}};
}

}  // namespace erde::console::testing
