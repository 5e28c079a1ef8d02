#include "drill/drill.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dispatch/plan_on_roads.hpp"
#include "dispatch/team_status.hpp"
#include "drill/drill_state.hpp"
#include "route/trip.hpp"
#include "geo/local_projection.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

using json = nlohmann::json;
using S = Drill::State;

json point_json(LonLat p) { return json::array({p.lon, p.lat}); }

void emit(S& s, std::string_view subject, std::string kind, std::string id, json data, bool hidden = false) {
  DrillEvent e;
  e.t_ms = s.now;
  e.topic = "drill." + s.id + "." + std::string(subject);
  e.kind = std::move(kind);
  e.subject_id = std::move(id);
  e.hidden = hidden;
  e.data = std::move(data);
  s.log.push_back(std::move(e));
}

void push(S& s, int64_t t, Ev ev, size_t a, uint64_t gen = 0) { s.queue.push({t, s.seq++, ev, a, gen}); }

template <typename T>
size_t find_named(const std::vector<T>& items, const std::string& key) {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].id == key) return i;
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].name == key) return i;
  return kNone;
}

LonLat resolve_place(const S& s, const DrillPlace& p) {
  if (p.by == DrillPlace::By::coordinates) return p.at;
  const std::string where = s.scenario.source + ":" + std::to_string(p.line) + ": location: ";
  if (p.by == DrillPlace::By::risk_point) {
    size_t i = find_named(s.world.risk_points, p.name);
    if (i == kNone) throw Error(where + "no risk point with id or name '" + p.name + "' in " + s.scenario.data);
    return s.world.risk_points[i].location;
  }
  size_t i = find_named(s.world.areas, p.name);
  if (i == kNone) throw Error(where + "no area with id or name '" + p.name + "' in " + s.scenario.data);
  return s.world.areas[i].centroid;
}

// The row of the team with this id (or else this name) in the team table; kNone when none.
size_t team_row(const S& s, const std::string& key) {
  const std::vector<TeamNow>& teams = s.ds.teams;
  for (size_t i = 0; i < teams.size(); ++i)
    if (teams[i].team.id == key) return i;
  for (size_t i = 0; i < teams.size(); ++i)
    if (teams[i].team.name == key) return i;
  return kNone;
}

size_t team_index(const S& s, const std::string& key, int line) {
  size_t i = team_row(s, key);
  if (i == kNone) throw Error(s.scenario.source + ":" + std::to_string(line) + ": team: no team '" + key + "'");
  return i;
}

// A counter-based draw in [0, 1): the same for a seed, an incident and a team, whatever the order.
double draw(uint64_t seed, uint64_t a, uint64_t b) {
  uint64_t z = seed * 0x9E3779B97F4A7C15ull ^ (a + 1) * 0xBF58476D1CE4E5B9ull ^ (b + 7) * 0x94D049BB133111EBull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / 9007199254740992.0;
}

int64_t on_scene_ms(const S& s, const IncidentRecord& inc, size_t incident, size_t team) {
  double base = s.scenario.on_scene_s[static_cast<size_t>(inc.type)];
  double j = s.scenario.on_scene_jitter;
  if (j > 0) base *= 1 + j * (2 * draw(s.seed, incident, team) - 1);
  return std::llround(base * 1000);
}

void sample_occupancy(S& s) {
  int64_t total = 0;
  for (const Shelter& sh : s.world.shelters) {
    int64_t n = s.ds.ledger.placed(sh.id);
    total += n;
    int64_t& peak = s.shelter_peak[sh.id];
    peak = std::max(peak, n);
  }
  if (!s.occupancy.empty() && s.occupancy.back().second == total) return;
  if (!s.occupancy.empty() && s.occupancy.back().first == s.now) s.occupancy.back().second = total;
  else s.occupancy.push_back({s.now, total});
}

