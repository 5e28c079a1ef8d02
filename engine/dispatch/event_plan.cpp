#include "dispatch/event_plan.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "dispatch/plan_trips.hpp"
#include "dispatch/walking_trips.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

// The plan's materials and evacuation against `ledger`, its teams as given (none chosen here).
IncidentPlan plan_without_teams(const GeosContext& geos, const Incident& incident, const ResponsePlan& response,
                                const Dataset& data, const LiveRoads& roads, const Reservations& ledger) {
  const std::vector<double> depot_eta = depot_trips(roads, data.depots, incident.location, response.materials, ledger);
  PlanInputs in;
  in.depots = data.depots;
  in.depot_eta_s = depot_eta;
  in.areas = data.areas;
  in.shelters = data.shelters;
  in.risk_points = data.risk_points;
  in.walking = [&roads](const WalkingRequest& request) { return walking_trips(roads, request); };
  return plan_incident(geos, incident, response, in, ledger);
}

std::map<Material, double> quantities(const MaterialPlan& m) {
  std::map<Material, double> out;
  for (const MaterialPick& p : m.picks) out[p.material] += p.quantity;
  return out;
}

// The incidents among `before` that hold `material` at one of `depots`, or places at one of
// `shelters`, by id.
std::vector<std::string> holders(const Reservations& ledger, const std::vector<std::string>& before,
                                 const std::set<std::string>& places, std::optional<Material> material) {
  std::vector<std::string> out;
  for (const std::string& id : before) {
    bool holds = false;
    if (material) {
      if (auto it = ledger.materials.find(id); it != ledger.materials.end())
        for (const auto& [key, q] : it->second) holds = holds || (key.second == *material && q > 0 && places.contains(key.first));
    } else if (auto it = ledger.shelter_places.find(id); it != ledger.shelter_places.end()) {
      for (const auto& [shelter, n] : it->second) holds = holds || (n > 0 && places.contains(shelter));
    }
    if (holds) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr double kQuantityEpsilon = 1e-9;

}  // namespace

std::vector<size_t> event_priority(std::span<const IncidentPlan> plans) {
  std::vector<size_t> order(plans.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return plans[a].incident.severity > plans[b].incident.severity; });
  return order;
}

std::vector<size_t> share_stock(const GeosContext& geos, std::span<IncidentPlan> plans, const Dataset& data,
                                const LiveRoads& roads, Reservations& ledger) {
  const Reservations as_it_was = ledger;
  const std::vector<size_t> order = event_priority(plans);
  std::vector<std::string> before;  // planned so far, in priority order
  for (size_t i : order) {
    IncidentPlan& plan = plans[i];
    const Incident& inc = plan.incident;
    IncidentPlan fresh = plan_without_teams(geos, inc, plan.response, data, roads, ledger);
    plan.materials = std::move(fresh.materials);
    plan.evacuation = std::move(fresh.evacuation);
    plan.evacuation_zone = std::move(fresh.evacuation_zone);
    plan.warning_zone = std::move(fresh.warning_zone);
    plan.warnings = std::move(fresh.warnings);
    plan.incident_areas = std::move(fresh.incident_areas);
    plan.mutual_aid = mutual_aid_requests(plan.response.mutual_aid, plan.teams, plan.materials, plan.evacuation);
    std::erase_if(plan.gave_up, [](const Concession& c) { return c.kind != Concession::Kind::team; });

    // What it would have had on its own: only those planned before it can have taken anything.
    if (!before.empty()) {
      const bool others_hold_places =
          std::any_of(before.begin(), before.end(), [&](const std::string& id) { return ledger.shelter_places.contains(id); });
      const IncidentPlan own =
          others_hold_places ? plan_without_teams(geos, inc, plan.response, data, roads, as_it_was) : IncidentPlan{};
      const MaterialPlan own_materials =
          others_hold_places
              ? own.materials
              : plan_materials(data.depots, depot_trips(roads, data.depots, inc.location, plan.response.materials, as_it_was),
                               plan.response.materials, as_it_was);
      const std::map<Material, double> got = quantities(plan.materials);
      for (const auto& [m, q] : quantities(own_materials)) {
        const double short_by = q - (got.contains(m) ? got.at(m) : 0.0);
        if (short_by <= kQuantityEpsilon) continue;
        std::set<std::string> depots;
        for (const MaterialPick& p : own_materials.picks)
          if (p.material == m) depots.insert(p.depot_id);
        plan.gave_up.push_back({Concession::Kind::material, {}, Capability::fire_fighting, m, short_by,
                                holders(ledger, before, depots, m), {}});
      }
      const int64_t placed = plan.evacuation ? plan.evacuation->placed : 0;
      if (others_hold_places && own.evacuation && own.evacuation->placed > placed) {
        std::set<std::string> shelters;
        for (const auto& a : own.evacuation->allocations) shelters.insert(a.shelter_id);
        plan.gave_up.push_back({Concession::Kind::shelter_places, {}, Capability::fire_fighting, Material::sandbag,
                                static_cast<double>(own.evacuation->placed - placed),
                                holders(ledger, before, shelters, std::nullopt), {}});
      }
    }
    hold_materials(ledger, inc.id, plan.materials);
    if (plan.evacuation) hold_shelters(ledger, inc.id, *plan.evacuation);
    before.push_back(inc.id);
  }
  return order;
}

