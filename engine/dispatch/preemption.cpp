#include "dispatch/preemption.hpp"

#include <algorithm>

#include "dispatch/travel_time.hpp"

namespace erde {

std::optional<SlotFit> slot_fit(const Team& team, Capability slot, std::span<const TeamSubstitute> substitutes) {
  if (team.has(slot)) return SlotFit{};
  const int rank = substitute_rank(substitutes, slot, team);
  if (rank < 0) return std::nullopt;
  return SlotFit{substitute_of(substitutes, slot, rank)};
}

std::optional<Severity> severity_in_force(std::span<const IncidentInForce> in_force, std::string_view id) {
  for (const IncidentInForce& i : in_force)
    if (i.id == id) return i.severity;
  return std::nullopt;
}

namespace {

std::string both(Severity s) { return std::string(to_string(s)) + " (" + std::string(chinese_name(s)) + ")"; }

std::string allowed_from(const ResponsePlan& response) {
  if (response.may_take_from.empty()) return "none";
  std::string out;
  for (Severity s : response.may_take_from) out += (out.empty() ? "" : ", ") + both(s);
  return out;
}

}  // namespace

std::optional<std::string> preemption_refusal(const TeamNow& team, Capability slot, int slot_missing,
                                              const ResponsePlan& response, std::string_view incident_id,
                                              std::span<const IncidentInForce> in_force) {
  const std::string who = "team " + team.team.id + " (" + team.team.name + ")";
  if (team.team.status != TeamStatus::dispatched)
    return who + " is " + std::string(to_string(team.team.status)) +
           ", not on its way to another incident: only a dispatched team can be taken";
  if (team.incident == incident_id) return who + " is already dispatched to " + std::string(incident_id);
  const std::optional<Severity> from = severity_in_force(in_force, team.incident);
  if (!from) return who + " is dispatched to " + team.incident + ", which has no plan in force";
  if (std::find(response.may_take_from.begin(), response.may_take_from.end(), *from) == response.may_take_from.end())
    return "a " + both(response.severity) + " incident may not take a team from " + team.incident + ", a " +
           both(*from) + " one; it may take from: " + allowed_from(response);
  if (slot_missing <= 0)
    return "incident " + std::string(incident_id) + " is not short of " + std::string(to_string(slot)) + " teams";
  if (!slot_fit(team.team, slot, response.substitutes))
    return who + " has neither " + std::string(to_string(slot)) + " nor a capability the plan substitutes for it";
  return std::nullopt;
}

std::vector<uint8_t> preemptible_teams(std::span<const TeamNow> teams, const ResponsePlan& response,
                                       std::string_view incident_id, std::span<const IncidentInForce> in_force) {
  std::vector<uint8_t> out(teams.size(), 0);
  if (response.may_take_from.empty()) return out;
  for (size_t i = 0; i < teams.size(); ++i)
    for (const TeamRequirement& r : response.teams)
      if (!preemption_refusal(teams[i], r.capability, r.count, response, incident_id, in_force)) {
        out[i] = 1;
        break;
      }
  return out;
}

std::vector<PreemptionOption> preemption_options(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                                 std::span<const TeamShortfall> shortfall, const ResponsePlan& response,
                                                 std::string_view incident_id,
                                                 std::span<const IncidentInForce> in_force) {
  std::vector<PreemptionOption> out;
  for (const TeamShortfall& gap : shortfall) {
    std::vector<PreemptionOption> slot;
    for (size_t i = 0; i < teams.size() && i < eta_s.size(); ++i) {
      const TeamNow& t = teams[i];
      if (!reachable(eta_s[i]) ||
          preemption_refusal(t, gap.capability, gap.missing, response, incident_id, in_force))
        continue;
      const SlotFit fit = *slot_fit(t.team, gap.capability, response.substitutes);
      PreemptionOption o{gap.capability, t.team.id, t.team.name, eta_s[i], t.incident,
                         *severity_in_force(in_force, t.incident), std::nullopt, {}};
      if (fit.substitute) {
        o.substitute_by = fit.substitute->by;
        o.substitute_note = fit.substitute->note;
      }
      slot.push_back(std::move(o));
    }
    std::sort(slot.begin(), slot.end(), [](const PreemptionOption& a, const PreemptionOption& b) {
      if (a.substitute_by.has_value() != b.substitute_by.has_value()) return !a.substitute_by;
      if (a.eta_s != b.eta_s) return a.eta_s < b.eta_s;
      return a.team_id < b.team_id;
    });
    if (slot.size() > kPreemptionOptionsPerSlot) slot.resize(kPreemptionOptionsPerSlot);
    out.insert(out.end(), slot.begin(), slot.end());
  }
  return out;
}

}  // namespace erde
