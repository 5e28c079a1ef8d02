#pragma once
// Response plans (预案) as data: for every incident type and severity, the teams by capability,
// equipment, materials and the evacuation / warning radii. Loaded from geodata/response_plans.json
// (format in docs/RESPONSE_PLANS.md).
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/vocabulary.hpp"

namespace erde {

struct TeamRequirement {
  Capability capability = Capability::fire_fighting;
  int count = 0;
};

// A team that may fill a slot of `slot` when no team with that capability is free: one with
// capability `by` (fire-rescue for traffic extrication, say), told to the officer with `note`.
struct TeamSubstitute {
  Capability slot = Capability::fire_fighting;
  Capability by = Capability::fire_fighting;
  std::string note;
};

// First-due areas (辖区): a team whose responsibility area holds the incident goes first unless
// another team arrives more than `faster_by_s` earlier.
struct FirstDueRule {
  double faster_by_s = 0.0;
};

// Where the district asks for what it cannot meet (增援请求): the neighbouring district or the
// city's command centre, and how to reach it.
struct MutualAidContact {
  std::string to;
  std::string contact;  // phone, radio channel; may be empty
};

// Contacts by need; `fallback` for any need without its own.
struct MutualAidContacts {
  std::optional<MutualAidContact> fallback;
  std::vector<std::pair<Capability, MutualAidContact>> teams;   // by capability
  std::vector<std::pair<Material, MutualAidContact>> materials;  // by material
  std::optional<MutualAidContact> shelter;
};

struct MaterialRequirement {
  Material material = Material::sandbag;
  double quantity = 0.0;
};

struct ResponsePlan {
  IncidentType type = IncidentType::fire;
  Severity severity = Severity::general;
  std::vector<TeamRequirement> teams;          // in capability order, counts > 0
  std::vector<std::string> equipment;          // free text, as written in the plan
  std::vector<MaterialRequirement> materials;  // in material order, quantities > 0
  std::optional<double> evacuation_radius_m;   // none: no evacuation
  double warning_radius_m = 0.0;
  // The book's substitutes (the same in every plan), sorted by slot capability, each slot's in
  // the order they are preferred.
  std::vector<TeamSubstitute> substitutes;
  std::optional<FirstDueRule> first_due;  // none: responsibility areas do not decide
  MutualAidContacts mutual_aid;            // the book's, the same in every plan
  // Pre-emption (抽调): the severities of incidents whose dispatched teams this plan's incident
  // may take, with the duty officer's confirmation; each strictly lower than its own, ascending.
  std::vector<Severity> may_take_from;
};

inline constexpr size_t kIncidentTypeCount = EnumTable<IncidentType>::entries.size();
inline constexpr size_t kSeverityCount = EnumTable<Severity>::entries.size();

// One plan for every incident type x severity; a loaded book is always complete.
struct ResponsePlanBook {
  std::array<std::array<ResponsePlan, kSeverityCount>, kIncidentTypeCount> plans;

  const ResponsePlan& at(IncidentType type, Severity severity) const {
    return plans[static_cast<size_t>(type)][static_cast<size_t>(severity)];
  }
};

// `source` names the document in error messages ("geodata/response_plans.json: plans.fire.large:
// unknown capability 'swimming'; allowed: ...").
ResponsePlanBook parse_response_plans(const nlohmann::json& document, std::string_view source);
ResponsePlanBook load_response_plans(const std::filesystem::path& file);

// The plan file shipped with the engine: $ERDE_RESPONSE_PLANS, else geodata/response_plans.json
// next to the source tree or the working directory.
std::filesystem::path default_response_plans_path();

}  // namespace erde