EventPlan plan_event(const GeosContext& geos, std::span<const Incident> incidents, const ResponsePlanBook& book,
                     const Dataset& data, std::span<const TeamNow> teams, const LiveRoads& roads,
                     const Reservations& ledger) {
  const size_t n = incidents.size();
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < i; ++j)
      if (incidents[i].id == incidents[j].id) throw Error("incident id '" + incidents[i].id + "' given twice");
  EventPlan ev;
  std::vector<TeamTrips> trips;
  std::vector<std::vector<int>> area_of(n);
  for (size_t i = 0; i < n; ++i) {
    const Incident& inc = incidents[i];
    const ResponsePlan& response = book.at(inc.type, inc.severity);
    trips.push_back(team_trips(roads, teams, inc.location, capabilities_to_time(response)));
    area_of[i] = incident_first_due_areas(response, teams, data.responsibility_areas, inc.location);
    BatchIncident b{inc.id, inc.severity, response.teams, trips[i].eta_s, response.substitutes, {}, 0.0};
    if (!area_of[i].empty()) {
      b.faster_by_s = response.first_due->faster_by_s;
      for (int k : area_of[i]) b.first_due_area.push_back(k >= 0 ? data.responsibility_areas[static_cast<size_t>(k)].id : "");
    }
    ev.teams_problem.push_back(std::move(b));
  }
  ev.joint = assign_batch(teams, ev.teams_problem);
  ev.greedy = assign_greedy(teams, ev.teams_problem);

  ev.plans.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Incident& inc = incidents[i];
    const ResponsePlan& response = book.at(inc.type, inc.severity);
    IncidentPlan& plan = ev.plans[i];
    plan.incident = inc;
    plan.response = response;
    plan.teams = ev.joint.selections[i];
    for (TeamAssignment& a : plan.teams.assigned)
      for (size_t t = 0; t < teams.size(); ++t)
        if (teams[t].team.id == a.team_id) a.route = trips[i].route(t);
    if (!area_of[i].empty())
      plan.first_due = first_due_report(teams, trips[i].eta_s, data.responsibility_areas, area_of[i], response, plan.teams);
    // The teams it would have sent on its own that the joint assignment gives another incident.
    const TeamSelection alone = select_incident_teams(teams, trips[i].eta_s, response.teams, response,
                                                      data.responsibility_areas, area_of[i]);
    for (const TeamAssignment& a : alone.assigned) {
      if (std::any_of(plan.teams.assigned.begin(), plan.teams.assigned.end(),
                      [&](const TeamAssignment& b) { return b.team_id == a.team_id; }))
        continue;
      Concession c{Concession::Kind::team, a.team_id, a.capability, Material::sandbag, 1.0, {}, {}};
      for (size_t j = 0; j < n; ++j)
        for (const TeamAssignment& b : ev.joint.selections[j].assigned)
          if (j != i && b.team_id == a.team_id) c.to.push_back(incidents[j].id);
      if (c.to.empty()) continue;
      // The first team of the slot's capability it has instead that it would not have had alone,
      // and not already named for an earlier concession.
      for (const TeamAssignment& b : plan.teams.assigned) {
        if (b.capability != a.capability) continue;
        const bool alone_too = std::any_of(alone.assigned.begin(), alone.assigned.end(),
                                           [&](const TeamAssignment& x) { return x.team_id == b.team_id; });
        const bool named = std::any_of(plan.gave_up.begin(), plan.gave_up.end(),
                                       [&](const Concession& g) { return g.instead == b.team_id; });
        if (!alone_too && !named) {
          c.instead = b.team_id;
          break;
        }
      }
      plan.gave_up.push_back(std::move(c));
    }
  }
  Reservations shared = ledger;
  for (size_t i : share_stock(geos, ev.plans, data, roads, shared)) ev.priority.push_back(incidents[i].id);
  return ev;
}

}  // namespace erde
