#include <cstdio>

#include "service/args.hpp"
#include "service/domain_state.hpp"
#include "util/error.hpp"

namespace erde::service {

using nlohmann::json;

namespace {
json optional_time(const std::optional<int64_t>& t) { return t ? json(*t) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// What an incident list shows of its plan; the plan itself is published on plan.<id>.
json plan_summary(const json& plan) {
  if (!plan.is_object()) return nullptr;
  if (plan.contains("error")) return {{"error", plan["error"]}};
  const json& teams = plan["teams"];
  int64_t missing = 0;
  for (const json& s : teams["shortfall"]) missing += s["missing"].get<int64_t>();
  return {{"complete", plan["complete"]},
          {"teams_assigned", teams["assigned"].size()},
          {"teams_missing", missing},
          {"staffed_eta_s", teams["staffed_eta_s"]}};
}

template <typename E>
json enum_list(const std::vector<E>& values) {
  json out = json::array();
  for (E v : values) out.push_back(std::string(to_string(v)));
  return out;
}
}  // namespace

DomainState make_domain_state(Dataset data) {
  DomainState state;
  for (const Team& t : data.teams) {
    LiveTeam live;
    live.team = t;
    live.position = t.base;
    state.teams.emplace(t.id, std::move(live));
  }
  state.data = std::move(data);
  return state;
}

bool team_transition_allowed(TeamStatus from, TeamStatus to) {
  using S = TeamStatus;
  if (from != to && to == S::off_duty) return true;
  switch (from) {
    case S::available: return to == S::dispatched;
    case S::dispatched: return to == S::on_scene || to == S::returning;
    case S::on_scene: return to == S::returning;
    case S::returning: return to == S::available || to == S::dispatched;
    case S::off_duty: return to == S::available;
  }
  return false;
}

json team_json(const LiveTeam& t) {
  return {{"id", t.team.id},
          {"name", t.team.name},
          {"kind", std::string(to_string(t.team.kind))},
          {"capabilities", enum_list(t.team.capabilities)},
          {"headcount", t.team.headcount},
          {"street_id", t.team.street_id},
          {"base", lonlat_json(t.team.base)},
          {"position", lonlat_json(t.position)},
          {"status", std::string(to_string(t.team.status))},
          {"incident", text_or_null(t.incident)},
          {"updated_at", optional_time(t.updated_at)}};
}

json incident_json(const Incident& i) {
  return {{"id", i.id},
          {"type", std::string(to_string(i.type))},
          {"severity", std::string(to_string(i.severity))},
          {"location", lonlat_json(i.location)},
          {"address", i.address},
          {"description", i.description},
          {"drill", i.drill},
          {"status", i.open ? "open" : "closed"},
          {"created_at", i.created_at},
          {"updated_at", i.updated_at},
          {"closed_at", optional_time(i.closed_at)},
          {"close_reason", text_or_null(i.close_reason)},
          {"submitted_by", i.submitted_by},
          {"plan_summary", plan_summary(i.plan)}};
}

json closure_json(const Closure& c) {
  return {{"id", c.id},
          {"reason", c.reason},
          {"geometry", c.geometry},
          {"radius_m", c.radius_m ? json(*c.radius_m) : json(nullptr)},
          {"created_at", c.created_at},
          {"by", c.by}};
}

json shelter_json(const Shelter& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"setting", std::string(to_string(s.setting))},
          {"type", std::string(to_string(s.type))},
          {"level", std::string(to_string(s.level))},
          {"effective_area_m2", s.effective_area_m2},
          {"capacity", s.capacity},
          {"street_id", s.street_id},
          {"location", lonlat_json(s.location)}};
}

json depot_json(const Depot& d) {
  json stock = json::array();
  for (const auto& item : d.stock)
    stock.push_back({{"material", std::string(to_string(item.material))},
                     {"quantity", item.quantity},
                     {"unit", item.unit.empty() ? std::string(default_unit(item.material))
                                                : item.unit}});
  return {{"id", d.id},
          {"name", d.name},
          {"kind", std::string(to_string(d.kind))},
          {"street_id", d.street_id},
          {"location", lonlat_json(d.location)},
          {"stock", stock}};
}

json domain_snapshot(const DomainState& state) {
  json teams = json::array();
  for (const auto& [id, t] : state.teams) teams.push_back(team_json(t));
  json incidents = json::array();
  for (const auto& [id, i] : state.incidents) incidents.push_back(incident_json(i));
  json plans = json::object();
  for (const auto& [id, i] : state.incidents)
    if (!i.plan.is_null()) plans[id] = i.plan;
  json closures = json::array();
  for (const auto& [id, c] : state.closures) closures.push_back(closure_json(c));
  json shelters = json::array();
  for (const auto& s : state.data.shelters) shelters.push_back(live_shelter_json(state, s));
  json depots = json::array();
  for (const auto& d : state.data.depots) depots.push_back(depot_json(d));
  return {{"teams", teams},
          {"incidents", incidents},
          {"plans", plans},
          {"closures", closures},
          {"shelters", shelters},
          {"depots", depots},
          {"counters", {{"next_incident", state.next_incident}, {"next_closure", state.next_closure}}},
          {"archived_incidents", state.archived_incidents}};
}