// The incident the team is committed to (dispatched to it or on its scene); empty when none:
// then a trip takes it home.
const std::string& heading(const TeamNow& t) {
  static const std::string none;
  const TeamStatus st = t.team.status;
  return st == TeamStatus::dispatched || st == TeamStatus::on_scene ? t.incident : none;
}

void start_busy(S& s, size_t team) {
  if (s.runs[team].busy_since < 0) s.runs[team].busy_since = s.now;
}
void end_busy(S& s, size_t team) {
  TeamRun& rt = s.runs[team];
  if (rt.busy_since >= 0) rt.busy_ms += s.now - rt.busy_since;
  rt.busy_since = -1;
}

// A returning team drives home on its trip; its row's position follows it here, so plans and
// re-plans start it where it is now (re-tasked from there).
void place_returning_teams(S& s) {
  for (size_t team = 0; team < s.runs.size(); ++team) {
    const Trip& trip = s.runs[team].trip;
    TeamNow& now = s.ds.teams[team];
    if (now.team.status == TeamStatus::returning && trip.active && trip.depart_ms <= s.now)
      now.position = trip_position(s.roads->graph(), trip, s.now).point;
  }
}

// Queues the team's departure to the incident of visit v, the one it was dispatched to: after
// the turnout time from standing, at once when it is re-tasked on the road (its trip home is
// dropped where it is).
void send_team(S& s, size_t team, size_t v, bool re_tasked) {
  TeamRun& rt = s.runs[team];
  if (re_tasked && rt.trip.active) s.ds.teams[team].position = trip_position(s.roads->graph(), rt.trip, s.now).point;
  rt.visit = v;
  rt.trip.active = false;
  ++rt.gen;
  start_busy(s, team);
  push(s, re_tasked ? s.now : s.now + std::llround(s.scenario.turnout_s * 1000), Ev::depart, team, rt.gen);
}

size_t new_visit(S& s, const std::string& incident_id, size_t team, const TeamAssignment& a, bool refill) {
  Visit v;
  v.incident_id = incident_id;
  v.team = team;
  v.capability = a.capability;
  v.planned_eta_s = a.eta_s;
  v.refill = refill;
  v.re_tasked = a.re_tasked;
  v.dispatched_ms = s.now;
  s.visits.push_back(v);
  const size_t id = s.visits.size() - 1;
  s.incidents[s.incident_index.at(incident_id)].visits.push_back(id);
  return id;
}

json team_json(const S& s, size_t team) {
  const Team& t = s.ds.teams[team].team;
  return {{"team_id", t.id}, {"team_name", t.name}};
}

void dispatch_assignments(S& s, const std::string& incident_id, const std::vector<TeamAssignment>& added, bool refill) {
  for (const TeamAssignment& a : added) {
    const size_t team = team_row(s, a.team_id);
    const size_t v = new_visit(s, incident_id, team, a, refill);
    json d = team_json(s, team);
    d["incident_id"] = incident_id;
    d["capability"] = to_string(a.capability);
    d["eta_s"] = a.eta_s;
    if (a.re_tasked) d["re_tasked_from"] = a.re_tasked_from.empty() ? json(nullptr) : json(a.re_tasked_from);
    emit(s, "team", "dispatched", a.team_id, std::move(d));
    send_team(s, team, v, a.re_tasked);
  }
}

void refill_open_slots(S& s, size_t team);

void close_if_done(S& s, const std::string& incident_id) {
  auto it = s.ds.active.find(incident_id);
  if (it == s.ds.active.end() || !it->second.teams.assigned.empty()) return;
  IncidentRecord& rec = s.incidents[s.incident_index.at(incident_id)];
  bool served = false;
  for (size_t v : rec.visits) served = served || s.visits[v].outcome == "cleared";
  if (!served) return;  // nobody has been there yet: it waits for a team
  for (const TeamShortfall& f : it->second.teams.shortfall) rec.unmet_at_close.push_back({f.capability, f.missing});
  // Materials sent are used up: they leave the depots' stock.
  for (const MaterialPick& p : it->second.materials.picks) {
    size_t d = find_named(s.world.depots, p.depot_id);
    double left = p.quantity;
    for (StockItem& item : s.world.depots[d].stock)
      if (item.material == p.material && left > 0) {
        double take = std::min(left, item.quantity);
        item.quantity -= take;
        left -= take;
      }
  }
  close_incident(s.ds, incident_id);
  rec.closed_ms = s.now;
  emit(s, "incident", "closed", incident_id, {{"unmet", rec.unmet_at_close.size()}}, rec.hidden);
  sample_occupancy(s);
}

