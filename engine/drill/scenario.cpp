#include "drill/scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "util/error.hpp"

namespace erde {

std::string_view inject_kind(const InjectBody& body) {
  static constexpr std::string_view kNames[] = {"incident",       "road_closure",   "team_unavailable",
                                                "depot_stock_lost", "shelter_closed", "sensor_alert"};
  return kNames[body.index()];
}

std::string format_offset(int64_t ms) {
  const int64_t s = ms / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buf;
}

namespace {

// Reads one YAML document with errors "<source>:<line>: <field>: <reason>".
struct Reader {
  std::string source;

  [[noreturn]] void fail(const YAML::Node& node, const std::string& field, const std::string& why) const {
    const int line = node.IsDefined() ? node.Mark().line + 1 : 0;
    throw Error(source + ":" + std::to_string(line) + ": " + field + ": " + why);
  }

  std::string text(const YAML::Node& node, const std::string& field) const {
    if (!node.IsScalar()) fail(node, field, "expected a text value");
    return node.Scalar();
  }

  double number(const YAML::Node& node, const std::string& field) const {
    const std::string t = text(node, field);
    try {
      size_t used = 0;
      double v = std::stod(t, &used);
      if (used == t.size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
    }
    fail(node, field, "'" + t + "' is not a number");
  }

  double non_negative(const YAML::Node& node, const std::string& field) const {
    double v = number(node, field);
    if (v < 0) fail(node, field, "must not be negative");
    return v;
  }

  // Offsets and durations in minutes: at most a year, so that a drill's sums in ms stay far from
  // overflowing (a finite 1e300 minutes once became a negative offset).
  static constexpr double kMaxMinutes = 365.0 * 24 * 60;
  double minutes(const YAML::Node& node, const std::string& field) const {
    double v = non_negative(node, field);
    if (v > kMaxMinutes) fail(node, field, "more than a year (525600 minutes)");
    return v;
  }

  bool flag(const YAML::Node& node, const std::string& field) const {
    const std::string t = text(node, field);
    if (t == "true" || t == "yes") return true;
    if (t == "false" || t == "no") return false;
    fail(node, field, "'" + t + "' is not true or false");
  }

  template <typename E>
  E enumerated(const YAML::Node& node, const std::string& field) const {
    const std::string t = text(node, field);
    if (auto v = parse_enum<E>(t)) return *v;
    fail(node, field, "unknown " + std::string(EnumTable<E>::label) + " '" + t + "'; allowed: " + allowed_values<E>());
  }

  // "HH:MM", "HH:MM:SS" or a number of minutes.
  int64_t offset(const YAML::Node& node, const std::string& field) const {
    const std::string t = text(node, field);
    int h = 0, m = 0, s = 0;
    char tail = 0;
    if (std::sscanf(t.c_str(), "%d:%d:%d%c", &h, &m, &s, &tail) == 3 ||
        (s = 0, std::sscanf(t.c_str(), "%d:%d%c", &h, &m, &tail) == 2)) {
      if (h < 0 || m < 0 || m > 59 || s < 0 || s > 59) fail(node, field, "'" + t + "' is not a valid HH:MM[:SS] offset");
      if (h >= 365 * 24) fail(node, field, "'" + t + "' is more than a year");
      return (static_cast<int64_t>(h) * 3600 + m * 60 + s) * 1000;
    }
    return std::llround(minutes(node, field) * 60'000.0);
  }

  LonLat lon_lat(const YAML::Node& lon, const YAML::Node& lat, const std::string& field) const {
    LonLat p{number(lon, field + ".lon"), number(lat, field + ".lat")};
    if (p.lon < -180 || p.lon > 180) fail(lon, field + ".lon", "longitude outside -180..180");
    if (p.lat < -90 || p.lat > 90) fail(lat, field + ".lat", "latitude outside -90..90");
    return p;
  }

  LonLat pair(const YAML::Node& node, const std::string& field) const {
    if (!node.IsSequence() || node.size() != 2) fail(node, field, "expected [lon, lat]");
    return lon_lat(node[0], node[1], field);
  }

  // {lon, lat}, [lon, lat], {risk_point: id-or-name} or {area: id-or-name}.
  DrillPlace place(const YAML::Node& node, const std::string& field) const {
    DrillPlace p;
    p.line = node.Mark().line + 1;
    if (node.IsSequence()) {
      p.at = pair(node, field);
      return p;
    }
    if (!node.IsMap()) fail(node, field, "expected {lon, lat}, [lon, lat], {risk_point: ...} or {area: ...}");
    if (node["risk_point"]) {
      p.by = DrillPlace::By::risk_point;
      p.name = text(node["risk_point"], field + ".risk_point");
    } else if (node["area"]) {
      p.by = DrillPlace::By::area;
      p.name = text(node["area"], field + ".area");
    } else if (node["lon"] && node["lat"]) {
      p.at = lon_lat(node["lon"], node["lat"], field);
    } else {
      fail(node, field, "expected {lon, lat}, [lon, lat], {risk_point: ...} or {area: ...}");
    }
    if (node.size() != 1 && p.by != DrillPlace::By::coordinates) fail(node, field, "give one of risk_point or area");
    return p;
  }

  void only_keys(const YAML::Node& map, const std::string& field, const std::set<std::string>& allowed) const {
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
        fail(it->first, field.empty() ? key : field + "." + key, "unknown field; allowed: " + list);
      }
    }
  }

