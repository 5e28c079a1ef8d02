#include "picture.hpp"

#include <cstdio>

#include "model/enum_table.hpp"
#include "model/vocabulary.hpp"
#include "util/text.hpp"

namespace erde::console {

using nlohmann::json;

namespace {

template <typename E>
std::string bilingual(const std::string& value) {
  auto parsed = parse_enum<E>(value);
  if (!parsed) return value;
  return std::string(to_string(*parsed)) + " " + std::string(chinese_name(*parsed));
}

std::vector<const json*> with_prefix(const Picture& picture, const std::string& prefix) {
  std::vector<const json*> out;
  for (auto it = picture.replica.entities.lower_bound(prefix);
       it != picture.replica.entities.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    out.push_back(&it->second);
  return out;
}

std::string describe_team(const json* before, const json& after) {
  std::string out = "team 队伍 " + text_of(after, "id") + " " + text_of(after, "name") + ": ";
  std::string status = text_of(after, "status");
  std::string old_status = before ? text_of(*before, "status") : std::string();
  if (before && old_status != status)
    out += team_status_label(old_status) + " → " + team_status_label(status);
  else if (before && (*before)["position"] != after["position"])
    out += "moved 位置更新";
  else
    out += team_status_label(status);
  std::string incident = text_of(after, "incident");
  if (!incident.empty()) out += " (" + incident + ")";
  return out;
}

std::string describe_incident(const json* before, const json& after) {
  std::string out = "incident 事件 " + text_of(after, "id") + " " +
                    incident_type_label(text_of(after, "type")) + " · " +
                    severity_label(text_of(after, "severity"));
  if (after.value("drill", false)) out += " [drill 演练]";
  if (!before) return out + ": new 新报";
  if (text_of(after, "status") == "closed" && text_of(*before, "status") != "closed") {
    std::string reason = text_of(after, "close_reason");
    return out + ": closed 已结束" + (reason.empty() ? "" : " (" + reason + ")");
  }
  return out + ": updated 更新";
}

std::string describe_plan(std::string_view incident_id, const json& plan) {
  std::string out = "plan 方案 " + std::string(incident_id) + ": ";
  if (plan.contains("error")) return out + "failed 未能生成 — " + plan["error"].dump();
  const json& teams = plan.contains("teams") ? plan["teams"] : json::object();
  size_t assigned = teams.contains("assigned") ? teams["assigned"].size() : 0;
  char text[160];
  std::snprintf(text, sizeof text, "%zu teams 队伍", assigned);
  out += text;
  if (assigned > 0 && teams.contains("staffed_eta_s") && teams["staffed_eta_s"].is_number())
    out += ", staffed in 全部到场 " + format_duration(teams["staffed_eta_s"].get<double>());
  size_t missing = 0;
  if (teams.contains("shortfall"))
    for (const auto& s : teams["shortfall"]) missing += s.value("missing", 0u);
  if (missing > 0) {
    std::snprintf(text, sizeof text, ", %zu short 缺口", missing);
    out += text;
  }
  out += plan.value("complete", false) ? " — complete 完整" : " — incomplete 不完整";
  if (plan.contains("unroutable")) out += " — UNROUTABLE 无法通行 (far from any road)";
  return out;
}

std::string describe_closure(const json& after) {
  if (after.value("removed", false)) return "closure 封路 " + text_of(after, "id") + ": removed 解除";
  return "closure 封路 " + text_of(after, "id") + ": " + text_of(after, "reason") + " (" +
         text_of(after.value("geometry", json::object()), "type") + ")";
}

std::string describe_shelter(const json& after) {
  std::string out = "shelter 避难场所 " + text_of(after, "id") + " " + text_of(after, "name");
  if (after.contains("placed") && after["placed"].is_number() && after.contains("free_places") &&
      after["free_places"].is_number()) {
    char text[120];
    std::snprintf(text, sizeof text, ": %lld placed 已安置, %lld free 空余",
                  after["placed"].get<long long>(), after["free_places"].get<long long>());
    out += text;
  }
  return out;
}

}  // namespace

std::string incident_type_label(const std::string& value) { return bilingual<IncidentType>(value); }
std::string severity_label(const std::string& value) { return bilingual<Severity>(value); }
std::string team_status_label(const std::string& value) { return bilingual<TeamStatus>(value); }
std::string team_kind_label(const std::string& value) { return bilingual<TeamKind>(value); }

std::string term_label(const json& term) {
  if (term.is_string()) return term.get<std::string>();
  if (!term.is_object()) return term.dump();
  std::string en = text_of(term, "en"), zh = text_of(term, "zh");
  return zh.empty() ? en : en + " " + zh;
}

std::string raw_text_of(const json& entity, const char* field) {
  auto it = entity.find(field);
  return it != entity.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string text_of(const json& entity, const char* field) { return printable_text(raw_text_of(entity, field)); }

std::string format_duration(double seconds) {
  if (!(seconds >= 0)) return "?";
  long long s = static_cast<long long>(seconds + 0.5);
  char text[48];
  if (s < 60) std::snprintf(text, sizeof text, "%llds", s);
  else if (s < 3600) std::snprintf(text, sizeof text, "%lldm%02llds", s / 60, s % 60);
  else std::snprintf(text, sizeof text, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
  return text;
}

std::string describe_update(std::string_view topic, const json* before, const json& after) {
  auto dot = topic.find('.');
  std::string_view kind = topic.substr(0, dot);
  std::string_view id = dot == std::string_view::npos ? std::string_view() : topic.substr(dot + 1);
  if (kind == "team") return describe_team(before, after);
  if (kind == "incident") return describe_incident(before, after);
  if (kind == "plan") return describe_plan(id, after);
  if (kind == "closure") return describe_closure(after);
  if (kind == "shelter") return describe_shelter(after);
  return std::string(topic) + " changed";
}

namespace {

void add_feed_line(Picture& picture, FeedLine line) {
  picture.feed.push_back(std::move(line));
  ++picture.feed_added;
  while (picture.feed.size() > picture.feed_limit) picture.feed.pop_front();
}

}  // namespace

void add_note(Picture& picture, std::string text) { add_feed_line(picture, {0, std::move(text)}); }

bool load_snapshot(Picture& picture, const json& result, int64_t now_ms) {
  if (!picture.replica.load_snapshot(result)) return false;
  picture.last_heard_ms = now_ms;
  char text[120];
  std::snprintf(text, sizeof text, "snapshot 快照 at seq %llu: %zu incidents, %zu teams, %zu closures",
                static_cast<unsigned long long>(picture.replica.seq), incidents_of(picture, true).size() +
                incidents_of(picture, false).size(), teams_of(picture).size(),
                closures_of(picture).size());
  add_note(picture, text);
  return true;
}

Received receive_update(Picture& picture, std::string_view topic, uint64_t seq,
                        std::string_view body, int64_t now_ms) {
  picture.last_heard_ms = now_ms;
  if (topic == "HUGZ")
    return picture.replica.heartbeat(seq) == service::UpdateOutcome::gap ? Received::resync_needed
                                                                         : Received::ignored;
  auto& entities = picture.replica.entities;
  auto old = entities.find(std::string(topic));
  std::optional<json> before;
  if (old != entities.end()) before = old->second;
  switch (picture.replica.apply(topic, seq, body)) {
    case service::UpdateOutcome::already_seen:
      return Received::ignored;
    case service::UpdateOutcome::gap:
      return Received::resync_needed;
    case service::UpdateOutcome::applied:
      break;
  }
  auto now = entities.find(std::string(topic));
  json removed = {{"id", std::string(topic.substr(topic.find('.') + 1))}, {"removed", true}};
  add_feed_line(picture, {seq, describe_update(topic, before ? &*before : nullptr,
                                               now != entities.end() ? now->second : removed)});
  return Received::applied;
}

bool server_silent(const Picture& picture, int64_t now_ms) {
  return picture.last_heard_ms >= 0 && now_ms - picture.last_heard_ms > kSilenceLimitMs;
}

std::vector<const json*> incidents_of(const Picture& picture, bool open) {
  std::vector<const json*> out;
  for (const json* i : with_prefix(picture, "incident."))
    if ((text_of(*i, "status") != "closed") == open) out.push_back(i);
  return out;
}

std::vector<const json*> teams_of(const Picture& picture) { return with_prefix(picture, "team."); }
std::vector<const json*> closures_of(const Picture& picture) { return with_prefix(picture, "closure."); }

const json* plan_of(const Picture& picture, const std::string& incident_id) {
  const auto& entities = picture.replica.entities;
  auto it = entities.find("plan." + incident_id);
  return it == entities.end() ? nullptr : &it->second;
}

}  // namespace erde::console
