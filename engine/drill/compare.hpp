#pragma once
// Two after-action reports side by side (before/after adding a team, two seeds, ...).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace erde {

struct DrillComparisonRow {
  std::string label;
  nlohmann::json a;  // number or null
  nlohmann::json b;
};

// Totals first, then the response time (minutes) of every incident id both reports have.
// Throws erde::Error naming the file when a document is not a drill report.
std::vector<DrillComparisonRow> compare_reports(const nlohmann::json& a, const nlohmann::json& b,
                                                const std::string& a_name, const std::string& b_name);
std::string comparison_text(const nlohmann::json& a, const nlohmann::json& b, const std::string& a_name,
                            const std::string& b_name);

}  // namespace erde
