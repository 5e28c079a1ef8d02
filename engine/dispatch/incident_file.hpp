#pragma once
// Concurrent incidents from a JSON file (`erde dispatch --batch`):
//   {"incidents": [{"id": "W01", "type": "waterlogging", "severity": "一般", "at": [113.27, 23.13]}, ...]}
// type and severity accept English or Chinese terms.
#include <filesystem>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "dispatch/incident_plan.hpp"

namespace erde {

std::vector<Incident> parse_incidents(const nlohmann::json& document, std::string_view source);
std::vector<Incident> load_incidents(const std::filesystem::path& file);

}  // namespace erde
