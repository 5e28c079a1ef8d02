#include "dispatch/dispatch_state.hpp"

#include <algorithm>

#include "dispatch/team_status.hpp"
#include "util/error.hpp"

namespace erde {

TeamNow& find_team(DispatchState& state, const std::string& team_id) {
  if (TeamNow* t = find_team(state.teams, team_id)) return *t;
  throw Error("unknown team '" + team_id + "'");
}

void commit_plan(DispatchState& state, const IncidentPlan& plan) {
  const std::string& id = plan.incident.id;
  if (state.active.count(id)) throw Error("incident " + id + " already has a plan in force");
  for (const auto& a : plan.teams.assigned) {
    const Team& t = find_team(state, a.team_id).team;
    if (!dispatchable(t.status))
      throw Error("incident " + id + ": team " + t.id + " (" + t.name + ") is no longer available (" +
                  std::string(to_string(t.status)) + "); re-plan");
  }
  for (const auto& a : plan.teams.assigned) change_status(find_team(state, a.team_id), TeamStatus::dispatched, id);
  hold_materials(state.ledger, id, plan.materials);
  if (plan.evacuation) hold_shelters(state.ledger, id, *plan.evacuation);
  state.active.emplace(id, plan);
}

void close_incident(DispatchState& state, const std::string& incident_id) {
  auto it = state.active.find(incident_id);
  if (it == state.active.end()) throw Error("incident " + incident_id + " has no plan in force");
  for (const auto& a : it->second.teams.assigned) {
    TeamNow& t = find_team(state, a.team_id);
    // Those committed to it; one that has gone home and on to another incident stays there.
    if ((t.team.status == TeamStatus::dispatched || t.team.status == TeamStatus::on_scene) && t.incident == incident_id)
      change_status(t, TeamStatus::returning);
  }
  state.ledger.release(incident_id);
  state.active.erase(it);
}

std::vector<IncidentInForce> incidents_in_force(const DispatchState& state) {
  std::vector<IncidentInForce> out;
  for (const auto& [id, plan] : state.active) out.push_back({id, plan.incident.severity});
  return out;
}

std::vector<std::string> incidents_relying_on(const DispatchState& state, const std::string& team_id) {
  std::vector<std::string> out;
  for (const auto& [id, plan] : state.active)
    for (const auto& a : plan.teams.assigned)
      if (a.team_id == team_id) {
        out.push_back(id);
        break;
      }
  return out;
}

namespace {

// Assigned teams in their order (capability, ETA, team id), and the bottleneck and total.
void recount(TeamSelection& sel) {
  std::sort(sel.assigned.begin(), sel.assigned.end(), [](const TeamAssignment& a, const TeamAssignment& b) {
    if (a.capability != b.capability) return a.capability < b.capability;
    if (a.eta_s != b.eta_s) return a.eta_s < b.eta_s;
    return a.team_id < b.team_id;
  });
  sel.staffed_eta_s = 0.0;
  sel.total_eta_s = 0.0;
  for (const auto& a : sel.assigned) {
    sel.staffed_eta_s = std::max(sel.staffed_eta_s, a.eta_s);
    sel.total_eta_s += a.eta_s;
  }
}

// Incident `id` without `lost_team_id`: its vacated slots go to the best dispatchable teams as a
// plan would fill them, the rest of its plan stands.
Replan refill(DispatchState& state, const std::string& id, const std::string& lost_team_id, const TeamEtaFn& eta,
              std::span<const ResponsibilityArea> responsibility_areas) {
  IncidentPlan& plan = state.active.at(id);
  TeamSelection& sel = plan.teams;
  std::erase_if(sel.assigned, [&](const TeamAssignment& a) { return a.team_id == lost_team_id; });
  std::vector<TeamRequirement> open;
  for (const auto& r : plan.response.teams) {
    int have = static_cast<int>(std::count_if(sel.assigned.begin(), sel.assigned.end(),
                                               [&](const TeamAssignment& a) { return a.capability == r.capability; }));
    if (have < r.count) open.push_back({r.capability, r.count - have});
  }
  if (!eta) throw Error("incident " + id + ": no travel times to re-plan with");
  std::vector<double> times = eta(plan.incident, state.teams);
  const std::vector<int> area_of =
      incident_first_due_areas(plan.response, state.teams, responsibility_areas, plan.incident.location);
  TeamSelection fill = select_incident_teams(state.teams, times, open, plan.response, responsibility_areas, area_of);
  for (const auto& a : fill.assigned) change_status(find_team(state, a.team_id), TeamStatus::dispatched, id);
  sel.assigned.insert(sel.assigned.end(), fill.assigned.begin(), fill.assigned.end());
  sel.shortfall = fill.shortfall;
  recount(sel);
  if (!area_of.empty())
    plan.first_due = first_due_report(state.teams, times, responsibility_areas, area_of, plan.response, sel);
  plan.mutual_aid = mutual_aid_requests(plan.response.mutual_aid, sel, plan.materials, plan.evacuation);
  return {id, lost_team_id, fill.assigned, sel};
}

int missing_of(const TeamSelection& sel, Capability cap) {
  for (const TeamShortfall& s : sel.shortfall)
    if (s.capability == cap) return s.missing;
  return 0;
}

// The slot `team` would fill in `plan`: `asked`, else the first short slot it has the capability
// for, else the first it substitutes for.
std::optional<Capability> slot_for(const IncidentPlan& plan, const Team& team, std::optional<Capability> asked) {
  if (asked) return asked;
  for (const TeamShortfall& s : plan.teams.shortfall)
    if (team.has(s.capability)) return s.capability;
  for (const TeamShortfall& s : plan.teams.shortfall)
    if (slot_fit(team, s.capability, plan.response.substitutes)) return s.capability;
  return std::nullopt;
}

}  // namespace

std::vector<Replan> set_team_status(DispatchState& state, const std::string& team_id, TeamStatus to,
                                    const TeamEtaFn& eta, std::optional<std::string> incident,
                                    std::span<const ResponsibilityArea> responsibility_areas) {
  TeamNow& team = find_team(state, team_id);
  const TeamStatus from = team.team.status;
  change_status(team, to, std::move(incident));
  std::vector<Replan> out;
  bool committed = from == TeamStatus::dispatched || from == TeamStatus::on_scene;
  if (!committed || to != TeamStatus::off_duty) return out;

  std::vector<std::string> ids = incidents_relying_on(state, team_id);
  std::stable_sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
    return state.active.at(a).incident.severity > state.active.at(b).incident.severity;
  });
  for (const std::string& id : ids) out.push_back(refill(state, id, team_id, eta, responsibility_areas));
  return out;
}