// The team leaves for its heading (an incident, or its base when heading is empty).
void depart(S& s, size_t team) {
  TeamRun& rt = s.runs[team];
  TeamNow& now = s.ds.teams[team];
  const Team& t = now.team;
  const std::string heading_to = heading(now);
  const size_t p = s.roads->profile(team_profile(t));
  const LonLat to = heading_to.empty() ? t.base : s.incidents[s.incident_index.at(heading_to)].at;
  Trip trip = plan_trip(*s.roads, p, now.position, to, s.now);
  if (!trip.active) {
    if (heading_to.empty()) {  // no road home now: try again in ten minutes
      emit(s, "team", "no_route_home", t.id, team_json(s, team));
      push(s, s.now + 600'000, Ev::depart, team, rt.gen);
      return;
    }
    Visit& v = s.visits[rt.visit];
    v.outcome = "unreachable";
    emit(s, "team", "unreachable", t.id, {{"incident_id", heading_to}});
    IncidentPlan& plan = s.ds.active.at(heading_to);
    std::erase_if(plan.teams.assigned, [&](const TeamAssignment& a) { return a.team_id == t.id; });
    change_status(now, TeamStatus::returning);
    change_status(now, TeamStatus::available);
    rt.visit = kNone;
    end_busy(s, team);
    close_if_done(s, heading_to);
    return;
  }
  rt.trip = std::move(trip);
  if (!heading_to.empty()) s.visits[rt.visit].departed_ms = s.now;
  json d = team_json(s, team);
  d["to"] = heading_to.empty() ? json("base") : json(heading_to);
  d["arrive_ms"] = rt.trip.arrive_ms;
  d["route_s"] = static_cast<double>(rt.trip.arrive_ms - s.now) / 1000.0;
  emit(s, "team", "departed", t.id, std::move(d));
  push(s, rt.trip.arrive_ms, Ev::arrive, team, rt.gen);
}

void arrive(S& s, size_t team) {
  TeamRun& rt = s.runs[team];
  TeamNow& now = s.ds.teams[team];
  const Team& t = now.team;
  now.position = rt.trip.to.point;
  rt.trip.active = false;
  const std::string heading_to = heading(now);
  if (heading_to.empty()) {  // home
    now.position = t.base;
    change_status(now, TeamStatus::available);
    end_busy(s, team);
    if (rt.visit != kNone) s.visits[rt.visit].home_ms = s.now;
    rt.visit = kNone;
    emit(s, "team", "home", t.id, team_json(s, team));
    refill_open_slots(s, team);
    return;
  }
  change_status(now, TeamStatus::on_scene);
  const size_t idx = s.incident_index.at(heading_to);
  IncidentRecord& rec = s.incidents[idx];
  Visit& v = s.visits[rt.visit];
  v.arrived_ms = s.now;
  if (rec.first_arrival_ms < 0) rec.first_arrival_ms = s.now;
  json d = team_json(s, team);
  d["incident_id"] = rec.id;
  d["travel_s"] = static_cast<double>(s.now - v.departed_ms) / 1000.0;
  emit(s, "team", "arrived", t.id, std::move(d));
  push(s, s.now + on_scene_ms(s, rec, idx, team), Ev::clear, team, rt.gen);
}

void clear(S& s, size_t team) {
  TeamRun& rt = s.runs[team];
  TeamNow& now = s.ds.teams[team];
  const Team& t = now.team;
  const std::string incident_id = heading(now);
  Visit& v = s.visits[rt.visit];
  v.cleared_ms = s.now;
  v.outcome = "cleared";
  IncidentPlan& plan = s.ds.active.at(incident_id);
  std::erase_if(plan.teams.assigned, [&](const TeamAssignment& a) { return a.team_id == t.id; });
  change_status(now, TeamStatus::returning);  // heading home now
  emit(s, "team", "cleared", t.id, {{"incident_id", incident_id}});
  depart(s, team);
  close_if_done(s, incident_id);
  refill_open_slots(s, team);  // an incident still waiting gets it from the scene it cleared
}

// A team just became free (home, back on duty, or cleared and on its way home): it goes to the
// most severe, then oldest, incident still short of a capability it has.
void refill_open_slots(S& s, size_t team) {
  const Team& t = s.ds.teams[team].team;
  if (!dispatchable(t.status)) return;
  IncidentPlan* best = nullptr;
  size_t best_slot = 0;
  size_t best_rec = 0;
  for (auto& [id, plan] : s.ds.active) {
    for (size_t k = 0; k < plan.teams.shortfall.size(); ++k) {
      if (!t.has(plan.teams.shortfall[k].capability)) continue;
      const size_t r = s.incident_index.at(id);
      const IncidentRecord& rec = s.incidents[r];
      const IncidentRecord* cur = best ? &s.incidents[best_rec] : nullptr;
      if (!cur || rec.severity > cur->severity ||
          (rec.severity == cur->severity && rec.reported_ms < cur->reported_ms)) {
        best = &plan;
        best_slot = k;
        best_rec = r;
      }
      break;
    }
  }
  if (!best) return;
  TeamShortfall& slot = best->teams.shortfall[best_slot];
  place_returning_teams(s);
  const TeamNow& row = s.ds.teams[team];
  TeamAssignment a = assignment_of(row, slot.capability, team_times_now(*s.roads, {&row, 1}, s.incidents[best_rec].at)[0]);
  if (--slot.missing <= 0) best->teams.shortfall.erase(best->teams.shortfall.begin() + static_cast<long>(best_slot));
  best->teams.assigned.push_back(a);
  change_status(s.ds.teams[team], TeamStatus::dispatched, s.incidents[best_rec].id);
  dispatch_assignments(s, s.incidents[best_rec].id, {a}, true);
}

json plan_summary(const IncidentPlan& plan) {
  json teams = json::array();
  for (const TeamAssignment& a : plan.teams.assigned)
    teams.push_back({{"team_id", a.team_id}, {"capability", to_string(a.capability)}, {"eta_s", a.eta_s}});
  json team_short = json::array();
  for (const TeamShortfall& f : plan.teams.shortfall)
    team_short.push_back({{"capability", to_string(f.capability)}, {"missing", f.missing}, {"reason", f.reason}});
  json picks = json::array();
  for (const MaterialPick& p : plan.materials.picks)
    picks.push_back({{"material", to_string(p.material)}, {"depot_id", p.depot_id}, {"quantity", p.quantity}});
  json mat_short = json::array();
  for (const MaterialShortfall& f : plan.materials.shortfall)
    mat_short.push_back({{"material", to_string(f.material)}, {"missing", f.missing}});
  json out = {{"teams", teams}, {"team_shortfall", team_short}, {"materials", picks}, {"material_shortfall", mat_short}};
  if (plan.evacuation)
    out["evacuation"] = {{"people", plan.evacuation->people}, {"placed", plan.evacuation->placed},
                         {"unplaced", plan.evacuation->unplaced_total}};
  return out;
}

void on_incident(S& s, const Inject& in, const IncidentInject& ii, LonLat at) {
  IncidentRecord rec;
  rec.id = ii.id;
  rec.type = ii.type;
  rec.severity = ii.severity;
  rec.at = at;
  rec.hidden = in.hidden;
  rec.reported_ms = s.now;
  rec.target_s = s.scenario.target_s[static_cast<size_t>(ii.type)];
  s.incident_index[rec.id] = s.incidents.size();
  s.incidents.push_back(rec);
  emit(s, "incident", "reported", ii.id,
       {{"type", to_string(ii.type)}, {"type_zh", chinese_name(ii.type)}, {"severity", to_string(ii.severity)},
        {"severity_zh", chinese_name(ii.severity)}, {"location", point_json(at)}},
       in.hidden);

  Incident inc;
  inc.id = ii.id;
  inc.type = ii.type;
  inc.severity = ii.severity;
  inc.location = at;
  place_returning_teams(s);
  const IncidentPlan plan = plan_on_roads(s.geos, inc, *s.book, s.world, s.ds.teams, *s.roads, s.ds.ledger);
  commit_plan(s.ds, plan);
  for (const MaterialPick& p : plan.materials.picks) s.materials_used[std::string(to_string(p.material))] += p.quantity;
  IncidentRecord& r = s.incidents.back();
  r.planned_ms = s.now;
  r.planned = plan_summary(plan);
  emit(s, "incident", "planned", ii.id, r.planned, in.hidden);
  sample_occupancy(s);
  dispatch_assignments(s, ii.id, plan.teams.assigned, false);
}

// Teams driving a route through edges a new barrier closed take a fresh route from where they are.
void reroute_after(S& s, const std::string& barrier_id) {
  const std::span<const EdgeId> closed = s.roads->closures().touched_edges(barrier_id);
  for (size_t team = 0; team < s.runs.size(); ++team) {
    TeamRun& rt = s.runs[team];
    if (!rt.trip.active || rt.trip.arrive_ms <= s.now || rt.trip.depart_ms > s.now) continue;
    if (!remaining_route_uses(rt.trip, s.now, closed)) continue;
    const RoutePoint here = trip_position(s.roads->graph(), rt.trip, s.now);
    Trip fresh = plan_trip_from(*s.roads, rt.trip.profile, here, rt.trip.to, s.now);
    const Team& t = s.ds.teams[team].team;
    json d = team_json(s, team);
    d["barrier_id"] = barrier_id;
    d["at"] = point_json(here.point);
    d["old_arrive_ms"] = rt.trip.arrive_ms;
    if (!fresh.active) {
      emit(s, "team", "reroute_failed", t.id, std::move(d));
      continue;
    }
    d["new_arrive_ms"] = fresh.arrive_ms;
    rt.trip = std::move(fresh);
    ++rt.gen;
    if (rt.visit != kNone && !heading(s.ds.teams[team]).empty()) ++s.visits[rt.visit].reroutes;
    emit(s, "team", "rerouted", t.id, std::move(d));
    push(s, rt.trip.arrive_ms, Ev::arrive, team, rt.gen);
  }
}

// GeoJSON rings are closed: the first corner again at the end.
json ring_json(const std::vector<LonLat>& ring) {
  json r = json::array();
  for (LonLat p : ring) r.push_back(point_json(p));
  if (!ring.empty() && (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat))
    r.push_back(point_json(ring.front()));
  return json{{"type", "Polygon"}, {"coordinates", json::array({r})}};
}

Barrier ring_barrier(const S& s, const std::string& id, const std::vector<LonLat>& ring) {
  std::string wkt = "POLYGON((";
  char buf[64];
  for (size_t k = 0; k <= ring.size(); ++k) {
    const LonLat p = ring[k % ring.size()];
    std::snprintf(buf, sizeof buf, "%s%.9f %.9f", k ? "," : "", p.lon, p.lat);
    wkt += buf;
  }
  wkt += "))";
  return closed_area(id, Geometry{s.geos.to_wkb(s.geos.from_wkt(wkt).get())});
}

// A closure the roads refuse (it touches no road) is logged as refused, never silently dropped.
void close_roads(S& s, const std::string& id, const std::vector<LonLat>& ring, json data, bool hidden) {
  size_t edges = 0;
  try {
    edges = s.roads->close(ring_barrier(s, id, ring));
  } catch (const Error& e) {
    data["reason"] = e.what();
    data["geometry"] = ring_json(ring);
    emit(s, "road", "close_refused", id, std::move(data), hidden);
    return;
  }
  s.closure_shapes[id] = ring_json(ring);
  data["edges_closed"] = edges;
  data["geometry"] = s.closure_shapes[id];
  emit(s, "road", "closed", id, std::move(data), hidden);
  reroute_after(s, id);
}

// A closure around a point: the engine's circle zone, counter-clockwise and open like the
// scenarios' polygons.
std::vector<LonLat> circle(LonLat c, double radius_m) {
  std::vector<LonLat> ring = circle_ring(c, radius_m);
  ring.pop_back();
  std::reverse(ring.begin(), ring.end());
  return ring;
}

void on_closure(S& s, size_t k, const Inject& in, const ClosureInject& c) {
  const std::vector<LonLat> ring = c.centre ? circle(s.inject_at[k], c.radius_m) : c.polygon;
  json d = {{"cause", to_string(c.cause)}};
  if (c.centre) d["radius_m"] = c.radius_m;
  if (c.reopen_ms) {
    d["reopen_ms"] = *c.reopen_ms;
    push(s, *c.reopen_ms, Ev::reopen, k);
  }
  close_roads(s, c.id, ring, std::move(d), in.hidden);
}

void on_team_unavailable(S& s, const Inject& in, const TeamUnavailableInject& u) {
  const size_t team = team_index(s, u.team, in.line);
  TeamRun& rt = s.runs[team];
  TeamNow& now = s.ds.teams[team];
  const Team& t = now.team;
  if (t.status == TeamStatus::off_duty) return;
  ++rt.gen;
  if (rt.trip.active) now.position = trip_position(s.roads->graph(), rt.trip, s.now).point;
  rt.trip.active = false;
  end_busy(s, team);
  const std::string incident_id = heading(now);
  if (rt.visit != kNone && !incident_id.empty()) s.visits[rt.visit].outcome = "withdrawn";
  rt.visit = kNone;
  json d = team_json(s, team);
  d["was"] = to_string(t.status);
  d["reason"] = u.reason;
  if (u.until_ms) {
    d["until_ms"] = *u.until_ms;
    push(s, *u.until_ms, Ev::back_on_duty, team);
  }
  emit(s, "team", "unavailable", t.id, std::move(d), in.hidden);
  place_returning_teams(s);
  const TeamEtaFn eta = [&s](const Incident& inc, std::span<const TeamNow> teams) {
    return team_times_now(*s.roads, teams, inc.location);
  };
  for (const Replan& r : set_team_status(s.ds, t.id, TeamStatus::off_duty, eta, std::nullopt, s.world.responsibility_areas)) {
    json rd = {{"lost_team_id", r.lost_team_id}, {"added", json::array()}, {"still_missing", json::array()}};
    for (const TeamAssignment& a : r.added) rd["added"].push_back(a.team_id);
    for (const TeamShortfall& f : r.teams.shortfall)
      rd["still_missing"].push_back({{"capability", to_string(f.capability)}, {"missing", f.missing}});
    emit(s, "incident", "replanned", r.incident_id, std::move(rd), s.incidents[s.incident_index.at(r.incident_id)].hidden);
    dispatch_assignments(s, r.incident_id, r.added, true);
  }
  if (!incident_id.empty()) close_if_done(s, incident_id);
}

void on_stock_lost(S& s, const Inject& in, const StockLostInject& l) {
  const size_t d = find_named(s.world.depots, l.depot);
  if (d == kNone) throw Error(s.scenario.source + ":" + std::to_string(in.line) + ": depot: no depot '" + l.depot + "'");
  Depot& depot = s.world.depots[d];
  double want = l.quantity.value_or(std::numeric_limits<double>::infinity());
  double lost = 0;
  for (StockItem& item : depot.stock)
    if (item.material == l.material) {
      const double take = std::min(want - lost, item.quantity);
      item.quantity -= take;
      lost += take;
    }
  emit(s, "resource", "stock_lost", depot.id,
       {{"depot_name", depot.name}, {"material", to_string(l.material)}, {"lost", lost},
        {"free_now", free_stock(depot, l.material, s.ds.ledger)}},
       in.hidden);
}

void on_shelter_closed(S& s, const Inject& in, const ShelterClosedInject& c) {
  const size_t i = find_named(s.world.shelters, c.shelter);
  if (i == kNone) throw Error(s.scenario.source + ":" + std::to_string(in.line) + ": shelter: no shelter '" + c.shelter + "'");
  Shelter& sh = s.world.shelters[i];
  sh.capacity = 0;  // no new places; people already there stay on the ledger until their incident closes
  emit(s, "resource", "shelter_closed", sh.id,
       {{"shelter_name", sh.name}, {"reason", c.reason}, {"people_inside", s.ds.ledger.placed(sh.id)}}, in.hidden);
}

void on_sensor(S& s, size_t k, const Inject& in, const SensorAlertInject& a) {
  const bool over = a.level_m > a.threshold_m;
  emit(s, "sensor", "reading", a.sensor,
       {{"level_m", a.level_m}, {"threshold_m", a.threshold_m}, {"over_threshold", over},
        {"location", point_json(s.inject_at[k])}},
       in.hidden);
  const std::string id = "sensor-" + a.sensor;
  if (!over || !s.roads->closures().touched_edges(id).empty() || s.closure_shapes.count(id)) return;
  close_roads(s, id, circle(s.inject_at[k], a.radius_m),
              {{"cause", "waterlogging"}, {"sensor", a.sensor}, {"radius_m", a.radius_m}}, in.hidden);
}

void run_inject(S& s, size_t k) {
  const Inject& in = s.scenario.injects[k];
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, IncidentInject>) on_incident(s, in, body, s.inject_at[k]);
        else if constexpr (std::is_same_v<T, ClosureInject>) on_closure(s, k, in, body);
        else if constexpr (std::is_same_v<T, TeamUnavailableInject>) on_team_unavailable(s, in, body);
        else if constexpr (std::is_same_v<T, StockLostInject>) on_stock_lost(s, in, body);
        else if constexpr (std::is_same_v<T, ShelterClosedInject>) on_shelter_closed(s, in, body);
        else on_sensor(s, k, in, body);
      },
      in.body);
}

