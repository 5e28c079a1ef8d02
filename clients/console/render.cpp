#include "render.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "text_width.hpp"
#include "util/text.hpp"

namespace erde::console {

using nlohmann::json;

namespace {

double number_of(const json& entity, const char* field, double otherwise = 0) {
  auto it = entity.find(field);
  return it != entity.end() && it->is_number() ? it->get<double>() : otherwise;
}

std::string lonlat(const json& location) {
  char text[64];
  std::snprintf(text, sizeof text, "%.5f, %.5f", number_of(location, "lon"), number_of(location, "lat"));
  return text;
}

std::string count_of(size_t n, const char* what) {
  char text[96];
  std::snprintf(text, sizeof text, "%zu %s", n, what);
  return text;
}

class Lines {
 public:
  explicit Lines(size_t width) : width_(width) {}
  // Every line of the picture passes here: what the server sent is printable by now (text_of),
  // but the line is made printable once more so nothing raw reaches a terminal.
  void add(const std::string& line) { lines_.push_back(fit_to_width(printable_text(line), width_)); }
  // "label: a, b, c" wrapped at the width, continuation lines indented under the first item.
  void add_wrapped(const std::string& label, const std::vector<std::string>& items) {
    std::string line = label;
    std::string indent(display_width(label), ' ');
    bool first = true;
    for (const auto& item : items) {
      std::string piece = (first ? "" : ", ") + item;
      if (!first && display_width(line) + display_width(piece) > width_) {
        lines_.push_back(line + ",");
        line = indent + item;
      } else {
        line += piece;
      }
      first = false;
    }
    add(line);
  }
  std::vector<std::string> take() { return std::move(lines_); }