  const YAML::Node need(const YAML::Node& map, const std::string& key, const std::string& field) const {
    const YAML::Node n = map[key];
    if (!n) fail(map, field + "." + key, "missing");
    return n;
  }

  // {default: 30, fire: 60, 内涝: 45} in minutes -> seconds per incident type.
  std::array<double, kIncidentTypes> per_type(const YAML::Node& node, const std::string& field,
                                              double fallback_min) const {
    std::array<double, kIncidentTypes> out;
    out.fill(fallback_min * 60);
    if (!node) return out;
    if (node.IsScalar()) {
      out.fill(minutes(node, field) * 60);
      return out;
    }
    if (!node.IsMap()) fail(node, field, "expected minutes, or a map of incident type to minutes");
    if (node["default"]) out.fill(minutes(node["default"], field + ".default") * 60);
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (key == "default") continue;
      const IncidentType t = enumerated<IncidentType>(it->first, field + "." + key);
      out[static_cast<size_t>(t)] = minutes(it->second, field + "." + key) * 60;
    }
    return out;
  }

  InjectBody incident(const YAML::Node& n, const std::string& f) const {
    only_keys(n, f, {"at", "kind", "hidden", "id", "type", "severity", "location"});
    IncidentInject i;
    if (n["id"]) i.id = text(n["id"], f + ".id");
    i.type = enumerated<IncidentType>(need(n, "type", f), f + ".type");
    i.severity = enumerated<Severity>(need(n, "severity", f), f + ".severity");
    i.place = place(need(n, "location", f), f + ".location");
    return i;
  }

  InjectBody closure(const YAML::Node& n, const std::string& f) const {
    only_keys(n, f, {"at", "kind", "hidden", "id", "cause", "location", "radius_m", "polygon", "reopen_at"});
    ClosureInject c;
    if (n["id"]) c.id = text(n["id"], f + ".id");
    if (n["cause"]) c.cause = enumerated<ClosureCause>(n["cause"], f + ".cause");
    if (n["location"] && n["polygon"]) fail(n, f, "give location + radius_m or polygon, not both");
    if (n["location"]) {
      c.centre = place(n["location"], f + ".location");
      c.radius_m = non_negative(need(n, "radius_m", f), f + ".radius_m");
      if (c.radius_m <= 0) fail(n["radius_m"], f + ".radius_m", "must be positive metres");
    } else if (n["polygon"]) {
      const YAML::Node ring = n["polygon"];
      if (!ring.IsSequence() || ring.size() < 3) fail(ring, f + ".polygon", "expected at least 3 [lon, lat] corners");
      for (size_t k = 0; k < ring.size(); ++k) c.polygon.push_back(pair(ring[k], f + ".polygon[" + std::to_string(k) + "]"));
    } else {
      fail(n, f, "a road closure needs location + radius_m or polygon");
    }
    if (n["reopen_at"]) c.reopen_ms = offset(n["reopen_at"], f + ".reopen_at");
    return c;
  }

