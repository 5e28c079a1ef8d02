// The phase-1 commands: incident submit/update/close, team status/position, closure add/remove.
#include <algorithm>
#include <cstdio>
#include <set>

#include "service/args.hpp"
#include "service/domain_state.hpp"

namespace erde::service {

using nlohmann::json;

namespace {

constexpr size_t kMaxText = 4000;
constexpr size_t kMaxClosureVertices = 10000;

std::string numbered_id(const char* prefix, uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-%06llu", prefix, static_cast<unsigned long long>(n));
  return buf;
}

// The next free generated id; counters only move forward so replay gives the same ids.
template <typename Map>
std::string next_free_id(const Map& existing, const char* prefix, uint64_t& counter,
                         const std::set<std::string>* retired = nullptr) {
  for (;;) {
    std::string id = numbered_id(prefix, counter++);
    if (!existing.contains(id) && !(retired && retired->contains(id))) return id;
  }
}

Incident& open_incident(DomainState& state, const json& args, const char* key) {
  std::string id = read_id(required(args, key, "args"), join_path("args", key));
  auto it = state.incidents.find(id);
  if (it == state.incidents.end())
    reject(code::unknown_id, "no incident '" + id + "'", join_path("args", key));
  if (!it->second.open)
    reject(code::conflict, "incident '" + id + "' is closed", join_path("args", key));
  return it->second;
}

TeamNow& live_team(DomainState& state, const json& args) {
  std::string id = read_id(required(args, "team", "args"), "args.team");
  TeamNow* t = find_live_team(state, id);
  if (!t) reject(code::unknown_id, "no team '" + id + "'", "args.team");
  return *t;
}

std::vector<Update> incident_update(const Incident& i) {
  return {{"incident." + i.id, incident_json(i)}};
}

std::vector<Update> submit_incident(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"id", "type", "severity", "location", "address", "description", "drill"}, "args");
  Incident i;
  if (const json* id = optional(a, "id")) {
    i.id = read_id(*id, "args.id");
    if (state.incidents.contains(i.id))
      reject(code::conflict, "incident '" + i.id + "' exists already", "args.id");
    if (state.archived_incidents.contains(i.id))
      reject(code::conflict, "incident '" + i.id + "' existed and is archived; an id is never reused", "args.id");
  }
  i.type = read_enum<IncidentType>(required(a, "type", "args"), "args.type");
  if (const json* s = optional(a, "severity")) i.severity = read_enum<Severity>(*s, "args.severity");
  i.location = read_lonlat(required(a, "location", "args"), "args.location");
  check_in_district(state, i.location, "args.location");
  if (const json* s = optional(a, "address")) i.address = read_text(*s, "args.address", kMaxText);
  if (const json* s = optional(a, "description"))
    i.description = read_text(*s, "args.description", kMaxText);
  if (const json* d = optional(a, "drill")) i.drill = read_bool(*d, "args.drill");
  if (!commit) return {};
  if (i.id.empty()) i.id = next_free_id(state.incidents, "I", state.next_incident, &state.archived_incidents);
  i.created_at = i.updated_at = c.at_ms;
  i.submitted_by = c.by;
  auto& stored = state.incidents[i.id] = std::move(i);
  std::vector<Update> updates = incident_update(stored);
  dispatch_incident(state, stored, updates);
  if (!stored.plan.is_null()) updates[0].body = incident_json(stored);
  return updates;
}

std::vector<Update> update_incident(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"id", "type", "severity", "location", "address", "description", "drill"}, "args");
  Incident& current = open_incident(state, a, "id");
  // Drill and live records never mix: an incident stays what it was submitted as (a drill
  // turned live would have planned nothing; a live one turned drill would keep live teams).
  if (const json* d = optional(a, "drill"); d && read_bool(*d, "args.drill") != current.drill)
    reject(code::drill_live_mix,
           "incident '" + current.id + "' is a " + (current.drill ? "drill" : "live") +
               " incident and stays one; close it and submit a new one",
           "args.drill");
  Incident next = current;
  bool any = false;
  if (const json* v = optional(a, "type")) next.type = read_enum<IncidentType>(*v, "args.type"), any = true;
  if (const json* v = optional(a, "severity")) next.severity = read_enum<Severity>(*v, "args.severity"), any = true;
  if (const json* v = optional(a, "location")) {
    next.location = read_lonlat(*v, "args.location");
    check_in_district(state, next.location, "args.location");
    any = true;
  }
  if (const json* v = optional(a, "address")) next.address = read_text(*v, "args.address", kMaxText), any = true;
  if (const json* v = optional(a, "description"))
    next.description = read_text(*v, "args.description", kMaxText), any = true;
  if (!any) reject(code::bad_request, "nothing to update", "args");
  if (!commit) return {};
  next.updated_at = c.at_ms;
  const bool replan = next.type != current.type || next.severity != current.severity ||
                      next.location.lon != current.location.lon || next.location.lat != current.location.lat;
  current = std::move(next);
  std::vector<Update> updates = incident_update(current);
  if (replan) {
    dispatch_incident(state, current, updates);
    updates[0].body = incident_json(current);
  }
  return updates;
}

