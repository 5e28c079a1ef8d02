// The after-action report of a drill as JSON (format in docs/DRILLS.md).
#include <algorithm>
#include <cmath>

#include "drill/drill.hpp"
#include "drill/drill_state.hpp"

namespace erde {
namespace {

using json = nlohmann::json;

json ms_or_null(int64_t ms) { return ms < 0 ? json(nullptr) : json(ms); }

double round1(double v) { return std::round(v * 10) / 10; }

json visit_json(const Drill::State& s, const Visit& v) {
  const Team& t = s.ds.teams[v.team].team;
  return {{"team_id", t.id},
          {"team_name", t.name},
          {"capability", to_string(v.capability)},
          {"planned_eta_s", std::isfinite(v.planned_eta_s) ? json(round1(v.planned_eta_s)) : json(nullptr)},
          {"sent_later", v.refill},
          {"re_tasked", v.re_tasked},
          {"dispatched_ms", ms_or_null(v.dispatched_ms)},
          {"departed_ms", ms_or_null(v.departed_ms)},
          {"arrived_ms", ms_or_null(v.arrived_ms)},
          {"cleared_ms", ms_or_null(v.cleared_ms)},
          {"home_ms", ms_or_null(v.home_ms)},
          {"reroutes", v.reroutes},
          {"outcome", v.outcome}};
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1;
  return v[std::min(k, v.size() - 1)];
}

}  // namespace

json Drill::report() const {
  const State& s = *s_;
  const int64_t end_ms = s.log.empty() ? 0 : s.log.back().t_ms;
  json incidents = json::array();
  std::vector<double> responses;
  size_t within = 0, with_unmet = 0;
  for (const IncidentRecord& r : s.incidents) {
    json visits = json::array();
    for (size_t v : r.visits) visits.push_back(visit_json(s, s.visits[v]));
    json unmet = json::array();
    if (r.closed_ms >= 0) {
      for (const auto& [cap, n] : r.unmet_at_close) unmet.push_back({{"capability", to_string(cap)}, {"missing", n}});
    } else if (auto it = s.ds.active.find(r.id); it != s.ds.active.end()) {
      for (const TeamShortfall& f : it->second.teams.shortfall)
        unmet.push_back({{"capability", to_string(f.capability)}, {"missing", f.missing}});
    }
    const bool arrived = r.first_arrival_ms >= 0;
    const double response_s = arrived ? static_cast<double>(r.first_arrival_ms - r.reported_ms) / 1000.0 : 0.0;
    const bool ok = arrived && response_s <= r.target_s;
    if (arrived) responses.push_back(response_s);
    within += ok;
    const bool material_short = r.planned.contains("material_shortfall") && !r.planned["material_shortfall"].empty();
    with_unmet += !unmet.empty() || material_short || !arrived;
    incidents.push_back({{"id", r.id},
                         {"type", to_string(r.type)},
                         {"type_zh", chinese_name(r.type)},
                         {"severity", to_string(r.severity)},
                         {"severity_zh", chinese_name(r.severity)},
                         {"location", json::array({r.at.lon, r.at.lat})},
                         {"hidden", r.hidden},
                         {"reported_ms", r.reported_ms},
                         {"planned_ms", ms_or_null(r.planned_ms)},
                         {"first_arrival_ms", ms_or_null(r.first_arrival_ms)},
                         {"closed_ms", ms_or_null(r.closed_ms)},
                         {"response_s", arrived ? json(response_s) : json(nullptr)},
                         {"target_s", r.target_s},
                         {"within_target", ok},
                         {"plan", r.planned},
                         {"teams", visits},
                         {"unmet_teams", unmet}});
  }
  json teams = json::array();
  double busy_total = 0;
  for (size_t i = 0; i < s.ds.teams.size(); ++i) {
    const Team& t = s.ds.teams[i].team;
    const TeamRun& rt = s.runs[i];
    const int64_t busy = rt.busy_ms + (rt.busy_since >= 0 ? end_ms - rt.busy_since : 0);
    size_t trips = 0;
    for (const Visit& v : s.visits) trips += v.team == i;
    const double share = end_ms > 0 ? static_cast<double>(busy) / static_cast<double>(end_ms) : 0.0;
    busy_total += share;
    teams.push_back({{"team_id", t.id},
                     {"team_name", t.name},
                     {"kind", to_string(t.kind)},
                     {"base", json::array({t.base.lon, t.base.lat})},
                     {"dispatches", trips},
                     {"busy_ms", busy},
                     {"utilisation", std::round(share * 10000) / 10000}});
  }
  json occupancy = json::array();
  int64_t peak = 0;
  for (const auto& [t, n] : s.occupancy) {
    occupancy.push_back(json::array({t, n}));
    peak = std::max(peak, n);
  }
  json shelters = json::array();
  for (const Shelter& sh : s.world.shelters) {
    auto it = s.shelter_peak.find(sh.id);
    if (it == s.shelter_peak.end() || it->second == 0) continue;
    shelters.push_back({{"shelter_id", sh.id}, {"shelter_name", sh.name}, {"peak_people", it->second},
                        {"location", json::array({sh.location.lon, sh.location.lat})}});
  }
  json closures = json::array();
  for (const auto& [id, g] : s.closure_shapes) closures.push_back({{"id", id}, {"geometry", g}});
  const size_t n = s.incidents.size();
  json totals = {{"incidents", n},
                 {"within_target", within},
                 {"share_within_target", n ? std::round(static_cast<double>(within) / static_cast<double>(n) * 10000) / 10000 : 0.0},
                 {"incidents_with_unmet_requirements", with_unmet},
                 {"response_s_median", percentile(responses, 0.5)},
                 {"response_s_p90", percentile(responses, 0.9)},
                 {"mean_team_utilisation", s.ds.teams.empty() ? 0.0 : std::round(busy_total / static_cast<double>(s.ds.teams.size()) * 10000) / 10000},
                 {"materials_used", s.materials_used},
                 {"peak_shelter_occupancy", peak},
                 {"duration_ms", end_ms},
                 {"events", s.log.size()}};
  return {{"format", "erde.drill_report/1"},
          {"drill_id", s.id},
          {"title", s.scenario.title},
          {"scenario", s.scenario.source},
          {"start", s.scenario.start},
          {"seed", s.seed},
          {"totals", totals},
          {"incidents", incidents},
          {"teams", teams},
          {"shelter_occupancy", occupancy},
          {"shelters_used", shelters},
          {"closures", closures}};
}

}  // namespace erde