  InjectBody team_unavailable(const YAML::Node& n, const std::string& f) const {
    only_keys(n, f, {"at", "kind", "hidden", "team", "until", "reason"});
    TeamUnavailableInject t;
    t.team = text(need(n, "team", f), f + ".team");
    if (n["until"]) t.until_ms = offset(n["until"], f + ".until");
    if (n["reason"]) t.reason = text(n["reason"], f + ".reason");
    return t;
  }

  InjectBody stock_lost(const YAML::Node& n, const std::string& f) const {
    only_keys(n, f, {"at", "kind", "hidden", "depot", "material", "quantity"});
    StockLostInject s;
    s.depot = text(need(n, "depot", f), f + ".depot");
    s.material = enumerated<Material>(need(n, "material", f), f + ".material");
    if (n["quantity"] && n["quantity"].Scalar() != "all") s.quantity = non_negative(n["quantity"], f + ".quantity");
    return s;
  }

  InjectBody shelter_closed(const YAML::Node& n, const std::string& f) const {
    only_keys(n, f, {"at", "kind", "hidden", "shelter", "reason"});
    ShelterClosedInject s;
    s.shelter = text(need(n, "shelter", f), f + ".shelter");
    if (n["reason"]) s.reason = text(n["reason"], f + ".reason");
    return s;
  }

  InjectBody sensor_alert(const YAML::Node& n, const std::string& f) const {
    only_keys(n, f, {"at", "kind", "hidden", "sensor", "location", "level_m", "threshold_m", "radius_m"});
    SensorAlertInject s;
    s.sensor = text(need(n, "sensor", f), f + ".sensor");
    s.place = place(need(n, "location", f), f + ".location");
    s.level_m = number(need(n, "level_m", f), f + ".level_m");
    s.threshold_m = number(need(n, "threshold_m", f), f + ".threshold_m");
    s.radius_m = n["radius_m"] ? non_negative(n["radius_m"], f + ".radius_m") : 150.0;
    if (s.radius_m <= 0) fail(n["radius_m"], f + ".radius_m", "must be positive metres");
    return s;
  }