// Closed incidents stay in the live picture until kClosedIncidentsKept newer ones have closed;
// then the oldest leaves it (an update with "removed"), so memory and snapshots stay bounded on a
// service that runs for weeks. The journal keeps every one.
void retire_old_closed(DomainState& state, int64_t at_ms, std::vector<Update>& updates) {
  if (state.closed_by_time.size() <= kClosedIncidentsKept) return;
  const std::string id = state.closed_by_time.begin()->second;
  state.closed_by_time.erase(state.closed_by_time.begin());
  state.incidents.erase(id);
  state.archived_incidents.insert(id);
  const json removed = {{"id", id}, {"removed", true}, {"removed_at", at_ms}, {"reason", "archived"}};
  updates.push_back({"incident." + id, removed});
  updates.push_back({"plan." + id, removed});
}

std::vector<Update> close_incident(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"id", "reason"}, "args");
  Incident& i = open_incident(state, a, "id");
  std::string reason;
  if (const json* r = optional(a, "reason")) reason = read_text(*r, "args.reason", kMaxText);
  if (!commit) return {};
  i.open = false;
  i.closed_at = c.at_ms;
  i.updated_at = c.at_ms;
  i.close_reason = std::move(reason);
  state.closed_by_time.emplace(c.at_ms, i.id);
  std::vector<Update> updates = incident_update(i);
  dispatch_close(state, i, updates);
  retire_old_closed(state, c.at_ms, updates);
  return updates;
}

std::vector<Update> team_status(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"team", "status", "incident"}, "args");
  const TeamNow& t = live_team(state, a);
  TeamStatus to = read_enum<TeamStatus>(required(a, "status", "args"), "args.status");
  if (auto refusal = status_change_refusal(t, to)) reject(code::conflict, *refusal, "args.status");
  std::optional<std::string> incident;
  if (optional(a, "incident")) {
    if (to != TeamStatus::dispatched)
      reject(code::bad_request, "an incident is given only when dispatching", "args.incident");
    const Incident& target = open_incident(state, a, "incident");
    // Teams are live: a drill incident is planned to show what would be sent, but no team is
    // ever sent to it, or a real emergency would find the team busy with an exercise.
    if (target.drill)
      reject(code::drill_live_mix,
             "incident '" + target.id + "' is a drill: live team '" + t.team.id + "' cannot be sent to it",
             "args.incident");
    incident = target.id;
  }
  if (!commit) return {};
  return change_team_status(state, t.team.id, to, std::move(incident), c.at_ms);
}

// The duty officer confirms a pre-emption the plan proposed: {incident, team, capability?}.
std::vector<Update> preempt_command(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"incident", "team", "capability"}, "args");
  const Incident& target = open_incident(state, a, "incident");
  if (target.drill)
    reject(code::drill_live_mix, "incident '" + target.id + "' is a drill: it cannot take a live team", "args.incident");
  const TeamNow& t = live_team(state, a);
  std::optional<Capability> slot;
  if (const json* v = optional(a, "capability")) slot = read_enum<Capability>(*v, "args.capability");
  if (auto refusal = preemption_check(state, target.id, t.team.id, slot, c.at_ms))
    reject(code::conflict, *refusal, "args.team");
  if (!commit) return {};
  return preempt(state, target.id, t.team.id, slot, c.at_ms);
}

constexpr size_t kMaxEventIncidents = 500;

// A typhoon night: stock and shelter places of open incidents shared again by severity, most
// severe first: {incidents?: [id, ...]} (default: every open live incident with a plan in force,
// oldest first; the order given breaks ties of severity).
std::vector<Update> share_event(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"incidents"}, "args");
  if (!state.dispatch) reject(code::conflict, "the service plans nothing (no roads), so there is nothing to share", "kind");
  std::vector<std::string> ids;
  if (const json* list = optional(a, "incidents")) {
    if (!list->is_array() || list->size() > kMaxEventIncidents)
      reject(code::bad_request, "a list of at most " + std::to_string(kMaxEventIncidents) + " incident ids",
             "args.incidents");
    for (size_t k = 0; k < list->size(); ++k) {
      const std::string path = join_path("args.incidents", std::to_string(k));
      const std::string id = read_id((*list)[k], path);
      auto it = state.incidents.find(id);
      if (it == state.incidents.end()) reject(code::unknown_id, "no incident '" + id + "'", path);
      if (!it->second.open) reject(code::conflict, "incident '" + id + "' is closed", path);
      if (it->second.drill)
        reject(code::drill_live_mix, "incident '" + id + "' is a drill: it holds nothing live to share", path);
      if (!state.live.active.contains(id))
        reject(code::conflict, "incident '" + id + "' has no plan in force (see its plan's error)", path);
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) reject(code::bad_value, "incident '" + id + "' given twice", path);
      ids.push_back(id);
    }
  } else {
    std::vector<const Incident*> open;
    for (const auto& [id, i] : state.incidents)
      if (i.open && !i.drill && state.live.active.contains(id)) open.push_back(&i);
    std::stable_sort(open.begin(), open.end(), [](const Incident* x, const Incident* y) { return x->created_at < y->created_at; });
    for (const Incident* i : open) ids.push_back(i->id);
  }
  if (ids.size() < 2) reject(code::bad_request, "sharing needs at least two open live incidents with plans", "args.incidents");
  if (!commit) return {};
  return share_event_stock(state, ids, c.at_ms);
}

