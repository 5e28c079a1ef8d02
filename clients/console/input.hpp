#pragma once
// What a dispatcher types at the console's prompts, turned into request arguments
// (docs/PROTOCOL.md). Terms are accepted in English or Chinese (`erde vocabulary`).
#include <string>

#include <nlohmann/json.hpp>

namespace erde::console {

struct ParsedInput {
  nlohmann::json args;  // null when the input was refused
  std::string error;    // why, in words, naming the part that is wrong
};

// "TYPE [SEVERITY] LON,LAT [ADDRESS…]", e.g. "fire large 113.2706,23.1462 仓库" or
// "内涝 113.27,23.13". Severity defaults to general.
ParsedInput parse_incident_input(const std::string& text);
// "TEAM STATUS [INCIDENT]", e.g. "T-01 on_scene" or "T-01 dispatched I-000003".
ParsedInput parse_team_status_input(const std::string& text);
// "INCIDENT TEAM [CAPABILITY]": the officer confirms a pre-emption the plan of INCIDENT proposes,
// e.g. "I-000007 HC-TM-03" or "I-000007 HC-TM-03 medical" (the slot to fill).
ParsedInput parse_preempt_input(const std::string& text);

inline constexpr const char* kIncidentPrompt = "new incident 新事件 (TYPE [SEVERITY] LON,LAT [ADDRESS]): ";
inline constexpr const char* kTeamStatusPrompt = "team status 队伍状态 (TEAM STATUS [INCIDENT]): ";
// "[INCIDENT …]": share stock and shelter places again by severity among these open incidents
// (none given: all open live ones), e.g. "I-000003 I-000007".
ParsedInput parse_share_input(const std::string& text);
inline constexpr const char* kSharePrompt = "share stock by severity 按轻重分配 ([INCIDENT …], empty: all open): ";
inline constexpr const char* kPreemptPrompt = "pre-empt 抽调 (INCIDENT TEAM [CAPABILITY]): ";

}  // namespace erde::console