namespace {

std::optional<int64_t> read_optional_time(const json& object, std::string_view key) {
  const json* v = optional(object, key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) reject(code::bad_request, "must be an integer", std::string(key));
  return v->get<int64_t>();
}

int64_t read_time(const json& object, std::string_view key, std::string_view path) {
  const json& v = required(object, key, path);
  if (!v.is_number_integer()) reject(code::bad_request, "must be an integer", join_path(path, key));
  return v.get<int64_t>();
}

std::string read_optional_text(const json& object, std::string_view key) {
  const json* v = optional(object, key);
  return v ? read_text(*v, key, 1 << 20) : std::string();
}

Incident incident_from_json(const json& j) {
  const std::string path = "incident";
  Incident i;
  i.id = read_id(required(j, "id", path), "id");
  i.type = read_enum<IncidentType>(required(j, "type", path), "type");
  i.severity = read_enum<Severity>(required(j, "severity", path), "severity");
  i.location = read_lonlat(required(j, "location", path), "location");
  i.address = read_optional_text(j, "address");
  i.description = read_optional_text(j, "description");
  i.drill = read_bool(required(j, "drill", path), "drill");
  i.open = read_text(required(j, "status", path), "status", 16) == "open";
  i.created_at = read_time(j, "created_at", path);
  i.updated_at = read_time(j, "updated_at", path);
  i.closed_at = read_optional_time(j, "closed_at");
  i.close_reason = read_optional_text(j, "close_reason");
  i.submitted_by = read_optional_text(j, "submitted_by");
  return i;
}

Closure closure_from_json(const json& j) {
  const std::string path = "closure";
  Closure c;
  c.id = read_id(required(j, "id", path), "id");
  c.reason = read_optional_text(j, "reason");
  c.geometry = read_closure_geometry(required(j, "geometry", path), "geometry");
  if (const json* r = optional(j, "radius_m")) c.radius_m = read_number(*r, "radius_m", 0, 1e6);
  c.created_at = read_time(j, "created_at", path);
  c.by = read_optional_text(j, "by");
  return c;
}

uint64_t read_counter(const json& counters, std::string_view key) {
  const json& v = required(counters, key, "counters");
  if (!v.is_number_unsigned()) reject(code::bad_request, "must be a count", std::string(key));
  return v.get<uint64_t>();
}

}  // namespace

void domain_restore(DomainState& state, const json& snapshot) {
  if (state.dispatch)
    throw Error("snapshot: a dispatching state is rebuilt by replaying its journal, not restored");
  try {
    require_object(snapshot, "snapshot");
    for (const json& t : required(snapshot, "teams", "snapshot")) {
      std::string id = read_id(required(t, "id", "team"), "team.id");
      auto it = state.teams.find(id);
      if (it == state.teams.end()) throw Error("snapshot: team '" + id + "' is not in the dataset");
      LiveTeam& live = it->second;
      live.team.status = read_enum<TeamStatus>(required(t, "status", "team"), "team.status");
      live.position = read_lonlat(required(t, "position", "team"), "team.position");
      const json* incident = optional(t, "incident");
      live.incident = incident ? read_id(*incident, "team.incident") : std::string();
      live.updated_at = read_optional_time(t, "updated_at");
    }
    state.incidents.clear();
    state.closed_by_time.clear();
    const json* plans = optional(snapshot, "plans");
    for (const json& j : required(snapshot, "incidents", "snapshot")) {
      Incident i = incident_from_json(j);
      if (plans && plans->contains(i.id)) i.plan = (*plans)[i.id];
      if (!i.open) state.closed_by_time.emplace(i.closed_at.value_or(0), i.id);
      state.incidents[i.id] = std::move(i);
    }
    state.closures.clear();
    for (const json& j : required(snapshot, "closures", "snapshot")) {
      Closure c = closure_from_json(j);
      state.closures[c.id] = std::move(c);
    }
    const json& counters = required(snapshot, "counters", "snapshot");
    state.next_incident = read_counter(counters, "next_incident");
    state.next_closure = read_counter(counters, "next_closure");
    state.archived_incidents.clear();  // (absent from snapshots made before ids were kept)
    if (const json* archived = optional(snapshot, "archived_incidents"))
      for (const json& id : *archived) state.archived_incidents.insert(read_id(id, "archived_incidents"));
  } catch (const Rejected& e) {
    throw Error("snapshot: " + e.error.field + ": " + e.error.message);
  } catch (const json::exception& e) {
    throw Error(std::string("snapshot: ") + e.what());
  }
}

}  // namespace erde::service
