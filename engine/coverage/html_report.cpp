#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include "coverage/coverage_output.hpp"
#include "coverage/svg_map.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

std::string num(double v, int digits = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}
std::string pct(double share) { return num(100.0 * share, 1) + " %"; }
std::string esc(std::string_view s) { return html_escape(s); }
// 1055667 -> "1,055,667": people counts are read aloud in meetings.
std::string count(double v) {
  const std::string digits = num(std::fabs(v), 0);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}
std::string count(int64_t v) { return count(static_cast<double>(v)); }
// A header cell in English with the Chinese term under it.
std::string th(const char* en, const char* zh, bool left = false) {
  return std::string(left ? "<th class=l>" : "<th>") + en + "<br><span class=zh>" + zh + "</span></th>";
}

// The map's symbols, under the map (never over it): one small SVG per symbol, centred on 0,0.
struct LegendRow {
  std::string symbol;
  std::string text;
};
std::string symbol_legend(const std::vector<LegendRow>& rows) {
  std::string html = "<div class=maplegend>";
  for (const LegendRow& r : rows)
    html += "<span><svg width=\"20\" height=\"16\" viewBox=\"-10 -8 20 16\">" + r.symbol + "</svg> " + esc(r.text) +
            "</span>";
  return html + "</div>\n";
}
const char* kOutdoorSymbol = R"(<rect x="-5" y="-5" width="10" height="10" fill="#1a9850" stroke="#000"/>)";
const char* kIndoorSymbol = R"(<rect x="-4" y="-4" width="8" height="8" fill="#4575b4" stroke="#000"/>)";

struct Extent {
  double w = 1e9, s = 1e9, e = -1e9, n = -1e9;
  void add(double lon, double lat) { w = std::min(w, lon), e = std::max(e, lon), s = std::min(s, lat), n = std::max(n, lat); }
};

Extent extent_of(const CoverageReport& r) {
  Extent x;
  for (const DemandPoint& d : r.demand) x.add(d.where.lon, d.where.lat);
  for (size_t a : r.tree.streets) {
    const AdminArea& area = r.tree.areas[a];
    if (area.boundary.empty()) continue;
    // The centroid is not enough for the edge; a margin of the demand spread covers the rest.
    x.add(area.centroid.lon, area.centroid.lat);
  }
  for (const Shelter& s : r.data->shelters) x.add(s.location.lon, s.location.lat);
  const double mx = (x.e - x.w) * 0.06 + 1e-3, my = (x.n - x.s) * 0.06 + 1e-3;
  return {x.w - mx, x.s - my, x.e + mx, x.n + my};
}