void process(S& s, const QueueItem& q) {
  switch (q.ev) {
    case Ev::inject: run_inject(s, q.a); return;
    case Ev::reopen: {
      const auto& c = std::get<ClosureInject>(s.scenario.injects[q.a].body);
      s.roads->reopen(c.id);
      emit(s, "road", "reopened", c.id, json::object(), s.scenario.injects[q.a].hidden);
      return;
    }
    case Ev::back_on_duty: {
      TeamNow& now = s.ds.teams[q.a];
      if (now.team.status != TeamStatus::off_duty) return;
      change_status(now, TeamStatus::available);
      now.position = now.team.base;
      emit(s, "team", "back_on_duty", now.team.id, team_json(s, q.a));
      refill_open_slots(s, q.a);
      return;
    }
    default: break;
  }
  if (q.gen != s.runs[q.a].gen) return;  // cancelled by a reroute or a withdrawal
  if (q.ev == Ev::depart) depart(s, q.a);
  else if (q.ev == Ev::arrive) arrive(s, q.a);
  else clear(s, q.a);
}

}  // namespace

Drill::Drill(const Scenario& scenario, const Dataset& data, std::shared_ptr<const RoadIndex> roads,
             const ResponsePlanBook& book, DrillOptions options)
    : s_(std::make_unique<State>()) {
  S& s = *s_;
  s.id = options.id;
  s.scenario = scenario;
  s.seed = options.seed.value_or(scenario.seed);
  s.book = &book;
  s.world = data;
  s.ds.teams = team_table(s.world.teams);
  s.world.teams.clear();
  s.roads = std::make_unique<LiveRoads>(std::move(roads));
  s.runs.resize(s.ds.teams.size());
  s.inject_at.resize(scenario.injects.size());
  for (size_t k = 0; k < scenario.injects.size(); ++k) {
    const Inject& in = scenario.injects[k];
    if (auto* i = std::get_if<IncidentInject>(&in.body)) s.inject_at[k] = resolve_place(s, i->place);
    if (auto* c = std::get_if<ClosureInject>(&in.body)) {
      if (c->centre) s.inject_at[k] = resolve_place(s, *c->centre);
      const std::vector<LonLat> ring = c->centre ? circle(s.inject_at[k], c->radius_m) : c->polygon;
      std::string refused;
      try {
        if (s.roads->edges_of(ring_barrier(s, c->id, ring)).empty()) refused = "it touches no road, so it would close nothing";
      } catch (const Error& e) {
        refused = e.what();
      }
      if (!refused.empty())
        throw Error(scenario.source + ":" + std::to_string(in.line) + ": closure " + c->id + ": " + refused);
    }
    if (auto* a = std::get_if<SensorAlertInject>(&in.body)) s.inject_at[k] = resolve_place(s, a->place);
    if (auto* u = std::get_if<TeamUnavailableInject>(&in.body)) team_index(s, u->team, in.line);
    if (auto* l = std::get_if<StockLostInject>(&in.body); l && find_named(s.world.depots, l->depot) == kNone)
      throw Error(scenario.source + ":" + std::to_string(in.line) + ": depot: no depot '" + l->depot + "'");
    if (auto* c = std::get_if<ShelterClosedInject>(&in.body); c && find_named(s.world.shelters, c->shelter) == kNone)
      throw Error(scenario.source + ":" + std::to_string(in.line) + ": shelter: no shelter '" + c->shelter + "'");
    push(s, in.at_ms, Ev::inject, k);
  }
  sample_occupancy(s);
}