std::optional<std::string> preemption_refusal(const DispatchState& state, const std::string& incident_id,
                                              const std::string& team_id, std::optional<Capability> slot) {
  auto it = state.active.find(incident_id);
  if (it == state.active.end()) return "incident " + incident_id + " has no plan in force";
  const TeamNow* team = find_team(state.teams, team_id);
  if (!team) return "unknown team '" + team_id + "'";
  const IncidentPlan& plan = it->second;
  const std::optional<Capability> cap = slot_for(plan, team->team, slot);
  if (!cap) {
    if (plan.teams.shortfall.empty()) return "incident " + incident_id + " is short of no team";
    std::string gaps;
    for (const TeamShortfall& s : plan.teams.shortfall) gaps += (gaps.empty() ? "" : ", ") + std::string(to_string(s.capability));
    return "team " + team_id + " (" + team->team.name + ") fits none of the slots incident " + incident_id +
           " is short of (" + gaps + ")";
  }
  return preemption_refusal(*team, *cap, missing_of(plan.teams, *cap), plan.response, incident_id,
                            incidents_in_force(state));
}

Preemption preempt_team(DispatchState& state, const std::string& incident_id, const std::string& team_id,
                        std::optional<Capability> slot, const TeamEtaFn& eta,
                        std::span<const ResponsibilityArea> responsibility_areas) {
  if (auto refusal = preemption_refusal(state, incident_id, team_id, slot)) throw Error(*refusal);
  if (!eta) throw Error("incident " + incident_id + ": no travel times to pre-empt with");
  IncidentPlan& plan = state.active.at(incident_id);
  TeamNow& team = find_team(state, team_id);
  const Capability cap = *slot_for(plan, team.team, slot);
  const std::vector<double> times = eta(plan.incident, state.teams);
  const double eta_s = times.at(static_cast<size_t>(&team - state.teams.data()));
  if (!reachable(eta_s))
    throw Error("team " + team_id + " (" + team.team.name + ") cannot reach incident " + incident_id + " by road");

  const std::string from = team.incident;
  TeamAssignment taken = assignment_of(team, cap, eta_s);
  taken.filled_by = FilledBy::preempted;
  taken.preempted_from = from;
  if (const SlotFit fit = *slot_fit(team.team, cap, plan.response.substitutes); fit.substitute) {
    taken.substitute_by = fit.substitute->by;
    taken.substitute_note = fit.substitute->note;
  }
  redirect_team(team, incident_id);
  TeamSelection& sel = plan.teams;
  sel.assigned.push_back(taken);
  for (TeamShortfall& s : sel.shortfall)
    if (s.capability == cap) --s.missing;
  std::erase_if(sel.shortfall, [](const TeamShortfall& s) { return s.missing <= 0; });
  recount(sel);
  plan.mutual_aid = mutual_aid_requests(plan.response.mutual_aid, sel, plan.materials, plan.evacuation);
  // What the plan proposed for this team, or for a slot no longer short, is spent.
  std::erase_if(plan.preemption, [&](const PreemptionOption& o) {
    return o.team_id == team_id || missing_of(sel, o.capability) == 0;
  });
  Replan other = refill(state, from, team_id, eta, responsibility_areas);
  return {incident_id, std::move(taken), std::move(other)};
}

}  // namespace erde