  Inject inject(const YAML::Node& n, const std::string& f) const {
    if (!n.IsMap()) fail(n, f, "expected a map with at, kind and the inject's fields");
    Inject in;
    in.line = n.Mark().line + 1;
    in.at_ms = offset(need(n, "at", f), f + ".at");
    if (n["hidden"]) in.hidden = flag(n["hidden"], f + ".hidden");
    const std::string kind = text(need(n, "kind", f), f + ".kind");
    if (kind == "incident" || kind == "事件") in.body = incident(n, f);
    else if (kind == "road_closure" || kind == "道路封闭") in.body = closure(n, f);
    else if (kind == "team_unavailable" || kind == "队伍不可用") in.body = team_unavailable(n, f);
    else if (kind == "depot_stock_lost" || kind == "物资损失") in.body = stock_lost(n, f);
    else if (kind == "shelter_closed" || kind == "避难场所关闭") in.body = shelter_closed(n, f);
    else if (kind == "sensor_alert" || kind == "传感器告警") in.body = sensor_alert(n, f);
    else
      fail(n["kind"], f + ".kind",
           "unknown inject kind '" + kind +
               "'; allowed: incident, road_closure, team_unavailable, depot_stock_lost, shelter_closed, sensor_alert");
    return in;
  }
};

std::string resolve(const std::string& path, const std::string& base_dir) {
  if (path.empty() || base_dir.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(base_dir) / path).lexically_normal().string();
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& source, const std::string& base_dir) {
  Reader r{source};
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw Error(source + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  if (!root.IsMap()) r.fail(root, "(document)", "expected a map with title, data, injects, ...");
  r.only_keys(root, "",
              {"title", "data", "roads", "start", "speed", "seed", "turnout_minutes", "on_scene_minutes",
               "on_scene_jitter", "response_target_minutes", "injects"});
  Scenario s;
  s.source = source;
  s.title = r.text(r.need(root, "title", "(document)"), "title");
  s.data = resolve(r.text(r.need(root, "data", "(document)"), "data"), base_dir);
  s.roads = root["roads"] ? resolve(r.text(root["roads"], "roads"), base_dir) : s.data;
  if (root["start"]) s.start = r.text(root["start"], "start");
  if (root["speed"]) {
    s.speed = r.non_negative(root["speed"], "speed");
    if (s.speed != 0 && (s.speed < 0.001 || s.speed > 1e6))
      r.fail(root["speed"], "speed", "must be 0 (as fast as possible) or 0.001..1000000");
  }
  if (root["seed"]) {
    const double seed = r.non_negative(root["seed"], "seed");
    if (seed != std::floor(seed) || seed > 9.0e15) r.fail(root["seed"], "seed", "expected a whole number");
    s.seed = static_cast<uint64_t>(seed);
  }
  if (root["turnout_minutes"]) s.turnout_s = r.minutes(root["turnout_minutes"], "turnout_minutes") * 60;
  if (root["on_scene_jitter"]) {
    s.on_scene_jitter = r.non_negative(root["on_scene_jitter"], "on_scene_jitter");
    if (s.on_scene_jitter >= 1) r.fail(root["on_scene_jitter"], "on_scene_jitter", "must be below 1 (a share)");
  }
  s.on_scene_s = r.per_type(root["on_scene_minutes"], "on_scene_minutes", 30);
  s.target_s = r.per_type(root["response_target_minutes"], "response_target_minutes", 5);
  const YAML::Node injects = r.need(root, "injects", "(document)");
  if (!injects.IsSequence()) r.fail(injects, "injects", "expected a list of injects");
  std::set<std::string> ids;
  for (size_t k = 0; k < injects.size(); ++k) {
    const std::string f = "injects[" + std::to_string(k) + "]";
    Inject in = r.inject(injects[k], f);
    std::string* id = nullptr;
    if (auto* i = std::get_if<IncidentInject>(&in.body)) id = &i->id;
    if (auto* c = std::get_if<ClosureInject>(&in.body)) id = &c->id;
    if (id) {
      if (id->empty()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%s-%zu", in.body.index() == 0 ? "INC" : "CL", k + 1);
        *id = buf;
      }
      if (!ids.insert(*id).second) r.fail(injects[k]["id"] ? injects[k]["id"] : injects[k], f + ".id", "duplicate id '" + *id + "'");
    }
    if (auto* c = std::get_if<ClosureInject>(&in.body); c && c->reopen_ms && *c->reopen_ms <= in.at_ms)
      r.fail(injects[k]["reopen_at"], f + ".reopen_at", "must be after the closure's at");
    if (auto* t = std::get_if<TeamUnavailableInject>(&in.body); t && t->until_ms && *t->until_ms <= in.at_ms)
      r.fail(injects[k]["until"], f + ".until", "must be after the inject's at");
    s.injects.push_back(std::move(in));
  }
  std::stable_sort(s.injects.begin(), s.injects.end(),
                   [](const Inject& a, const Inject& b) { return a.at_ms < b.at_ms; });
  return s;
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot open scenario");
  std::stringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path, std::filesystem::path(path).parent_path().string());
}

}  // namespace erde