Drill::~Drill() = default;

const std::string& Drill::id() const { return s_->id; }
int64_t Drill::now_ms() const { return s_->now; }
int64_t Drill::next_event_ms() const { return s_->queue.empty() ? kNever : s_->queue.top().t; }
const std::vector<DrillEvent>& Drill::log() const { return s_->log; }

std::vector<DrillEvent> Drill::advance_to(int64_t t_ms) {
  S& s = *s_;
  const size_t first = s.log.size();
  while (!s.queue.empty() && s.queue.top().t <= t_ms) {
    const QueueItem q = s.queue.top();
    s.queue.pop();
    s.now = q.t;
    process(s, q);
  }
  if (t_ms != kNever && t_ms > s.now) s.now = t_ms;
  return {s.log.begin() + static_cast<long>(first), s.log.end()};
}

std::vector<DrillEvent> Drill::run_to_end() { return advance_to(kNever); }

std::vector<DrillEvent> Drill::briefing() const {
  std::vector<DrillEvent> out;
  for (size_t k = 0; k < s_->scenario.injects.size(); ++k) {
    const Inject& in = s_->scenario.injects[k];
    if (in.hidden) continue;
    DrillEvent e;
    e.t_ms = in.at_ms;
    e.topic = "drill." + s_->id + ".briefing";
    e.kind = std::string(inject_kind(in.body));
    e.data = {{"at", format_offset(in.at_ms)}, {"line", in.line}};
    if (auto* i = std::get_if<IncidentInject>(&in.body)) {
      e.subject_id = i->id;
      e.data["type"] = to_string(i->type);
      e.data["severity"] = to_string(i->severity);
      e.data["location"] = point_json(s_->inject_at[k]);
    }
    if (auto* c = std::get_if<ClosureInject>(&in.body)) e.subject_id = c->id;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace erde