void draw_roads_and_streets(const CoverageReport& r, const RoadGraph& graph, SvgMap& m) {
  m.roads(graph, R"(stroke="#777" stroke-width="0.4" stroke-opacity="0.6")");
  for (size_t s : r.tree.streets)
    m.polygon(r.tree.areas[s].boundary.wkb, R"(fill="none" stroke="#222" stroke-width="1.6")", r.tree.areas[s].name);
}

// Street names on top of everything else, so they stay legible in print.
void street_labels(const CoverageReport& r, SvgMap& m) {
  for (size_t s : r.tree.streets) {
    const AdminArea& a = r.tree.areas[s];
    if (!a.boundary.empty()) m.label(a.centroid, a.name.empty() ? a.id : a.name, 13);
  }
}

// Attribution bottom right, scale bar and north arrow bottom left: on every map.
void finish_map(SvgMap& m, const OutputOptions& o) {
  m.scale_and_north();
  if (!o.attribution.empty())
    m.text(m.width() - 6, m.height() - 6, o.attribution,
           R"(font-size="12" text-anchor="end" fill="#222" stroke="#fff" stroke-width="3" paint-order="stroke")");
}

std::string legend_scale(const std::string& what) {
  std::string s = "<div class=legend>" + what + ": ";
  for (int i = 0; i <= 4; ++i)
    s += "<span style=\"background:" + share_colour(i / 4.0) + "\">&nbsp;" + std::to_string(25 * i) + " %&nbsp;</span>";
  return s + "</div>";
}

void shade_communities(const CoverageReport& r, SvgMap& m, const std::vector<AreaShare>& shares) {
  std::map<std::string, const AreaShare*> by_id;
  for (const AreaShare& s : shares) by_id[s.area_id] = &s;
  std::vector<size_t> areas = r.tree.communities.empty() ? r.tree.streets : r.tree.communities;
  for (size_t a : areas) {
    const AdminArea& area = r.tree.areas[a];
    auto it = by_id.find(area.id);
    if (it == by_id.end() || it->second->people <= 0) {
      m.polygon(area.boundary.wkb, R"(fill="#ddd" stroke="#fff" stroke-width="0.5")", area.name);
      continue;
    }
    const double sh = it->second->share();
    m.polygon(area.boundary.wkb,
              "fill=\"" + share_colour(sh) + "\" fill-opacity=\"0.75\" stroke=\"#fff\" stroke-width=\"0.5\"",
              area.name + ": " + pct(sh) + " (" + std::to_string(it->second->served) + " / " +
                  std::to_string(it->second->people) + ")");
  }
}

void shelters(const CoverageReport& r, SvgMap& m) {
  for (size_t j = 0; j < r.data->shelters.size(); ++j) {
    const Shelter& s = r.data->shelters[j];
    const std::string t = s.name + " (" + std::string(to_string(s.setting)) + ", " + std::string(to_string(s.type)) +
                          ", capacity " + std::to_string(s.capacity) + ", assigned " +
                          std::to_string(r.service.shelter_load[j]) + ")";
    if (s.setting == ShelterSetting::outdoor)
      m.square(s.location, 5, R"(fill="#1a9850" stroke="#000" stroke-width="1")", t);
    else
      m.square(s.location, 4, R"(fill="#4575b4" stroke="#000" stroke-width="1")", t);
  }
}

std::string service_map(const CoverageReport& r, const RoadGraph& graph, const Extent& x, const OutputOptions& o,
                        const std::vector<AreaShare>& shares, const std::vector<int64_t>& served,
                        const SiteResult* sites) {
  SvgMap m(x.w, x.s, x.e, x.n, 900);
  shade_communities(r, m, shares);
  draw_roads_and_streets(r, graph, m);
  shelters(r, m);
  int64_t most = 1;
  for (size_t i = 0; i < r.demand.size(); ++i) most = std::max(most, r.demand[i].people - served[i]);
  for (size_t i = 0; i < r.demand.size(); ++i) {
    const int64_t u = r.demand[i].people - served[i];
    if (u <= 0) continue;
    m.circle(r.demand[i].where, 2 + 8 * std::sqrt(static_cast<double>(u) / static_cast<double>(most)),
             R"(fill="#d73027" fill-opacity="0.8" stroke="#000" stroke-width="0.5")",
             r.demand[i].id + ": " + std::to_string(u) + " unserved");
  }
  if (sites)
    for (size_t k = 0; k < sites->choice.chosen.size(); ++k) {
      const CandidateSite& c = sites->candidates[sites->choice.chosen[k]];
      m.circle(c.where, 8, R"(fill="#fdae61" stroke="#000" stroke-width="2")", "new site " + std::to_string(k + 1) + ": " + c.name);
      m.label(c.where, std::to_string(k + 1), 11);
    }
  street_labels(r, m);
  std::vector<LegendRow> rows{{kOutdoorSymbol, "outdoor shelter 室外避难场所"},
                              {kIndoorSymbol, "indoor shelter 室内避难场所"},
                              {R"(<circle r="6" fill="#d73027" fill-opacity="0.8" stroke="#000" stroke-width="0.5"/>)",
                               "unserved residents 未覆盖人口 (largest " + count(most) + ")"}};
  if (sites) rows.push_back({R"(<circle r="7" fill="#fdae61" stroke="#000" stroke-width="2"/>)", "suggested new site 建议新址"});
  finish_map(m, o);
  return m.svg() + symbol_legend(rows);
}

std::string response_map(const CoverageReport& r, const RoadGraph& graph, const Extent& x, const OutputOptions& o,
                         size_t g) {
  SvgMap m(x.w, x.s, x.e, x.n, 900);
  const ResponseCoverage& rc = r.response[g];
  shade_communities(r, m, r.response_shares[g]);
  for (const ServiceArea& a : r.service_areas)
    if (a.kind == "team" && a.profile == rc.profile)
      m.polygon(a.wkb, R"(fill="none" stroke="#313695" stroke-width="0.8" stroke-opacity="0.45")", a.name);
  draw_roads_and_streets(r, graph, m);
  for (const ResponseGroup& grp : r.options.response)
    if (grp.profile == rc.profile && grp.label == rc.teams)
      for (const Team& t : r.data->teams)
        for (TeamKind k : grp.kinds)
          if (t.kind == k) m.triangle(t.base, 6, R"(fill="#313695" stroke="#fff" stroke-width="1")", t.name);
  for (size_t i : rc.risks_outside) {
    const RiskPoint& p = r.data->risk_points[i];
    const char* colour = p.level == RiskLevel::red ? "#d00" : p.level == RiskLevel::orange ? "#f80"
                         : p.level == RiskLevel::yellow ? "#ec0" : "#58c";
    m.circle(p.location, p.level <= RiskLevel::orange ? 6 : 3,
             std::string("fill=\"") + colour + "\" stroke=\"#000\" stroke-width=\"0.8\"",
             p.name + " (" + std::string(to_string(p.level)) + ", outside " + num(rc.limit_ms / 60000.0) + " min)");
  }
  street_labels(r, m);
  finish_map(m, o);
  return m.svg() + symbol_legend({{R"(<path d="M0 -6L6 6L-6 6Z" fill="#313695" stroke="#fff"/>)", "team base 队伍驻地"},
                 {R"(<rect x="-8" y="-5" width="16" height="10" fill="none" stroke="#313695" stroke-opacity="0.6"/>)",
                  "area one base reaches 单个驻地可达范围"},
                 {R"(<circle r="6" fill="#d00" stroke="#000" stroke-width="0.8"/>)", "red/orange risk point outside 红/橙风险点(未达)"},
                 {R"(<circle r="3" fill="#ec0" stroke="#000" stroke-width="0.8"/>)", "yellow/blue risk point outside 黄/蓝风险点(未达)"}});
}

std::string area_map(const CoverageReport& r, const RoadGraph& graph, const Extent& x, const OutputOptions& o) {
  SvgMap m(x.w, x.s, x.e, x.n, 900);
  for (size_t i = 0; i < r.tree.streets.size(); ++i) {
    const ShelterAreaRow& s = r.shelter_area[i];
    const double share = s.target_m2 > 0 ? s.m2_per_resident / s.target_m2 : 1.0;
    m.polygon(r.tree.areas[r.tree.streets[i]].boundary.wkb,
              "fill=\"" + share_colour(share) + "\" fill-opacity=\"0.75\" stroke=\"#222\" stroke-width=\"1.2\"",
              s.area_name + ": " + num(s.m2_per_resident, 2) + " m² per resident");
  }
  m.roads(graph, R"(stroke="#777" stroke-width="0.4" stroke-opacity="0.5")");
  shelters(r, m);
  street_labels(r, m);
  finish_map(m, o);
  return m.svg() + symbol_legend({{kOutdoorSymbol, "outdoor shelter 室外避难场所"}, {kIndoorSymbol, "indoor shelter 室内避难场所"}});
}

const char* kStyle = R"(<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",SimHei,sans-serif;
margin:24px;color:#111;max-width:1000px;font-size:15px;line-height:1.45}
h1{font-size:26px;margin-bottom:2px}h2{font-size:20px;margin-top:28px;border-bottom:2px solid #333}
.sub{color:#333;margin:0 0 12px}
table{border-collapse:collapse;margin:8px 0 20px;font-size:14px}
th,td{border:1px solid #888;padding:3px 7px;text-align:right;vertical-align:top}
th{background:#e8e8e8}td.l,th.l{text-align:left}.zh{font-weight:normal;font-size:12px;color:#333}
.fail{background:#fcc}.pass{background:#d8f0d8}
.legend{margin:6px 0}.legend span{display:inline-block;margin-right:2px;font-size:13px;padding:1px 2px;border:1px solid #999}
.note{font-size:13px;color:#333}
.maplegend{font-size:13px;margin:4px 0 12px}.maplegend span{display:inline-block;margin-right:18px;white-space:nowrap}
.maplegend svg{vertical-align:middle}
thead{display:table-header-group}tr{break-inside:avoid}svg{break-inside:avoid}
@page{size:A4;margin:12mm}
@media print{body{margin:0;max-width:none}h2{break-before:page}.fail,.pass,th,.legend span{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
</style>)";

std::string today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
  return buf;
}

}  // namespace

std::filesystem::path write_coverage_html(const CoverageReport& r, const RoadGraph& graph,
                                          const std::filesystem::path& dir, const OutputOptions& o) {
  const CoverageOptions& opt = r.options;
  const Extent x = extent_of(r);
  std::ostringstream h;
  h << "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" << esc(o.title) << "</title>" << kStyle
    << "</head><body>\n<h1>" << esc(o.title) << "</h1>\n<p class=sub>应急避难场所与救援力量覆盖评估 · shelter and "
    << "response coverage for planners · " << today() << " · walk limit 步行时限 " << num(opt.walk_minutes, 0)
    << " min · response limit 响应时限 " << num(opt.response_minutes, 0) << " min · target 人均避难面积目标 "
    << num(opt.target_m2, 2) << " m²</p>\n";
  const ShelterAreaRow& district = r.shelter_area.back();
  const AreaShare& served = r.service_shares.back();
  int passing = 0;
  for (const StreetCheck& c : r.checks) passing += c.passes() ? 1 : 0;
  auto status = [](bool ok) { return ok ? " class=pass" : " class=fail"; };
  h << "<table><thead><tr>" << th("figure", "指标", true) << th("value", "现状") << th("target", "目标")
    << "</tr></thead>\n<tr><td class=l>residents 常住人口</td><td>" << count(district.population) << "</td><td></td></tr>\n"
    << "<tr><td class=l>shelter area per resident 人均避难面积</td><td" << status(district.meets_target) << ">"
    << num(district.m2_per_resident, 2) << " m²</td><td>≥ " << num(opt.target_m2, 2) << " m²</td></tr>\n"
    << "<tr><td class=l>shelter service coverage (place within " << num(opt.walk_minutes, 0)
    << " min walk) 避难场所服务覆盖率</td><td" << status(served.served >= served.people) << ">" << pct(served.share())
    << "</td><td>100 %</td></tr>\n"
    << "<tr><td class=l>streets passing the per-street checks 街道达标数</td><td"
    << status(passing == static_cast<int>(r.checks.size())) << ">" << passing << " / " << r.checks.size()
    << "</td><td>all 全部</td></tr>\n";
  for (const ResponseCoverage& rc : r.response)
    h << "<tr><td class=l>residents within " << num(rc.limit_ms / 60000.0, 0) << " min of " << esc(rc.teams) << " ("
      << esc(rc.profile) << ") " << num(rc.limit_ms / 60000.0, 0) << "分钟救援可达人口</td><td"
      << status(rc.people_reached >= rc.people) << ">" << pct(rc.people_share()) << "</td><td>100 %</td></tr>\n";
  h << "</table>\n";
  for (const std::string& n : r.notes) h << "<p class=note>" << esc(n) << "</p>\n";

  h << "<h2>1. Shelter service coverage 避难场所服务覆盖</h2>\n<p>Residents are assigned to shelters by walking time ("
    << esc(opt.walk_profile) << " profile) without exceeding any shelter's capacity (exact min-cost flow). "
    << "Areas are shaded by the share of residents with a place within " << num(opt.walk_minutes, 0)
    << " minutes; red circles are unserved residents (area by number). 按步行时间分配居民至避难场所，不超过容量；"
    << "颜色为" << num(opt.walk_minutes, 0) << "分钟内有位置的居民比例，红圈为未覆盖人口。</p>\n"
    << legend_scale("served share 覆盖比例")
    << service_map(r, graph, x, o, r.service_shares, r.service.served, nullptr);
  h << "<table><thead><tr>" << th("street", "街道", true) << th("residents", "人口") << th("served", "已覆盖")
    << th("unserved", "未覆盖") << th("share", "覆盖率") << "</tr></thead>\n";
  for (const AreaShare& s : r.service_shares)
    if (s.level != AreaLevel::community) {
      const bool total = s.level == AreaLevel::district;
      const char* cell = total ? "th" : "td";
      h << "<tr" << (s.served < s.people && !total ? " class=fail" : "") << "><" << cell << " class=l>"
        << esc(s.area_name) << "</" << cell << ">";
      for (const std::string& v : {count(s.people), count(s.served), count(s.people - s.served), pct(s.share())})
        h << "<" << cell << ">" << v << "</" << cell << ">";
      h << "</tr>\n";
    }
  std::vector<const AreaShare*> short_communities;
  for (const AreaShare& s : r.service_shares)
    if (s.level == AreaLevel::community && s.served < s.people) short_communities.push_back(&s);
  std::stable_sort(short_communities.begin(), short_communities.end(), [](const AreaShare* a, const AreaShare* b) {
    return a->people - a->served > b->people - b->served;
  });
  h << "</table>\n<p>Communities below 100 %, most unserved first 未全覆盖的社区（按未覆盖人口排序）:</p><table><thead><tr>"
    << th("community", "社区", true) << th("residents", "人口") << th("unserved", "未覆盖") << th("share", "覆盖率")
    << "</tr></thead>\n";
  for (const AreaShare* s : short_communities)
    h << "<tr><td class=l>" << esc(s->area_name) << " (" << esc(s->area_id) << ")</td><td>" << count(s->people)
      << "</td><td>" << count(s->people - s->served) << "</td><td>" << pct(s->share()) << "</td></tr>\n";
  if (short_communities.empty()) h << "<tr><td class=l colspan=4>none 无</td></tr>\n";
  h << "</table>\n";

  h << "<h2>2. Shelter area per resident and per-street checks 人均避难面积与街道达标检查</h2>\n"
    << "<p>Effective shelter area of each street ÷ its residents, against the target of " << num(opt.target_m2, 2)
    << " m²; each street needs ≥ 1 outdoor fixed shelter, ≥ 1 indoor shelter and ≥ 1 material reserve point. "
    << "各街道有效避难面积÷人口，目标" << num(opt.target_m2, 2) << " m²；每街道至少1处室外固定、1处室内避难场所和1个物资储备点。</p>\n"
    << legend_scale("share of the target 达标程度") << area_map(r, graph, x, o);
  h << "<table><thead><tr>" << th("street", "街道", true) << th("residents", "人口") << th("shelter m²", "避难面积")
    << th("m²/resident", "人均面积") << th("shortfall m²", "面积缺口") << th("outdoor fixed", "室外固定")
    << th("indoor", "室内") << th("reserve points", "储备点") << th("checks", "检查结果") << "</tr></thead>\n";
  for (size_t i = 0; i < r.checks.size(); ++i) {
    const ShelterAreaRow& s = r.shelter_area[i];
    const StreetCheck& c = r.checks[i];
    auto cell = [](int n) { return std::string(n >= 1 ? "<td>" : "<td class=fail>") + std::to_string(n) + "</td>"; };
    const bool pass = c.passes() && s.meets_target;
    h << "<tr><td class=l>" << esc(s.area_name) << "</td><td>" << count(s.population) << "</td><td>"
      << count(s.effective_area_m2) << "</td><td" << (s.meets_target ? "" : " class=fail") << ">"
      << num(s.m2_per_resident, 2) << "</td><td>" << count(s.shortfall_m2) << "</td>" << cell(c.outdoor_fixed)
      << cell(c.indoor) << cell(c.reserve_points) << "<td class=" << (pass ? "pass" : "fail") << ">"
      << (pass ? "pass 达标" : "FAIL 未达标") << "</td></tr>\n";
  }
  h << "<tr><th class=l>" << esc(district.area_name) << "</th><th>" << count(district.population) << "</th><th>"
    << count(district.effective_area_m2) << "</th><th>" << num(district.m2_per_resident, 2) << "</th><th>"
    << count(district.shortfall_m2) << "</th><th colspan=4></th></tr></table>\n";

  for (size_t g = 0; g < r.response.size(); ++g) {
    const ResponseCoverage& rc = r.response[g];
    const std::string minutes = num(rc.limit_ms / 60000.0, 0);
    h << "<h2>3." << g + 1 << " Response within " << minutes << " min 救援" << minutes << "分钟可达: " << esc(rc.teams)
      << " (" << esc(rc.profile) << ")</h2>\n<p>Travel time from each base to the place (one forward search from all "
      << rc.bases << " bases). Shaded by share of residents reached; outlines are each base's reach; dots are risk "
      << "points outside the limit. 按从驻地出发的行车时间计算；颜色为可达人口比例，细线为各驻地可达范围，圆点为时限外的风险点。</p>\n"
      << legend_scale("residents reached 可达人口比例") << response_map(r, graph, x, o, g);
    h << "<table><thead><tr>" << th("measure", "指标", true) << th("reached", "可达") << th("of", "总数")
      << th("share", "比例") << "</tr></thead>\n"
      << "<tr><td class=l>area (km²) 面积</td><td>" << num(rc.area_reached_m2 / 1e6, 2) << "</td><td>"
      << num(rc.area_m2 / 1e6, 2) << "</td><td>" << pct(rc.area_share()) << "</td></tr>\n"
      << "<tr><td class=l>residents 人口</td><td>" << count(rc.people_reached) << "</td><td>" << count(rc.people)
      << "</td><td>" << pct(rc.people_share()) << "</td></tr>\n";
    for (size_t lv = 0; lv < 4; ++lv)
      h << "<tr><td class=l>risk points " << to_string(static_cast<RiskLevel>(lv)) << " 风险点（"
        << chinese_name(static_cast<RiskLevel>(lv)) << "）</td><td>" << rc.risks_reached[lv] << "</td><td>"
        << rc.risks[lv] << "</td><td>" << (rc.risks[lv] ? pct(rc.risks_reached[lv] / double(rc.risks[lv])) : "–")
        << "</td></tr>\n";
    h << "</table>\n<p>Risk points outside the limit, red and orange first 时限外风险点（红、橙优先）:</p><table><thead><tr>"
      << th("id", "编号", true) << th("name", "名称", true) << th("level", "等级", true) << th("kind", "类型", true)
      << "</tr></thead>\n";
    size_t shown = 0;
    for (size_t i : rc.risks_outside) {
      if (++shown > 40) {
        h << "<tr><td class=l colspan=4>… " << rc.risks_outside.size() - 40 << " more in risk_points_outside.csv</td></tr>\n";
        break;
      }
      const RiskPoint& p = r.data->risk_points[i];
      h << "<tr" << (p.level <= RiskLevel::orange ? " class=fail" : "") << "><td class=l>" << esc(p.id) << "</td><td class=l>"
        << esc(p.name) << "</td><td class=l>" << to_string(p.level) << " " << chinese_name(p.level) << "</td><td class=l>"
        << to_string(p.kind) << " " << chinese_name(p.kind) << "</td></tr>\n";
    }
    if (rc.risks_outside.empty()) h << "<tr><td class=l colspan=4>none: every risk point is reached 无，全部可达</td></tr>\n";
    h << "</table>\n";
  }
  if (r.sites) {
    const SiteResult& s = *r.sites;
    const bool mclp = s.method == SiteMethod::mclp;
    h << "<h2>4. Where to build next 新建避难场所选址: " << s.choice.chosen.size() << " new shelter(s), "
      << (mclp ? "maximal covering location" : "p-median") << "</h2>\n<p>Method: greedy selection of the best candidate "
      << "k times, then single swaps while they improve; every evaluation is an exact capacity-aware assignment. "
      << (mclp ? "Objective: residents with a shelter place within the walk limit, then less total walking."
               : "Objective: residents placed within the horizon, then least total walking time.")
      << " " << s.candidates.size() << " candidates"
      << (s.generated_candidates ? " generated (street points on surface and communities with unserved residents)" : "")
      << ", each with " << (s.candidates.empty() ? 0 : s.candidates[0].capacity) << " places unless given.</p>\n";
    std::vector<AreaShare> shares_after = roll_up(r.tree, r.demand, s.served_after);
    h << legend_scale("served share after 新建后覆盖比例") << service_map(r, graph, x, o, shares_after, s.served_after, &s);
    h << "<table><thead><tr>" << th("stage", "阶段", true) << th(mclp ? "residents covered" : "residents placed", "覆盖人口")
      << th("total walk (h)", "总步行时间") << "</tr></thead>\n<tr><td class=l>before 新建前</td><td>"
      << count(s.choice.before.covered) << "</td><td>"
      << count(s.choice.before.total_s / 3600.0) << "</td></tr>\n<tr><td class=l>greedy 贪心</td><td>"
      << count(s.choice.after_greedy.covered) << "</td><td>" << count(s.choice.after_greedy.total_s / 3600.0)
      << "</td></tr>\n<tr><td class=l>after swaps 交换改进后 (" << s.choice.swaps << ")</td><td>" << count(s.choice.after.covered)
      << "</td><td>" << count(s.choice.after.total_s / 3600.0) << "</td></tr></table>\n";
    h << "<table><thead><tr>" << th("rank", "序号") << th("site", "地点", true) << th("lon", "经度") << th("lat", "纬度")
      << th("places", "容量") << "</tr></thead>\n";
    for (size_t k = 0; k < s.choice.chosen.size(); ++k) {
      const CandidateSite& c = s.candidates[s.choice.chosen[k]];
      h << "<tr><td>" << k + 1 << "</td><td class=l>" << esc(c.name) << "</td><td>" << num(c.where.lon, 5) << "</td><td>"
        << num(c.where.lat, 5) << "</td><td>" << count(c.capacity) << "</td></tr>\n";
    }
    h << "</table>\n";
  }
  h << "<p class=note>Demand: " << r.demand.size() << " points ("
    << (opt.grid_m > 0 ? "grid of " + num(opt.grid_m, 0) + " m cells clipped to the populated areas, area-weighted"
                       : std::string("one per populated community, at a point on its surface"))
    << "). Analysis took " << num(r.seconds, 2) << " s. Maps are drawn by erde from the loaded data, without web tiles. "
    << esc(o.attribution) << "</p>\n</body></html>\n";

  const std::filesystem::path file = dir / "coverage.html";
  std::ofstream out(file, std::ios::binary);
  out << h.str();
  if (!out) throw Error(file.string() + ": cannot write");
  return file;
}

}  // namespace erde
