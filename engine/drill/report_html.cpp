#include "drill/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "drill/scenario.hpp"

namespace erde {
namespace {

using json = nlohmann::json;

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string minutes(const json& seconds) { return seconds.is_null() ? "–" : fmt("%.1f", seconds.get<double>() / 60); }

std::string clock(const json& ms) { return ms.is_null() ? "–" : format_offset(ms.get<int64_t>()); }

// Equirectangular frame around the report's features, x scaled by cos(latitude).
struct Frame {
  double lon0 = 180, lon1 = -180, lat0 = 90, lat1 = -90, width = 760, height = 560, kx = 1, ky = 1;
  void add(double lon, double lat) {
    lon0 = std::min(lon0, lon);
    lon1 = std::max(lon1, lon);
    lat0 = std::min(lat0, lat);
    lat1 = std::max(lat1, lat);
  }
  void fit() {
    const double c = std::cos((lat0 + lat1) / 2 * 3.14159265358979 / 180);
    const double w = std::max(1e-6, (lon1 - lon0) * c), h = std::max(1e-6, lat1 - lat0);
    const double scale = std::min((width - 20) / w, (height - 20) / h);
    kx = scale * c;
    ky = scale;
  }
  std::string xy(double lon, double lat) const {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f,%.1f", 10 + (lon - lon0) * kx, height - 10 - (lat - lat0) * ky);
    return buf;
  }
};

std::string map_svg(const json& r, const RoadGraph* roads) {
  Frame f;
  for (const json& i : r["incidents"]) f.add(i["location"][0], i["location"][1]);
  for (const json& t : r["teams"]) f.add(t["base"][0], t["base"][1]);
  if (roads)
    for (uint32_t n = 0; n < roads->node_count(); ++n) f.add(roads->node_lon[n], roads->node_lat[n]);
  if (f.lon0 > f.lon1) return "<p>(nothing to map)</p>";
  f.fit();
  std::string svg = "<svg class=\"map\" viewBox=\"0 0 760 560\" xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<rect width=\"760\" height=\"560\" fill=\"#f7f7f2\"/>";
  if (roads) {
    svg += "<path stroke=\"#c8c8c0\" stroke-width=\"0.6\" fill=\"none\" d=\"";
    for (uint32_t s = 0; s < roads->segment_count(); ++s) {
      const uint32_t a = roads->shape_first[s], b = roads->shape_first[s + 1];
      for (uint32_t k = a; k < b; ++k) {
        svg += k == a ? 'M' : 'L';
        svg += f.xy(roads->shape_lon[k], roads->shape_lat[k]);
      }
    }
    svg += "\"/>";
  }
  for (const json& c : r["closures"]) {
    std::string pts;
    for (const json& p : c["geometry"]["coordinates"][0]) pts += f.xy(p[0], p[1]) + " ";
    svg += "<polygon points=\"" + pts + "\" fill=\"#d33\" fill-opacity=\"0.45\" stroke=\"#a00\"><title>" +
           esc(c["id"].get<std::string>()) + "</title></polygon>";
  }
  for (const json& s : r["shelters_used"]) {
    const std::string p = f.xy(s["location"][0], s["location"][1]);
    const auto comma = p.find(',');
    svg += "<rect x=\"" + fmt("%.1f", std::stod(p.substr(0, comma)) - 4) + "\" y=\"" +
           fmt("%.1f", std::stod(p.substr(comma + 1)) - 4) + "\" width=\"8\" height=\"8\" fill=\"#2a7\"><title>" +
           esc(s["shelter_name"].get<std::string>()) + ": peak " + std::to_string(s["peak_people"].get<int64_t>()) +
           "</title></rect>";
  }
  for (const json& t : r["teams"]) {
    const std::string p = f.xy(t["base"][0], t["base"][1]);
    const auto comma = p.find(',');
    const double x = std::stod(p.substr(0, comma)), y = std::stod(p.substr(comma + 1));
    svg += "<path d=\"M" + fmt("%.1f", x) + "," + fmt("%.1f", y - 5) + "l5,9h-10z\" fill=\"#36c\"><title>" +
           esc(t["team_name"].get<std::string>()) + "</title></path>";
  }
  for (const json& i : r["incidents"]) {
    const std::string p = f.xy(i["location"][0], i["location"][1]);
    const auto comma = p.find(',');
    svg += "<circle cx=\"" + p.substr(0, comma) + "\" cy=\"" + p.substr(comma + 1) + "\" r=\"4\" fill=\"" +
           (i["within_target"].get<bool>() ? "#f90" : "#c00") + "\" stroke=\"#000\" stroke-width=\"0.5\"><title>" +
           esc(i["id"].get<std::string>() + " " + i["type_zh"].get<std::string>() + " " +
               i["severity_zh"].get<std::string>()) +
           "</title></circle>";
  }
  return svg + "</svg>";
}

// One row per incident: waiting (reported -> first arrival), on scene (first arrival -> closed).
std::string timeline_svg(const json& r) {
  const auto& incidents = r["incidents"];
  const double end = std::max<double>(1, static_cast<double>(r["totals"]["duration_ms"].get<int64_t>()));
  const size_t shown = std::min<size_t>(incidents.size(), 200);
  const double row = 12, left = 120, width = 760;
  const double height = 30 + row * static_cast<double>(shown);
  auto x = [&](double ms) { return left + ms / end * (width - left - 10); };
  std::string svg = "<svg class=\"timeline\" viewBox=\"0 0 760 " + fmt("%.0f", height) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\">";
  for (int h = 0; h <= 24; ++h) {
    const double ms = h * 3'600'000.0;
    if (ms > end) break;
    svg += "<line x1=\"" + fmt("%.1f", x(ms)) + "\" x2=\"" + fmt("%.1f", x(ms)) + "\" y1=\"15\" y2=\"" +
           fmt("%.0f", height) + "\" stroke=\"#ddd\"/><text x=\"" + fmt("%.1f", x(ms)) + "\" y=\"11\" font-size=\"9\">" +
           std::to_string(h) + "h</text>";
  }
  for (size_t k = 0; k < shown; ++k) {
    const json& i = incidents[k];
    const double y = 20 + row * static_cast<double>(k);
    const double rep = static_cast<double>(i["reported_ms"].get<int64_t>());
    const double arr = i["first_arrival_ms"].is_null() ? end : static_cast<double>(i["first_arrival_ms"].get<int64_t>());
    const double clo = i["closed_ms"].is_null() ? end : static_cast<double>(i["closed_ms"].get<int64_t>());
    svg += "<text x=\"2\" y=\"" + fmt("%.1f", y + 9) + "\" font-size=\"9\">" + esc(i["id"].get<std::string>()) + "</text>";
    svg += "<rect x=\"" + fmt("%.1f", x(rep)) + "\" y=\"" + fmt("%.1f", y) + "\" width=\"" +
           fmt("%.1f", std::max(1.0, x(arr) - x(rep))) + "\" height=\"9\" fill=\"" +
           (i["within_target"].get<bool>() ? "#f90" : "#c00") + "\"><title>waiting " + minutes(i["response_s"]) +
           " min</title></rect>";
    if (!i["first_arrival_ms"].is_null())
      svg += "<rect x=\"" + fmt("%.1f", x(arr)) + "\" y=\"" + fmt("%.1f", y) + "\" width=\"" +
             fmt("%.1f", std::max(1.0, x(clo) - x(arr))) + "\" height=\"9\" fill=\"#36c\"><title>on scene</title></rect>";
  }
  return svg + "</svg>";
}

std::string occupancy_svg(const json& r) {
  const auto& series = r["shelter_occupancy"];
  const double end = std::max<double>(1, static_cast<double>(r["totals"]["duration_ms"].get<int64_t>()));
  const double peak = std::max<double>(1, static_cast<double>(r["totals"]["peak_shelter_occupancy"].get<int64_t>()));
  std::string path;
  for (const json& p : series) {
    const double x = 40 + static_cast<double>(p[0].get<int64_t>()) / end * 700;
    const double y = 150 - static_cast<double>(p[1].get<int64_t>()) / peak * 130;
    char buf[64];
    std::snprintf(buf, sizeof buf, path.empty() ? "M%.1f,%.1f" : "H%.1fV%.1f", x, y);
    path += buf;
  }
  path += "H740";
  return "<svg class=\"occupancy\" viewBox=\"0 0 760 170\" xmlns=\"http://www.w3.org/2000/svg\">"
         "<line x1=\"40\" y1=\"150\" x2=\"740\" y2=\"150\" stroke=\"#999\"/><text x=\"0\" y=\"24\" font-size=\"9\">" +
         fmt("%.0f", peak) + "</text><path d=\"" + path + "\" stroke=\"#2a7\" fill=\"none\" stroke-width=\"2\"/></svg>";
}

}  // namespace

std::string report_html(const json& r, const RoadGraph* roads) {
  const json& t = r["totals"];
  std::string h = "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>" +
                  esc(r["title"].get<std::string>()) + " — after-action report</title><style>"
                  "body{font:14px sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}"
                  "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}th{background:#eee}"
                  ".bad{color:#c00}.ok{color:#070}svg{width:100%;height:auto;border:1px solid #ddd}"
                  "</style></head><body>";
  h += "<h1>" + esc(r["title"].get<std::string>()) + "</h1><p>Drill <b>" + esc(r["drill_id"].get<std::string>()) +
       "</b>, scenario " + esc(r["scenario"].get<std::string>()) + ", start " + esc(r["start"].get<std::string>()) +
       ", seed " + r["seed"].dump() + ". Drill record — not a live incident.</p>";
  h += "<h2>Totals 总体</h2><table>";
  auto row = [&](const std::string& k, const std::string& v) { h += "<tr><th>" + k + "</th><td>" + v + "</td></tr>"; };
  row("incidents 事件", std::to_string(t["incidents"].get<size_t>()));
  row("within response-time target 达标率", fmt("%.1f %%", t["share_within_target"].get<double>() * 100));
  row("response time median / p90 (min)", minutes(t["response_s_median"]) + " / " + minutes(t["response_s_p90"]));
  row("incidents with unmet requirements 缺口", std::to_string(t["incidents_with_unmet_requirements"].get<size_t>()));
  row("mean team utilisation 队伍利用率", fmt("%.1f %%", t["mean_team_utilisation"].get<double>() * 100));
  row("peak shelter occupancy 避难峰值 (people)", std::to_string(t["peak_shelter_occupancy"].get<int64_t>()));
  row("simulated duration", clock(t["duration_ms"]));
  std::string mats;
  for (const auto& [m, q] : t["materials_used"].items()) mats += esc(m) + " " + fmt("%g", q.get<double>()) + "; ";
  row("materials used 物资消耗", mats.empty() ? "none" : mats);
  h += "</table>";
  h += "<h2>Timeline 时间轴</h2><p>Amber/red: reported → first team on scene (red: over target); blue: on scene → "
       "closed.</p>" + timeline_svg(r);
  h += "<h2>Map 地图</h2><p>Dots: incidents (red over target); triangles: team bases; squares: shelters used; "
       "red areas: road closures.</p>" + map_svg(r, roads);
  h += "<h2>Shelter occupancy 避难人数</h2>" + occupancy_svg(r);
  h += "<h2>Incidents 事件</h2><table><tr><th>id</th><th>type</th><th>severity</th><th>reported</th>"
       "<th>first on scene</th><th>response (min)</th><th>target (min)</th><th>teams: dispatched / arrived / cleared</th>"
       "<th>unmet</th></tr>";
  for (const json& i : r["incidents"]) {
    std::string teams;
    for (const json& v : i["teams"]) {
      teams += esc(v["team_name"].get<std::string>());
      teams += " (";
      teams += v["capability"].get<std::string>();
      teams += "): ";
      teams += clock(v["dispatched_ms"]);
      teams += " / ";
      teams += clock(v["arrived_ms"]);
      teams += " / ";
      teams += clock(v["cleared_ms"]);
      if (v["reroutes"].get<int>()) teams += " rerouted";
      if (v["outcome"] != "cleared") {
        teams += ' ';
        teams += v["outcome"].get<std::string>();
      }
      teams += "<br>";
    }
    std::string unmet;
    for (const json& u : i["unmet_teams"]) unmet += u["capability"].get<std::string>() + " ×" + u["missing"].dump() + " ";
    for (const json& u : i["plan"]["material_shortfall"])
      unmet += u["material"].get<std::string>() + " −" + fmt("%g", u["missing"].get<double>()) + " ";
    h += "<tr><td>" + esc(i["id"].get<std::string>()) + (i["hidden"].get<bool>() ? " 🔒" : "") + "</td><td>" +
         esc(i["type_zh"].get<std::string>()) + "</td><td>" + esc(i["severity_zh"].get<std::string>()) + "</td><td>" +
         clock(i["reported_ms"]) + "</td><td>" + clock(i["first_arrival_ms"]) + "</td><td class=\"" +
         (i["within_target"].get<bool>() ? "ok" : "bad") + "\">" + minutes(i["response_s"]) + "</td><td>" +
         minutes(i["target_s"]) + "</td><td>" + teams + "</td><td>" + esc(unmet) + "</td></tr>";
  }
  h += "</table><h2>Teams 队伍</h2><table><tr><th>team</th><th>kind</th><th>dispatches</th><th>utilisation</th></tr>";
  for (const json& tm : r["teams"])
    h += "<tr><td>" + esc(tm["team_name"].get<std::string>()) + "</td><td>" + tm["kind"].get<std::string>() +
         "</td><td>" + std::to_string(tm["dispatches"].get<size_t>()) + "</td><td>" +
         fmt("%.1f %%", tm["utilisation"].get<double>() * 100) + "</td></tr>";
  return h + "</table></body></html>\n";
}

}  // namespace erde