std::vector<Update> team_position(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"team", "location"}, "args");
  TeamNow& t = live_team(state, a);
  LonLat p = read_lonlat(required(a, "location", "args"), "args.location");
  if (!commit) return {};
  t.position = p;
  t.position_at = c.at_ms;
  t.updated_at = c.at_ms;
  return {{"team." + t.team.id, team_json(t)}};
}

std::vector<Update> add_closure(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"id", "reason", "geometry", "radius_m"}, "args");
  Closure closure;
  if (const json* id = optional(a, "id")) {
    closure.id = read_id(*id, "args.id");
    if (state.closures.contains(closure.id))
      reject(code::conflict, "closure '" + closure.id + "' exists already", "args.id");
  }
  closure.reason = read_text(required(a, "reason", "args"), "args.reason", kMaxText);
  closure.geometry = read_closure_geometry(required(a, "geometry", "args"), "args.geometry");
  if (const json* r = optional(a, "radius_m")) {
    if (closure.geometry["type"] != "Point")
      reject(code::bad_request, "radius_m applies to a Point closure only", "args.radius_m");
    closure.radius_m = read_number(*r, "args.radius_m", 1.0, 50000.0);
  }
  check_closure(state, closure);
  if (!commit) return {};
  if (closure.id.empty()) closure.id = next_free_id(state.closures, "C", state.next_closure);
  closure.created_at = c.at_ms;
  closure.by = c.by;
  auto& stored = state.closures[closure.id] = std::move(closure);
  dispatch_closure_added(state, stored);
  return {{"closure." + stored.id, closure_json(stored)}};
}

std::vector<Update> remove_closure(DomainState& state, const Command& c, bool commit) {
  const json& a = c.args;
  allow_only(a, {"id"}, "args");
  std::string id = read_id(required(a, "id", "args"), "args.id");
  if (!state.closures.contains(id)) reject(code::unknown_id, "no closure '" + id + "'", "args.id");
  if (!commit) return {};
  state.closures.erase(id);
  dispatch_closure_removed(state, id);
  return {{"closure." + id, {{"id", id}, {"removed", true}, {"removed_at", c.at_ms}, {"by", c.by}}}};
}

size_t read_positions(const json& value, std::string_view path, size_t min_count) {
  if (!value.is_array() || value.size() < min_count)
    reject(code::bad_request, "needs at least " + std::to_string(min_count) + " positions",
           std::string(path));
  for (size_t k = 0; k < value.size(); ++k) read_position(value[k], join_path(path, std::to_string(k)));
  return value.size();
}

}  // namespace

json read_closure_geometry(const json& value, std::string_view path) {
  require_object(value, path);
  allow_only(value, {"type", "coordinates"}, path);
  const json& type = required(value, "type", path);
  const json& coords = required(value, "coordinates", path);
  std::string coords_path = join_path(path, "coordinates");
  if (type == "Point") {
    read_position(coords, coords_path);
  } else if (type == "LineString") {
    if (read_positions(coords, coords_path, 2) > kMaxClosureVertices)
      reject(code::out_of_range, "too many vertices", coords_path);
  } else if (type == "Polygon") {
    if (!coords.is_array() || coords.empty())
      reject(code::bad_request, "a polygon is a list of rings", coords_path);
    size_t vertices = 0;
    for (size_t r = 0; r < coords.size(); ++r) {
      std::string ring_path = join_path(coords_path, std::to_string(r));
      vertices += read_positions(coords[r], ring_path, 4);
      if (coords[r].front() != coords[r].back())
        reject(code::bad_value, "a ring must end where it starts", ring_path);
      if (vertices > kMaxClosureVertices) reject(code::out_of_range, "too many vertices", ring_path);
    }
  } else {
    reject(code::bad_value, "geometry type must be Point, LineString or Polygon",
           join_path(path, "type"));
  }
  return {{"type", type}, {"coordinates", coords}};
}

std::vector<Update> run_domain_command(DomainState& state, const Command& command, bool commit) {
  using Handler = std::vector<Update> (*)(DomainState&, const Command&, bool);
  static const std::pair<const char*, Handler> handlers[] = {
      {"incident.submit", submit_incident}, {"incident.update", update_incident},
      {"incident.close", close_incident},   {"team.status", team_status},
      {"team.position", team_position},     {"closure.add", add_closure},
      {"incident.preempt", preempt_command}, {"event.share", share_event},
      {"closure.remove", remove_closure},
  };
  for (const auto& [kind, handler] : handlers)
    if (command.kind == kind) return handler(state, command, commit);
  reject(code::unknown_kind, "unknown command '" + command.kind + "'", "kind");
}

}  // namespace erde::service
