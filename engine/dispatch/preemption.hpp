#pragma once
// Pre-emption (抽调) by priority: an incident short of teams may take a team already on its way
// to a less severe incident, as the response plans allow (ResponsePlan::may_take_from), once the
// duty officer confirms it (preempt_team in dispatch_state.hpp); the other incident is then
// re-planned. A plan only proposes.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dispatch/response_plan.hpp"
#include "dispatch/team_selection.hpp"
#include "dispatch/team_status.hpp"

namespace erde {

// An incident with a plan in force, as pre-emption weighs it.
struct IncidentInForce {
  std::string id;
  Severity severity = Severity::general;
};

// How a team fits a slot: with the slot's capability (substitute null), or as the first of the
// plan's substitutes for that slot that it has.
struct SlotFit {
  const TeamSubstitute* substitute = nullptr;
};
std::optional<SlotFit> slot_fit(const Team& team, Capability slot, std::span<const TeamSubstitute> substitutes);

struct PreemptionOption {
  Capability capability = Capability::fire_fighting;  // the slot left short
  std::string team_id;
  std::string team_name;
  double eta_s = 0.0;  // to this scene from where the team is estimated to be now
  std::string from_incident;
  Severity from_severity = Severity::general;
  std::optional<Capability> substitute_by;  // it would fill the slot as this substitute
  std::string substitute_note;
};

inline constexpr size_t kPreemptionOptionsPerSlot = 5;

// The severity of the in-force incident `id`; nullopt when it has no plan in force.
std::optional<Severity> severity_in_force(std::span<const IncidentInForce> in_force, std::string_view id);

// Why `response`'s incident (`incident_id`) may not take `team` for a slot of `slot`, in words
// for the duty officer; nullopt when it may. `slot_missing` is how many slots of that capability
// the incident is short.
std::optional<std::string> preemption_refusal(const TeamNow& team, Capability slot, int slot_missing,
                                              const ResponsePlan& response, std::string_view incident_id,
                                              std::span<const IncidentInForce> in_force);

// Per row of `teams`, 1 for those the incident could take: dispatched to another in-force
// incident of a severity the plan may take from, and fitting one of the plan's slots. These rows
// need a travel time from where they are.
std::vector<uint8_t> preemptible_teams(std::span<const TeamNow> teams, const ResponsePlan& response,
                                       std::string_view incident_id, std::span<const IncidentInForce> in_force);

// For each short slot (in shortfall order), the first kPreemptionOptionsPerSlot preemptible teams
// that reach the scene (eta_s per row): those with the slot's capability before substitutes,
// then by ETA, then team id. A team that fits several short slots is proposed for each.
std::vector<PreemptionOption> preemption_options(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                                 std::span<const TeamShortfall> shortfall, const ResponsePlan& response,
                                                 std::string_view incident_id,
                                                 std::span<const IncidentInForce> in_force);

}  // namespace erde
