// The dispatch engine inside the commands: planning and committing incidents, releasing on
// close, re-planning when a committed team goes off duty, closures on the road weights.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "dispatch/evacuation.hpp"
#include "dispatch/event_plan.hpp"
#include "dispatch/materials.hpp"
#include "dispatch/plan_json.hpp"
#include "dispatch/plan_on_roads.hpp"
#include "dispatch/team_position.hpp"
#include "geo/local_projection.hpp"
#include "graph/distance.hpp"
#include "service/args.hpp"
#include "service/dispatcher.hpp"
#include "service/domain_state.hpp"
#include "util/error.hpp"

namespace erde::service {

using nlohmann::json;

namespace {

bool committed(TeamStatus s) { return s == TeamStatus::dispatched || s == TeamStatus::on_scene; }

// The team table before a dispatch step (the table never changes its rows or their order), to
// see which teams the step changed.
using TeamsBefore = std::vector<TeamNow>;
TeamsBefore teams_now(const DomainState& state) { return state.live.teams; }

std::optional<LonLat> incident_location(const DomainState& state, const std::string& id) {
  auto it = state.incidents.find(id);
  if (it == state.incidents.end()) return std::nullopt;
  return it->second.location;
}

// A team whose status changed at at_ms gets a fresh fix there: on the scene when it arrived,
// home when a returning team is back, else where it was estimated to be under its old status
// (a team leaving its base leaves from there).
void settle_moves(DomainState& state, const TeamsBefore& before, int64_t at_ms) {
  if (!state.dispatch) return;
  for (size_t k = 0; k < state.live.teams.size(); ++k) {
    TeamNow& t = state.live.teams[k];
    const TeamNow& was = before[k];
    if (t.team.status == was.team.status) continue;
    if (t.team.status == TeamStatus::on_scene) {
      if (auto scene = incident_location(state, t.incident)) t.position = *scene;
    } else if (t.team.status == TeamStatus::available && was.team.status == TeamStatus::returning) {
      t.position = t.team.base;
    } else {
      // From its latest fix: the step may have given it one already (a moved incident's teams).
      TeamNow from = was;
      constexpr int64_t kNever = std::numeric_limits<int64_t>::min();
      if (t.position_at.value_or(kNever) > was.position_at.value_or(kNever)) {
        from.position = t.position;
        from.position_at = t.position_at;
      }
      t.position = estimated_position(*state.dispatch->roads, from, incident_location(state, was.incident), at_ms);
    }
    t.position_at = at_ms;
  }
}

// Publishes, in id order, each team whose status, incident or fix the step changed (but
// `except`, published already).
void publish_changed_teams(DomainState& state, const TeamsBefore& before, int64_t at_ms,
                           std::vector<Update>& updates, std::string_view except = {}) {
  for (size_t k = 0; k < state.live.teams.size(); ++k) {
    TeamNow& t = state.live.teams[k];
    const TeamNow& was = before[k];
    const bool same = t.team.status == was.team.status && t.incident == was.incident && t.position_at == was.position_at;
    if (same || t.team.id == except) continue;
    t.updated_at = at_ms;
    updates.push_back({"team." + t.team.id, team_json(t)});
  }
}

std::map<std::string, int64_t> placed_now(const DomainState& state) {
  std::map<std::string, int64_t> out;
  for (const Shelter& s : state.data.shelters) out[s.id] = state.live.ledger.placed(s.id);
  return out;
}

void shelter_updates(const DomainState& state, const std::map<std::string, int64_t>& before,
                     std::vector<Update>& updates) {
  for (const Shelter& s : state.data.shelters)
    if (state.live.ledger.placed(s.id) != before.at(s.id))
      updates.push_back({"shelter." + s.id, live_shelter_json(state, s)});
}

// How far the nearest road a vehicle (fire engine, rescue truck, hazmat) may use is from
// `where`, when that is beyond the snap distance: no team can be routed there. Infinity when no
// road is usable at all.
std::optional<double> off_road_m(const Dispatcher& d, LonLat where) {
  double best = std::numeric_limits<double>::infinity();
  for (std::string_view name : kTeamProfiles)
    if (auto s = d.roads->nearest_road(d.roads->profile(name), where)) best = std::min(best, s->distance_m);
  if (best <= d.roads->max_snap_m()) return std::nullopt;
  return best;
}

// The plan as published: the engine's plan, flagged "unroutable" when the incident lies
// beyond the snap distance from every road a vehicle may use (so its plan has no team, and the
// officer must see why rather than an empty plan).
json published_plan(const DomainState& state, const Incident& i, const IncidentPlan& plan) {
  const Dispatcher& d = *state.dispatch;
  json out = plan_to_json(d.geos, plan);
  if (auto m = off_road_m(d, i.location))
    out["unroutable"] = {{"distance_m", std::isfinite(*m) ? json(std::round(*m)) : json(nullptr)},
                         {"snap_limit_m", d.roads->max_snap_m()}};
  return out;
}

erde::Incident engine_incident(const Incident& i) { return {i.id, i.type, i.severity, i.location, {}}; }

SceneOfFn scenes(const DomainState& state) {
  return [&state](const std::string& id) { return incident_location(state, id); };
}

// The plan for `i` against the team table `teams` (the live one, or a view of it) as it is at
// the incident's last change: returning teams where they are estimated to be then. A plan that
// may pre-empt (response plans) also sees the dispatched teams on their way, and the incidents
// in force they go to.
IncidentPlan plan_now(const DomainState& state, const Incident& i, std::span<const TeamNow> teams) {
  const Dispatcher& d = *state.dispatch;
  const bool may_preempt = !d.book.at(i.type, i.severity).may_take_from.empty();
  const std::vector<IncidentInForce> in_force = may_preempt ? incidents_in_force(state.live) : std::vector<IncidentInForce>{};
  return plan_on_roads(d.geos, engine_incident(i), d.book, state.data,
                       teams_at(*d.roads, teams, i.updated_at, may_preempt ? scenes(state) : SceneOfFn{}), *d.roads,
                       state.live.ledger, in_force);
}

// Travel times of the team table at at_ms from where each team is estimated to be.
TeamEtaFn team_eta_at(const DomainState& state, int64_t at_ms) {
  return [&state, at_ms](const erde::Incident& i, std::span<const TeamNow> teams) {
    const LiveRoads& roads = *state.dispatch->roads;
    return team_times_now(roads, teams_at(roads, teams, at_ms, scenes(state)), i.location);
  };
}

// The incidents that held `team_id` keep their plans; each says why no substitute was planned.
void report_failed_replan(DomainState& state, const std::string& team_id, const std::string& reason, int64_t at_ms,
                          std::vector<Update>& updates) {
  for (auto& [id, plan] : state.live.active) {
    if (std::none_of(plan.teams.assigned.begin(), plan.teams.assigned.end(),
                     [&](const TeamAssignment& a) { return a.team_id == team_id; }))
      continue;
    Incident& i = state.incidents.at(id);
    json published = i.plan;
    published["replan_failed"] = {{"lost_team_id", team_id}, {"reason", reason}, {"at", at_ms}};
    auto text = std::make_shared<const std::string>(published.dump(-1, ' ', false, json::error_handler_t::replace));
    set_plan(i, std::move(published), text);
    i.updated_at = at_ms;
    updates.push_back({"plan." + i.id, nullptr, *text});
    updates.push_back({"incident." + i.id, incident_json(i)});
  }
}

void fill_routes(const DomainState& state, IncidentPlan& plan) {
  for (TeamAssignment& a : plan.teams.assigned)
    if (a.route.empty())
      if (const TeamNow* t = find_live_team(state, a.team_id))
        a.route = team_route_now(*state.dispatch->roads, *t, plan.incident.location);
}

void publish_plan(DomainState& state, Incident& i, const IncidentPlan& plan, std::vector<Update>& updates) {
  json plan_json = published_plan(state, i, plan);
  auto text = std::make_shared<const std::string>(plan_json.dump(-1, ' ', false, json::error_handler_t::replace));
  set_plan(i, std::move(plan_json), text);  // the text also serves every snapshot page
  updates.push_back({"plan." + i.id, nullptr, *text});
}

std::string positions_wkt(const json& positions) {
  std::string out = "(";
  char buf[64];
  for (size_t k = 0; k < positions.size(); ++k) {
    std::snprintf(buf, sizeof buf, "%s%.9f %.9f", k ? "," : "", positions[k][0].get<double>(),
                  positions[k][1].get<double>());
    out += buf;
  }
  return out + ")";
}

constexpr double kPointClosureRadiusM = 25;

Barrier closure_barrier(const Dispatcher& d, const Closure& c) {
  const json& g = c.geometry;
  const json& coords = g["coordinates"];
  auto wkb = [&d](const std::string& wkt) { return Geometry{d.geos.to_wkb(d.geos.from_wkt(wkt).get())}; };
  if (g["type"] == "Point")
    return closed_area(c.id, circle_polygon({coords[0].get<double>(), coords[1].get<double>()},
                                            c.radius_m.value_or(kPointClosureRadiusM)));
  if (g["type"] == "LineString") {
    std::string wkt = "LINESTRING";
    wkt += positions_wkt(coords);
    return closed_line(c.id, wkb(wkt));
  }
  std::string rings;
  for (const json& ring : coords) {
    if (!rings.empty()) rings += ',';
    rings += positions_wkt(ring);
  }
  std::string wkt = "POLYGON(";
  wkt += rings;
  wkt += ')';
  return closed_area(c.id, wkb(wkt));
}

}  // namespace

std::shared_ptr<Dispatcher> make_dispatcher(std::shared_ptr<const RoadIndex> index) {
  auto d = std::make_shared<Dispatcher>();
  d->book = load_response_plans(default_response_plans_path());
  d->index = std::move(index);
  d->roads = std::make_unique<LiveRoads>(d->index);
  d->any_road.assign(d->index->graph.edge_count(), 1);
  return d;
}

void check_in_district(const DomainState& state, LonLat where, const std::string& path) {
  if (!state.dispatch) return;
  const Dispatcher& d = *state.dispatch;
  const auto nearest = d.index->snap->nearest(where, d.any_road);
  if (!nearest) return;  // a district without roads: nothing to measure from
  const double m = haversine_m(where, nearest->point);
  if (m <= kDistrictReachM) return;
  char text[200];
  std::snprintf(text, sizeof text,
                "outside the district: %.1f km from the nearest road (more than %.0f km: a failed geocode, "
                "or lon and lat swapped?)",
                m / 1000, kDistrictReachM / 1000);
  reject(code::out_of_range, text, path);
}

json live_shelter_json(const DomainState& state, const Shelter& s) {
  json j = shelter_json(s);
  if (state.dispatch) {
    j["placed"] = state.live.ledger.placed(s.id);
    j["free_places"] = free_places(s, state.live.ledger);
  }
  return j;
}

namespace {

// The teams as the re-plan of an incident sees them: those it had committed free again, where
// they are now. A planning view: the table itself is not changed.
std::vector<TeamNow> with_own_teams_free(std::span<const TeamNow> teams, const std::set<std::string>& own) {
  std::vector<TeamNow> view(teams.begin(), teams.end());
  for (TeamNow& t : view)
    if (own.contains(t.team.id)) t.team.status = TeamStatus::available;
  return view;
}

// Its teams on their way to where the incident was get a fix where they are at at_ms, before the
// incident's new place changes where they are heading.
void fix_teams_on_the_way(DomainState& state, const std::set<std::string>& own, LonLat old_scene, int64_t at_ms) {
  for (const std::string& id : own) {
    TeamNow& t = find_team(state.live, id);
    if (t.team.status != TeamStatus::dispatched) continue;
    t.position = estimated_position(*state.dispatch->roads, t, old_scene, at_ms);
    t.position_at = at_ms;
  }
}

// `statuses`: the team table before (teams_now), to settle and publish the teams it changes.
void plan_and_commit(DomainState& state, Incident& i, const TeamsBefore& statuses,
                     std::vector<Update>& updates) {
  DispatchState& live = state.live;
  if (i.drill) {  // a drill shows what would be sent and commits nothing
    publish_plan(state, i, plan_now(state, i, live.teams), updates);
    return;
  }
  const auto before = placed_now(state);
  // A changed incident is planned afresh: its teams and holds are free to it again, teams it
  // keeps stay as they are, the others return.
  std::set<std::string> own;
  if (auto old = live.active.find(i.id); old != live.active.end()) {
    for (const auto& a : old->second.teams.assigned)
      if (committed(find_team(live, a.team_id).team.status)) own.insert(a.team_id);
    fix_teams_on_the_way(state, own, old->second.incident.location, i.updated_at);
    live.active.erase(old);
    live.ledger.release(i.id);
  }
  IncidentPlan plan;
  try {
    plan = own.empty() ? plan_now(state, i, live.teams) : plan_now(state, i, with_own_teams_free(live.teams, own));
  } catch (...) {
    // No plan in force for it any more: the teams it had return.
    for (const std::string& id : own) change_status(find_team(live, id), TeamStatus::returning);
    throw;
  }
  for (const auto& a : plan.teams.assigned)
    if (!own.erase(a.team_id)) change_status(find_team(live, a.team_id), TeamStatus::dispatched, i.id);
  for (const std::string& id : own) change_status(find_team(live, id), TeamStatus::returning);
  hold_materials(live.ledger, i.id, plan.materials);
  if (plan.evacuation) hold_shelters(live.ledger, i.id, *plan.evacuation);
  live.active[i.id] = plan;
  publish_plan(state, i, plan, updates);
  settle_moves(state, statuses, i.updated_at);
  publish_changed_teams(state, statuses, i.updated_at, updates);
  shelter_updates(state, before, updates);
}

}  // namespace

void dispatch_incident(DomainState& state, Incident& i, std::vector<Update>& updates) {
  if (!state.dispatch) return;
  const TeamsBefore statuses = teams_now(state);
  const size_t published = updates.size();
  // apply() must not fail after the command is journaled; the same data and commands fail the
  // same way on replay, so the reason becomes the plan.
  try {
    plan_and_commit(state, i, statuses, updates);
  } catch (const std::exception& e) {
    updates.resize(published);
    set_plan(i, {{"error", e.what()}});
    updates.push_back({"plan." + i.id, i.plan});
    settle_moves(state, statuses, i.updated_at);
    publish_changed_teams(state, statuses, i.updated_at, updates);
  }
}

void dispatch_close(DomainState& state, const Incident& i, std::vector<Update>& updates) {
  if (!state.dispatch || !state.live.active.contains(i.id)) return;
  const auto before = placed_now(state);
  const TeamsBefore statuses = teams_now(state);
  close_incident(state.live, i.id);
  settle_moves(state, statuses, i.updated_at);
  publish_changed_teams(state, statuses, i.updated_at, updates);
  shelter_updates(state, before, updates);
}

std::vector<Update> change_team_status(DomainState& state, const std::string& team_id, TeamStatus to,
                                       std::optional<std::string> incident, int64_t at_ms) {
  const TeamsBefore before = teams_now(state);
  TeamEtaFn eta;
  if (state.dispatch) eta = team_eta_at(state, at_ms);
  std::vector<Replan> replans;
  std::optional<std::string> replan_failed;
  try {
    replans = set_team_status(state.live, team_id, to, eta, std::move(incident), state.data.responsibility_areas);
  } catch (const std::exception& e) {
    // The change was checked before it was journaled, so what failed is the re-plan: the team is
    // off duty, and its incidents keep their plans, marked with why no substitute was planned.
    if (find_team(state.live, team_id).team.status != to) throw;
    replan_failed = e.what();
  }
  settle_moves(state, before, at_ms);
  TeamNow& t = find_team(state.live, team_id);
  t.updated_at = at_ms;
  std::vector<Update> updates = {{"team." + team_id, team_json(t)}};
  if (replan_failed) report_failed_replan(state, team_id, *replan_failed, at_ms, updates);
  for (const Replan& r : replans) {
    IncidentPlan& plan = state.live.active.at(r.incident_id);
    fill_routes(state, plan);
    Incident& i = state.incidents.at(r.incident_id);
    i.updated_at = at_ms;
    publish_plan(state, i, plan, updates);
    updates.push_back({"incident." + i.id, incident_json(i)});
  }
  publish_changed_teams(state, before, at_ms, updates, team_id);
  return updates;
}

std::optional<std::string> preemption_check(const DomainState& state, const std::string& incident_id,
                                            const std::string& team_id, std::optional<Capability> slot,
                                            int64_t at_ms) {
  if (!state.dispatch) return "the service plans nothing (no roads), so nothing can be pre-empted";
  if (auto refusal = preemption_refusal(state.live, incident_id, team_id, slot)) return refusal;
  const Incident& i = state.incidents.at(incident_id);
  const std::vector<double> eta = team_eta_at(state, at_ms)(engine_incident(i), state.live.teams);
  const TeamNow& t = *find_team(state.live.teams, team_id);
  if (!reachable(eta.at(static_cast<size_t>(&t - state.live.teams.data()))))
    return "team " + team_id + " (" + t.team.name + ") cannot reach incident " + incident_id + " by road";
  return std::nullopt;
}

std::vector<Update> preempt(DomainState& state, const std::string& incident_id, const std::string& team_id,
                            std::optional<Capability> slot, int64_t at_ms) {
  const TeamsBefore before = teams_now(state);
  TeamNow& t = find_team(state.live, team_id);
  // Its fix: where it is on its way to the incident it leaves.
  t.position = estimated_position(*state.dispatch->roads, t, incident_location(state, t.incident), at_ms);
  t.position_at = at_ms;
  t.updated_at = at_ms;
  const Preemption p =
      preempt_team(state.live, incident_id, team_id, slot, team_eta_at(state, at_ms), state.data.responsibility_areas);
  std::vector<Update> updates = {{"team." + team_id, team_json(t)}};
  for (const std::string& id : {p.incident_id, p.other.incident_id}) {
    IncidentPlan& plan = state.live.active.at(id);
    fill_routes(state, plan);
    Incident& i = state.incidents.at(id);
    i.updated_at = at_ms;
    publish_plan(state, i, plan, updates);
    updates.push_back({"incident." + i.id, incident_json(i)});
  }
  settle_moves(state, before, at_ms);
  publish_changed_teams(state, before, at_ms, updates, team_id);
  return updates;
}

std::vector<Update> share_event_stock(DomainState& state, const std::vector<std::string>& ids, int64_t at_ms) {
  const Dispatcher& d = *state.dispatch;
  const auto before = placed_now(state);
  const Reservations kept = state.live.ledger;
  std::vector<IncidentPlan> plans;
  try {
    for (const std::string& id : ids) {
      plans.push_back(state.live.active.at(id));
      state.live.ledger.release(id);
    }
    share_stock(d.geos, plans, state.data, *d.roads, state.live.ledger);
  } catch (...) {
    state.live.ledger = kept;  // the plans in force stand as they were
    throw;
  }
  std::vector<Update> updates;
  for (size_t k = 0; k < ids.size(); ++k) {
    state.live.active[ids[k]] = plans[k];
    Incident& i = state.incidents.at(ids[k]);
    i.updated_at = at_ms;
    publish_plan(state, i, plans[k], updates);
    updates.push_back({"incident." + i.id, incident_json(i)});
  }
  shelter_updates(state, before, updates);
  return updates;
}

void check_closure(const DomainState& state, const Closure& closure) {
  if (!state.dispatch) return;
  Dispatcher& d = *state.dispatch;
  std::vector<EdgeId> edges;
  try {
    edges = d.roads->edges_of(closure_barrier(d, closure));
  } catch (const Error& e) {
    reject(code::bad_value, std::string("the roads cannot use this geometry: ") + e.what(), "args.geometry");
  }
  if (edges.empty()) reject(code::bad_value, "touches no road of the district, so it would close nothing", "args.geometry");
}

void dispatch_closure_added(DomainState& state, const Closure& closure) {
  if (!state.dispatch) return;
  // check_closure accepted it before it was journaled, and the same geometry closes the same roads.
  state.dispatch->roads->close(closure_barrier(*state.dispatch, closure));
}

void dispatch_closure_removed(DomainState& state, const std::string& id) {
  if (!state.dispatch) return;
  state.dispatch->roads->reopen(id);
}

}  // namespace erde::service