 private:
  size_t width_;
  std::vector<std::string> lines_;
};

const json* find_team(const Picture& picture, const std::string& id) {
  auto it = picture.replica.entities.find("team." + id);
  return it == picture.replica.entities.end() ? nullptr : &it->second;
}

void render_plan(Lines& out, const Picture& picture, const json& plan) {
  if (plan.contains("error")) {
    out.add("    plan 方案: failed 未能生成 — " + term_label(plan["error"]));
    return;
  }
  const json teams = plan.value("teams", json::object());
  const json assigned = teams.value("assigned", json::array());
  std::string head = "    plan 方案: ";
  head += plan.value("complete", false) ? "complete 完整" : "INCOMPLETE 不完整";
  head += " · " + count_of(assigned.size(), "teams 队伍");
  if (!assigned.empty())
    head += " · staffed in 全部到场 " + format_duration(number_of(teams, "staffed_eta_s"));
  out.add(head);
  if (const json* off = plan.contains("unroutable") ? &plan["unroutable"] : nullptr; off && off->is_object()) {
    char text[200];
    if (number_of(*off, "distance_m", -1) >= 0)
      std::snprintf(text, sizeof text, "    UNROUTABLE 无法通行: the nearest road is %.1f km away (routes end %.0f m from a road) — check the location",
                    number_of(*off, "distance_m") / 1000, number_of(*off, "snap_limit_m"));
    else
      std::snprintf(text, sizeof text, "    UNROUTABLE 无法通行: no road any vehicle may use — check the location");
    out.add(text);
  }
  size_t name_columns = 0;
  for (const auto& a : assigned) name_columns = std::max(name_columns, display_width(text_of(a, "team_name")));
  for (const auto& a : assigned) {
    std::string id = text_of(a, "team_id");
    const json* team = find_team(picture, raw_text_of(a, "team_id"));
    std::string line = "      " + pad_to_width(id, 10) + " " + pad_to_width(text_of(a, "team_name"), name_columns) +
                       " " + pad_to_width(term_label(a.value("capability", json())), 22) + " ETA " +
                       pad_to_width(format_duration(number_of(a, "eta_s", -1)), 7);
    if (team) line += " " + team_status_label(text_of(*team, "status"));
    out.add(line);
    if (raw_text_of(a, "filled_by") == "substitute")
      out.add("        substitute 替代 by " + term_label(a.value("substitute_by", json())) + ": " +
              text_of(a, "substitute_note"));
    if (raw_text_of(a, "filled_by") == "first_due")
      out.add("        first-due 辖区 " + text_of(a, "first_due_area_id"));
    if (raw_text_of(a, "filled_by") == "preempted")
      out.add("        pre-empted 抽调 from " + text_of(a, "preempted_from"));
    if (a.value("re_tasked", false) == true)
      out.add("        re-tasked 改派 from where it is" +
              (a.value("re_tasked_from", json()).is_string() ? " (returning from " + text_of(a, "re_tasked_from") + ")"
                                                             : std::string()));
  }
  for (const auto& f : teams.value("first_due", json::array()))
    if (f.is_object() && f.value("sent", true) == false)
      out.add("      first-due 辖区 " + text_of(f, "team_name") + " [" + text_of(f, "team_id") + "] not sent: " +
              text_of(f, "note"));
  for (const auto& s : teams.value("shortfall", json::array())) {
    char missing[48];
    std::snprintf(missing, sizeof missing, " ×%lld — ", static_cast<long long>(number_of(s, "missing")));
    out.add("      shortfall 缺口: " + term_label(s.value("capability", json())) + missing +
            text_of(s, "reason"));
  }
  for (const auto& g : plan.value("gave_up", json::array())) {
    if (!g.is_object()) continue;
    std::string to;
    for (const auto& id : g.value("to", json::array()))
      if (id.is_string()) to += (to.empty() ? "" : ", ") + printable_text(id.get<std::string>());
    const std::string kind = raw_text_of(g, "kind");
    char amount[48];
    std::snprintf(amount, sizeof amount, "%g ", number_of(g, "quantity"));
    std::string what = kind == "team"       ? "team " + text_of(g, "team_id") + " (" + term_label(g.value("capability", json())) + ")"
                       : kind == "material" ? std::string(amount) + text_of(g, "unit") + " " + term_label(g.value("material", json()))
                                            : "shelter places for " + std::string(amount) + "people";
    std::string instead;
    if (kind == "team")
      instead = g.value("instead", json()).is_string() ? "; " + text_of(g, "instead") + " fills the slot instead"
                                                        : "; the slot stays short";
    out.add("      gave up 让出: " + what + (to.empty() ? "" : " to " + to) + instead);
  }
  for (const auto& o : teams.value("preemption", json::array()))
    if (o.is_object())
      out.add("      may pre-empt 可抽调 for " + term_label(o.value("capability", json())) + ": " +
              text_of(o, "team_name") + " [" + text_of(o, "team_id") + "] from " + text_of(o, "from_incident") + " (" +
              term_label(o.value("from_severity", json())) + "), ETA " + format_duration(number_of(o, "eta_s", -1)) +
              (o.contains("substitute_by") ? " as substitute 替代 " + term_label(o.value("substitute_by", json())) : "") +
              " — p to confirm");
  const json materials = plan.value("materials", json::object());
  const json picks = materials.value("picks", json::array());
  const json short_materials = materials.value("shortfall", json::array());
  if (!picks.empty() || !short_materials.empty()) {
    std::string line = "      materials 物资: " + count_of(picks.size(), "picks");
    if (!picks.empty()) line += ", ready in " + format_duration(number_of(materials, "ready_eta_s"));
    for (const auto& m : short_materials) {
      char amount[64];
      std::snprintf(amount, sizeof amount, "%g ", number_of(m, "missing"));
      line += "; short 缺 " + std::string(amount) + text_of(m, "unit") + " " +
              term_label(m.value("material", json()));
    }
    out.add(line);
  }
  const json& evacuation = plan.contains("evacuation") ? plan["evacuation"] : json();
  if (evacuation.is_object()) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "      evacuation 疏散: %lld people 人, %lld placed 已安置, %lld unplaced 未安置, "
                  "last arrival %s",
                  static_cast<long long>(number_of(evacuation, "people")),
                  static_cast<long long>(number_of(evacuation, "placed")),
                  static_cast<long long>(number_of(evacuation, "unplaced_total")),
                  format_duration(number_of(evacuation, "last_arrival_s")).c_str());
    out.add(line);
  }
  for (const auto& r : plan.value("mutual_aid", json::array())) {
    if (!r.is_object()) continue;
    std::string line = "      mutual aid 增援请求 → " +
                       (r.value("to", json()).is_string() ? text_of(r, "to") : std::string("(no contact in the response plans)"));
    if (!raw_text_of(r, "contact").empty()) line += " (" + text_of(r, "contact") + ")";
    std::string needs;
    for (const auto& n : r.value("needs", json::array())) {
      if (!n.is_object()) continue;
      char amount[64];
      std::snprintf(amount, sizeof amount, "%g ", number_of(n, "missing"));
      const std::string what = raw_text_of(n, "kind") == "team"       ? term_label(n.value("capability", json()))
                               : raw_text_of(n, "kind") == "material" ? term_label(n.value("material", json()))
                                                                      : std::string("shelter places 安置位");
      needs += (needs.empty() ? ": " : "; ") + std::string(amount) + text_of(n, "unit") + " " + what;
    }
    out.add(line + needs);
  }
}

