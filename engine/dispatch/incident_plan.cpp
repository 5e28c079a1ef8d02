#include "dispatch/incident_plan.hpp"

#include "dispatch/hazard_zone.hpp"
#include "util/error.hpp"

namespace erde {

std::vector<int> incident_first_due_areas(const ResponsePlan& response, std::span<const TeamNow> teams,
                                          std::span<const ResponsibilityArea> areas, LonLat at) {
  if (!response.first_due || areas.empty()) return {};
  return first_due_areas(teams, areas, at);
}

TeamSelection select_incident_teams(std::span<const TeamNow> teams, std::span<const double> eta_s,
                                    std::span<const TeamRequirement> slots, const ResponsePlan& response,
                                    std::span<const ResponsibilityArea> areas, std::span<const int> area_of) {
  std::vector<uint8_t> first_due;
  for (int k : area_of) first_due.push_back(k >= 0 ? 1 : 0);
  TeamSelection out = select_teams(teams, eta_s, slots, response.substitutes,
                                   {first_due, response.first_due ? response.first_due->faster_by_s : 0.0});
  for (TeamAssignment& a : out.assigned)
    if (a.filled_by == FilledBy::first_due)
      for (size_t i = 0; i < teams.size(); ++i)
        if (teams[i].team.id == a.team_id) a.first_due_area_id = areas[static_cast<size_t>(area_of[i])].id;
  return out;
}

IncidentPlan plan_incident(const GeosContext& geos, const Incident& incident, const ResponsePlan& response,
                           const PlanInputs& in, const Reservations& ledger) {
  IncidentPlan plan;
  plan.incident = incident;
  plan.response = response;
  const std::vector<int> area_of =
      incident_first_due_areas(response, in.teams, in.responsibility_areas, incident.location);
  plan.teams = select_incident_teams(in.teams, in.team_eta_s, response.teams, response, in.responsibility_areas, area_of);
  if (!area_of.empty())
    plan.first_due = first_due_report(in.teams, in.team_eta_s, in.responsibility_areas, area_of, response, plan.teams);
  plan.preemption =
      preemption_options(in.teams, in.team_eta_s, plan.teams.shortfall, response, incident.id, in.in_force);
  plan.materials = plan_materials(in.depots, in.depot_eta_s, response.materials, ledger);

  GeosContext::GeomPtr evac;
  if (!incident.hazard_zone.empty()) evac = geos.from_wkb(incident.hazard_zone.wkb);
  else if (response.evacuation_radius_m) evac = circle_zone(geos, incident.location, *response.evacuation_radius_m);

  GeosContext::GeomPtr warn;
  if (response.warning_radius_m > 0.0) warn = circle_zone(geos, incident.location, response.warning_radius_m);
  if (evac) {
    if (!warn) warn = geos.own(GEOSGeom_clone_r(geos.handle(), evac.get()));
    else warn = geos.own(GEOSUnion_r(geos.handle(), warn.get(), evac.get()));
    if (!warn) throw Error("incident " + incident.id + ": cannot build the warning zone: " + geos.last_error());
  }
  if (warn) {
    plan.warning_zone.wkb = geos.to_wkb(warn.get());
    plan.warnings = list_warnings(geos, warn.get(), incident.location, in.risk_points, in.areas, in.shelters);
  }

  if (evac) {
    plan.evacuation_zone.wkb = geos.to_wkb(evac.get());
    PopulationEstimate pop = estimate_affected_population(geos, evac.get(), in.areas);
    std::vector<bool> inside = shelters_inside(geos, evac.get(), in.shelters);
    std::vector<int64_t> places(in.shelters.size(), 0);
    std::vector<std::string> in_zone;
    for (size_t j = 0; j < in.shelters.size(); ++j) {
      if (inside[j]) in_zone.push_back(in.shelters[j].id);
      else places[j] = free_places(in.shelters[j], ledger);
    }
    std::vector<LonLat> from, to;
    for (const auto& a : pop.areas) from.push_back(a.gather_point);
    for (const auto& s : in.shelters) to.push_back(s.location);
    WalkingTrips walk;
    walk.seconds = TravelMatrix(from.size(), to.size());
    if (!from.empty() && !to.empty()) {
      if (in.walking) {
        int64_t people = 0;
        for (int64_t n : whole_people(pop)) people += n;
        walk = in.walking({from, to, places, people});
      } else if (in.walking_s) {
        walk.seconds = in.walking_s(from, to);
      } else {
        throw Error("incident " + incident.id + ": no walking times for the evacuation");
      }
    }
    plan.evacuation = allocate_shelters(pop, in.shelters, places, walk.seconds, walk.route);
    std::sort(in_zone.begin(), in_zone.end());
    plan.evacuation->shelters_in_zone = std::move(in_zone);
  }
  plan.mutual_aid = mutual_aid_requests(response.mutual_aid, plan.teams, plan.materials, plan.evacuation);
  plan.incident_areas = areas_holding(in.areas, incident.location);
  return plan;
}

}  // namespace erde
