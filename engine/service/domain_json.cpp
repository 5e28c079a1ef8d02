#include <algorithm>
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
  json summary = {{"complete", plan["complete"]},
                  {"teams_assigned", teams["assigned"].size()},
                  {"teams_missing", missing},
                  {"staffed_eta_s", teams["staffed_eta_s"]}};
  if (plan.contains("unroutable")) summary["unroutable"] = plan["unroutable"];  // the officer must see it
  return summary;
}

template <typename E>
json enum_list(const std::vector<E>& values) {
  json out = json::array();
  for (E v : values) out.push_back(std::string(to_string(v)));
  return out;
}
}  // namespace

json team_json(const TeamNow& t) {
  return {{"id", t.team.id},
          {"name", t.team.name},
          {"kind", std::string(to_string(t.team.kind))},
          {"capabilities", enum_list(t.team.capabilities)},
          {"headcount", t.team.headcount},
          {"street_id", t.team.street_id},
          {"base", lonlat_json(t.team.base)},
          {"position", lonlat_json(t.position)},
          {"position_at", optional_time(t.position_at)},
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

void set_plan(Incident& incident, json plan, std::shared_ptr<const std::string> text) {
  incident.plan = std::move(plan);
  incident.plan_text = std::move(text);
}

namespace {
std::string dump_text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
}  // namespace

std::string plan_text(const Incident& incident) {
  if (incident.plan.is_null()) return {};
  return incident.plan_text ? *incident.plan_text : dump_text(incident.plan);
}

namespace {

// Fills one snapshot page: entities in topic order until the next would pass the byte limit.
class PageWriter {
 public:
  explicit PageWriter(size_t max_bytes) : max_bytes_(max_bytes) { page_.entities = "{"; }
  // False (nothing added) when the page is full; the first entity always goes in.
  bool add(const std::string& topic, const std::string& text) {
    std::string key = dump_text(json(topic));
    size_t grows = key.size() + 1 + text.size() + 1;  // "topic":text and a comma or the brace
    if (page_.count > 0 && page_.entities.size() + grows > max_bytes_) {
      page_.next = last_;
      return false;
    }
    if (page_.count > 0) page_.entities += ',';
    page_.entities += key;
    page_.entities += ':';
    page_.entities += text;
    ++page_.count;
    last_ = topic;
    return true;
  }
  SnapshotPage finish() {
    page_.entities += '}';
    return std::move(page_);
  }

 private:
  size_t max_bytes_;
  SnapshotPage page_;
  std::string last_;
};

// Where the topics `prefix` + id resume after the cursor `after`: all of them (nullopt id),
// those with an id above `id`, or none (skip).
struct Resume {
  bool skip = false;
  std::optional<std::string> after_id;
};
Resume resume_after(std::string_view after, std::string_view prefix) {
  if (after.substr(0, prefix.size()) == prefix) return {false, std::string(after.substr(prefix.size()))};
  if (after < prefix) return {false, std::nullopt};
  return {true, std::nullopt};
}

template <typename Map>
typename Map::const_iterator resume_in(const Map& map, const Resume& r) {
  return r.after_id ? map.upper_bound(*r.after_id) : map.begin();
}

// Dataset records (shelters, depots) by id, for paging them in topic order.
template <typename T>
std::map<std::string_view, const T*> by_id(const std::vector<T>& records) {
  std::map<std::string_view, const T*> out;
  for (const T& r : records) out.emplace(r.id, &r);
  return out;
}

template <typename T>
auto resume_in_records(const std::map<std::string_view, const T*>& map, const Resume& r) {
  return r.after_id ? map.upper_bound(std::string_view(*r.after_id)) : map.begin();
}

}  // namespace

SnapshotPage domain_snapshot_page(const DomainState& state, std::string_view after, size_t max_bytes) {
  // Collections in the order of their topics' prefixes, each in id order: all pages in a row
  // are the topics in string order.
  PageWriter page(max_bytes);
  if (Resume r = resume_after(after, "closure."); !r.skip)
    for (auto it = resume_in(state.closures, r); it != state.closures.end(); ++it)
      if (!page.add("closure." + it->first, dump_text(closure_json(it->second)))) return page.finish();
  if (Resume r = resume_after(after, "depot."); !r.skip) {
    auto depots = by_id(state.data.depots);
    for (auto it = resume_in_records(depots, r); it != depots.end(); ++it)
      if (!page.add("depot." + std::string(it->first), dump_text(depot_json(*it->second))))
        return page.finish();
  }
  if (Resume r = resume_after(after, "incident."); !r.skip)
    for (auto it = resume_in(state.incidents, r); it != state.incidents.end(); ++it)
      if (!page.add("incident." + it->first, dump_text(incident_json(it->second)))) return page.finish();
  if (Resume r = resume_after(after, "plan."); !r.skip)
    for (auto it = resume_in(state.incidents, r); it != state.incidents.end(); ++it)
      if (!it->second.plan.is_null() && !page.add("plan." + it->first, plan_text(it->second)))
        return page.finish();
  if (Resume r = resume_after(after, "shelter."); !r.skip) {
    auto shelters = by_id(state.data.shelters);
    for (auto it = resume_in_records(shelters, r); it != shelters.end(); ++it)
      if (!page.add("shelter." + std::string(it->first), dump_text(live_shelter_json(state, *it->second))))
        return page.finish();
  }
  if (Resume r = resume_after(after, "team."); !r.skip) {
    const std::vector<TeamNow>& teams = state.live.teams;  // by ascending id
    auto it = teams.begin();
    if (r.after_id)
      it = std::upper_bound(teams.begin(), teams.end(), *r.after_id,
                            [](const std::string& key, const TeamNow& t) { return key < t.team.id; });
    for (; it != teams.end(); ++it)
      if (!page.add("team." + it->team.id, dump_text(team_json(*it)))) return page.finish();
  }
  return page.finish();
}

json domain_snapshot(const DomainState& state) {
  json teams = json::array();
  for (const TeamNow& t : state.live.teams) teams.push_back(team_json(t));
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
      TeamNow* found = find_team(state.live.teams, id);
      if (!found) throw Error("snapshot: team '" + id + "' is not in the dataset");
      TeamNow& live = *found;
      // The snapshot's state as it was (restored, not a change the lifecycle judges).
      live.team.status = read_enum<TeamStatus>(required(t, "status", "team"), "team.status");
      live.position = read_lonlat(required(t, "position", "team"), "team.position");
      const json* incident = optional(t, "incident");
      live.incident = incident ? read_id(*incident, "team.incident") : std::string();
      live.updated_at = read_optional_time(t, "updated_at");
      live.position_at = read_optional_time(t, "position_at");
    }
    state.incidents.clear();
    state.closed_by_time.clear();
    const json* plans = optional(snapshot, "plans");
    for (const json& j : required(snapshot, "incidents", "snapshot")) {
      Incident i = incident_from_json(j);
      if (plans && plans->contains(i.id)) set_plan(i, (*plans)[i.id]);
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