void render_incidents(Lines& out, const Picture& picture, const RenderOptions& options) {
  auto open = incidents_of(picture, true);
  auto closed = incidents_of(picture, false);
  out.add("Incidents 事件 — " + count_of(open.size(), "open 处置中") + " · " +
          count_of(closed.size(), "closed 已结束"));
  if (open.empty()) out.add("  (no open incident 暂无处置中事件)");
  for (const json* i : open) {
    std::string id = text_of(*i, "id");
    std::string line = "  ● " + id + "  " + incident_type_label(text_of(*i, "type")) + " · " +
                       severity_label(text_of(*i, "severity")) + " · " +
                       lonlat(i->value("location", json::object()));
    if (!text_of(*i, "address").empty()) line += " · " + text_of(*i, "address");
    if (i->value("drill", false)) line += " [drill 演练]";
    out.add(line);
    if (const json* plan = plan_of(picture, raw_text_of(*i, "id"))) render_plan(out, picture, *plan);
    else out.add("    plan 方案: none 无 (the server plans only with --data)");
  }
  size_t first = closed.size() > options.closed_shown ? closed.size() - options.closed_shown : 0;
  for (size_t k = first; k < closed.size(); ++k) {
    const json& i = *closed[k];
    std::string reason = text_of(i, "close_reason");
    out.add("  ○ " + text_of(i, "id") + "  " + incident_type_label(text_of(i, "type")) + " · " +
            severity_label(text_of(i, "severity")) + " · closed 已结束" +
            (reason.empty() ? "" : " (" + reason + ")"));
  }
}

void render_teams(Lines& out, const Picture& picture, const RenderOptions& options) {
  auto teams = teams_of(picture);
  std::map<std::string, size_t> by_status;
  for (const json* t : teams) ++by_status[text_of(*t, "status")];
  std::string head = "Teams 队伍 — " + std::to_string(teams.size()) + ":";
  bool first = true;
  for (const char* status : {"available", "dispatched", "on_scene", "returning", "off_duty"}) {
    if (!by_status.count(status)) continue;
    head += (first ? " " : " · ") + std::to_string(by_status[status]) + " " + team_status_label(status);
    first = false;
  }
  out.add(head);
  std::vector<std::string> available;
  size_t name_columns = 0;
  for (const json* t : teams)
    if (text_of(*t, "status") != "available")
      name_columns = std::max(name_columns, display_width(text_of(*t, "name")));
  for (const json* t : teams) {
    std::string status = text_of(*t, "status");
    if (status == "available") {
      available.push_back(text_of(*t, "id"));
      continue;
    }
    std::string line = "  " + pad_to_width(text_of(*t, "id"), 10) + " " +
                       pad_to_width(text_of(*t, "name"), name_columns) + " " +
                       pad_to_width(team_status_label(status), 20);
    if (!text_of(*t, "incident").empty()) line += " → " + text_of(*t, "incident");
    out.add(line);
  }
  if (options.list_available_teams && !available.empty())
    out.add_wrapped("  available 待命: ", available);
}

void render_closures(Lines& out, const Picture& picture) {
  auto closures = closures_of(picture);
  out.add("Closures 道路封闭 — " + std::to_string(closures.size()));
  for (const json* c : closures) {
    const json geometry = c->value("geometry", json::object());
    std::string shape = text_of(geometry, "type");
    if (shape == "Point" && geometry.contains("coordinates") && geometry["coordinates"].size() == 2) {
      char text[96];
      std::snprintf(text, sizeof text, " at %.5f, %.5f r=%g m", geometry["coordinates"][0].get<double>(),
                    geometry["coordinates"][1].get<double>(), number_of(*c, "radius_m", 25));
      shape += text;
    }
    out.add("  " + pad_to_width(text_of(*c, "id"), 10) + " " + text_of(*c, "reason") + " · " + shape +
            " · by " + text_of(*c, "by"));
  }
}

}  // namespace

std::string render_status(const Picture& picture, int64_t now_ms) {
  std::string state;
  if (!picture.replica.synced) {
    state = picture.last_heard_ms < 0 ? "connecting 连接中…" : "resyncing 重新同步…";
  } else if (server_silent(picture, now_ms)) {
    char text[160];
    std::snprintf(text, sizeof text, "SERVER SILENT 服务器无响应 for %llds — reconnecting 重连中",
                  static_cast<long long>((now_ms - picture.last_heard_ms) / 1000));
    state = text;
  } else {
    state = "live 在线";
  }
  char text[240];
  std::snprintf(text, sizeof text, "seq %llu · %s · resyncs %d",
                static_cast<unsigned long long>(picture.replica.seq), state.c_str(), picture.resyncs);
  return text;
}

std::vector<std::string> render_picture(const Picture& picture, const RenderOptions& options) {
  Lines out(options.width);
  out.add("erde console 应急指挥中心实时态势 · " + render_status(picture, options.now_ms));
  out.add("");
  render_incidents(out, picture, options);
  out.add("");
  render_teams(out, picture, options);
  out.add("");
  render_closures(out, picture);
  out.add("");
  out.add("Recent 最新动态");
  size_t first = picture.feed.size() > options.feed_shown ? picture.feed.size() - options.feed_shown : 0;
  for (size_t k = first; k < picture.feed.size(); ++k) {
    const FeedLine& f = picture.feed[k];
    out.add(f.seq ? "  #" + std::to_string(f.seq) + " " + f.text : "  " + f.text);
  }
  return out.take();
}

}  // namespace erde::console
