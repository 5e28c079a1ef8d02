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
  for (const std::string& id : ids) {
    IncidentPlan& plan = state.active.at(id);
    TeamSelection& sel = plan.teams;
    std::erase_if(sel.assigned, [&](const TeamAssignment& a) { return a.team_id == team_id; });
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
    std::sort(sel.assigned.begin(), sel.assigned.end(), [](const TeamAssignment& a, const TeamAssignment& b) {
      if (a.capability != b.capability) return a.capability < b.capability;
      if (a.eta_s != b.eta_s) return a.eta_s < b.eta_s;
      return a.team_id < b.team_id;
    });
    sel.shortfall = fill.shortfall;
    sel.staffed_eta_s = 0.0;
    sel.total_eta_s = 0.0;
    for (const auto& a : sel.assigned) {
      sel.staffed_eta_s = std::max(sel.staffed_eta_s, a.eta_s);
      sel.total_eta_s += a.eta_s;
    }
    plan.mutual_aid = mutual_aid_requests(plan.response.mutual_aid, sel, plan.materials, plan.evacuation);
    out.push_back({id, team_id, fill.assigned, sel});
  }
  return out;
}

}  // namespace erde
