#include <algorithm>
#include <cstdio>
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
    m.polygon(r.tree.areas[s].boundary.wkb, R"(fill="none" stroke="#222" stroke-width="1.2")", r.tree.areas[s].name);
}

void attribution(SvgMap& m, const OutputOptions& o) {
  if (!o.attribution.empty())
    m.text(m.width() - 6, m.height() - 6, o.attribution, R"(font-size="11" text-anchor="end" fill="#333")");
}

std::string legend_scale(const std::string& what) {
  std::string s = "<div class=legend>" + esc(what) + ": ";
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
    }
  attribution(m, o);
  return m.svg();
}

std::string response_map(const CoverageReport& r, const RoadGraph& graph, const Extent& x, const OutputOptions& o,
                         size_t g) {
  SvgMap m(x.w, x.s, x.e, x.n, 900);
  const ResponseCoverage& rc = r.response[g];
  shade_communities(r, m, r.response_shares[g]);
  for (const ServiceArea& a : r.service_areas)
    if (a.kind == "team" && a.profile == rc.profile)
      m.polygon(a.wkb, R"(fill="#4575b4" fill-opacity="0.10" stroke="#4575b4" stroke-width="0.6")", a.name);
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
  attribution(m, o);
  return m.svg();
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
  attribution(m, o);
  return m.svg();
}

const char* kStyle = R"(<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#111;max-width:1000px}
table{border-collapse:collapse;margin:8px 0 20px;font-size:13px}
th,td{border:1px solid #aaa;padding:3px 6px;text-align:right}
th{background:#eee}td.l,th.l{text-align:left}
.fail{background:#fdd}.pass{background:#dfd}
.legend span{display:inline-block;margin-right:2px;font-size:12px}
.note{font-size:12px;color:#444}
@media print{h2{page-break-before:always}svg{max-width:100%}}
</style>)";

}  // namespace

std::filesystem::path write_coverage_html(const CoverageReport& r, const RoadGraph& graph,
                                          const std::filesystem::path& dir, const OutputOptions& o) {
  const CoverageOptions& opt = r.options;
  const Extent x = extent_of(r);
  std::ostringstream h;
  h << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" << esc(o.title) << "</title>" << kStyle
    << "</head><body>\n<h1>" << esc(o.title) << "</h1>\n";
  const ShelterAreaRow& district = r.shelter_area.back();
  const AreaShare& served = r.service_shares.back();
  int passing = 0;
  for (const StreetCheck& c : r.checks) passing += c.passes() ? 1 : 0;
  h << "<table><tr><th class=l>figure</th><th>value</th><th>target</th></tr>\n"
    << "<tr><td class=l>residents</td><td>" << num(district.population, 0) << "</td><td></td></tr>\n"
    << "<tr><td class=l>shelter area per resident (人均避难面积)</td><td>" << num(district.m2_per_resident, 2)
    << " m²</td><td>≥ " << num(opt.target_m2, 2) << " m²</td></tr>\n"
    << "<tr><td class=l>shelter service coverage (within " << num(opt.walk_minutes, 0)
    << " min walk, with a place)</td><td>" << pct(served.share()) << "</td><td>100 %</td></tr>\n"
    << "<tr><td class=l>streets passing the per-street checks</td><td>" << passing << " / " << r.checks.size()
    << "</td><td>all</td></tr>\n";
  for (const ResponseCoverage& rc : r.response)
    h << "<tr><td class=l>residents within " << num(rc.limit_ms / 60000.0, 0) << " min of " << esc(rc.teams) << " ("
      << esc(rc.profile) << ")</td><td>" << pct(rc.people_share()) << "</td><td>100 %</td></tr>\n";
  h << "</table>\n";
  for (const std::string& n : r.notes) h << "<p class=note>" << esc(n) << "</p>\n";

  h << "<h2>1. Shelter service coverage</h2>\n<p>Residents are assigned to shelters by walking time ("
    << esc(opt.walk_profile) << " profile) without exceeding any shelter's capacity (exact min-cost flow). "
    << "Areas are shaded by the share of residents with a place within " << num(opt.walk_minutes, 0)
    << " minutes; red circles are unserved residents (size by number); squares are shelters (green outdoor, blue indoor).</p>\n"
    << legend_scale("served share") << service_map(r, graph, x, o, r.service_shares, r.service.served, nullptr);
  h << "<table><tr><th class=l>street</th><th>residents</th><th>served</th><th>unserved</th><th>share</th></tr>\n";
  for (const AreaShare& s : r.service_shares)
    if (s.level != AreaLevel::community)
      h << "<tr" << (s.served < s.people ? " class=fail" : "") << "><td class=l>" << esc(s.area_name) << "</td><td>"
        << s.people << "</td><td>" << s.served << "</td><td>" << s.people - s.served << "</td><td>" << pct(s.share())
        << "</td></tr>\n";
  h << "</table>\n<p>Communities below 100 %:</p><table><tr><th class=l>community</th><th>residents</th><th>unserved</th><th>share</th></tr>\n";
  for (const AreaShare& s : r.service_shares)
    if (s.level == AreaLevel::community && s.served < s.people)
      h << "<tr><td class=l>" << esc(s.area_name) << " (" << esc(s.area_id) << ")</td><td>" << s.people << "</td><td>"
        << s.people - s.served << "</td><td>" << pct(s.share()) << "</td></tr>\n";
  h << "</table>\n";

  h << "<h2>2. Shelter area per resident and per-street checks</h2>\n" << legend_scale("share of the target")
    << area_map(r, graph, x, o);
  h << "<table><tr><th class=l>street</th><th>residents</th><th>shelter m²</th><th>m²/resident</th><th>shortfall m²</th>"
       "<th>outdoor fixed</th><th>indoor</th><th>reserve points</th><th>checks</th></tr>\n";
  for (size_t i = 0; i < r.checks.size(); ++i) {
    const ShelterAreaRow& s = r.shelter_area[i];
    const StreetCheck& c = r.checks[i];
    auto cell = [](int n) { return std::string(n >= 1 ? "<td>" : "<td class=fail>") + std::to_string(n) + "</td>"; };
    h << "<tr><td class=l>" << esc(s.area_name) << "</td><td>" << num(s.population, 0) << "</td><td>"
      << num(s.effective_area_m2, 0) << "</td><td" << (s.meets_target ? "" : " class=fail") << ">"
      << num(s.m2_per_resident, 2) << "</td><td>" << num(s.shortfall_m2, 0) << "</td>" << cell(c.outdoor_fixed)
      << cell(c.indoor) << cell(c.reserve_points) << "<td class=" << (c.passes() && s.meets_target ? "pass" : "fail")
      << ">" << (c.passes() && s.meets_target ? "pass" : "FAIL") << "</td></tr>\n";
  }
  h << "<tr><th class=l>" << esc(district.area_name) << "</th><th>" << num(district.population, 0) << "</th><th>"
    << num(district.effective_area_m2, 0) << "</th><th>" << num(district.m2_per_resident, 2) << "</th><th>"
    << num(district.shortfall_m2, 0) << "</th><th colspan=4></th></tr></table>\n";

  for (size_t g = 0; g < r.response.size(); ++g) {
    const ResponseCoverage& rc = r.response[g];
    h << "<h2>3." << g + 1 << " Response within " << num(rc.limit_ms / 60000.0, 0) << " min: " << esc(rc.teams) << " ("
      << esc(rc.profile) << ")</h2>\n<p>Travel time from each base to the place (one forward search from all "
      << rc.bases << " bases). Shaded by share of residents reached; triangles are bases; outlined areas are each base's "
      << "service area; dots are risk points outside the limit (large: red/orange).</p>\n"
      << legend_scale("residents reached") << response_map(r, graph, x, o, g);
    h << "<table><tr><th class=l>measure</th><th>reached</th><th>of</th><th>share</th></tr>\n"
      << "<tr><td class=l>area (km²)</td><td>" << num(rc.area_reached_m2 / 1e6, 2) << "</td><td>"
      << num(rc.area_m2 / 1e6, 2) << "</td><td>" << pct(rc.area_share()) << "</td></tr>\n"
      << "<tr><td class=l>residents</td><td>" << rc.people_reached << "</td><td>" << rc.people << "</td><td>"
      << pct(rc.people_share()) << "</td></tr>\n";
    for (size_t lv = 0; lv < 4; ++lv)
      h << "<tr><td class=l>risk points " << to_string(static_cast<RiskLevel>(lv)) << " ("
        << chinese_name(static_cast<RiskLevel>(lv)) << ")</td><td>" << rc.risks_reached[lv] << "</td><td>"
        << rc.risks[lv] << "</td><td>" << (rc.risks[lv] ? pct(rc.risks_reached[lv] / double(rc.risks[lv])) : "–")
        << "</td></tr>\n";
    h << "</table>\n<p>Risk points outside (red and orange first):</p><table><tr><th class=l>id</th><th class=l>name</th>"
         "<th class=l>level</th><th class=l>kind</th></tr>\n";
    size_t shown = 0;
    for (size_t i : rc.risks_outside) {
      if (++shown > 40) {
        h << "<tr><td class=l colspan=4>… " << rc.risks_outside.size() - 40 << " more in risk_points_outside.csv</td></tr>\n";
        break;
      }
      const RiskPoint& p = r.data->risk_points[i];
      h << "<tr" << (p.level <= RiskLevel::orange ? " class=fail" : "") << "><td class=l>" << esc(p.id) << "</td><td class=l>"
        << esc(p.name) << "</td><td class=l>" << to_string(p.level) << "</td><td class=l>" << to_string(p.kind)
        << "</td></tr>\n";
    }
    h << "</table>\n";
  }

  if (r.sites) {
    const SiteResult& s = *r.sites;
    const bool mclp = s.method == SiteMethod::mclp;
    h << "<h2>4. Where to build next: " << s.choice.chosen.size() << " new shelter(s), "
      << (mclp ? "maximal covering location" : "p-median") << "</h2>\n<p>Method: greedy selection of the best candidate "
      << "k times, then single swaps while they improve; every evaluation is an exact capacity-aware assignment. "
      << (mclp ? "Objective: residents with a shelter place within the walk limit, then less total walking."
               : "Objective: residents placed within the horizon, then least total walking time.")
      << " " << s.candidates.size() << " candidates"
      << (s.generated_candidates ? " generated (street points on surface and communities with unserved residents)" : "")
      << ", each with " << (s.candidates.empty() ? 0 : s.candidates[0].capacity) << " places unless given.</p>\n";
    std::vector<AreaShare> shares_after = roll_up(r.tree, r.demand, s.served_after);
    h << legend_scale("served share after") << service_map(r, graph, x, o, shares_after, s.served_after, &s);
    h << "<table><tr><th class=l>stage</th><th>" << (mclp ? "residents covered" : "residents placed")
      << "</th><th>total walk (h)</th></tr>\n<tr><td class=l>before</td><td>" << s.choice.before.covered << "</td><td>"
      << num(s.choice.before.total_s / 3600.0, 0) << "</td></tr>\n<tr><td class=l>greedy</td><td>"
      << s.choice.after_greedy.covered << "</td><td>" << num(s.choice.after_greedy.total_s / 3600.0, 0)
      << "</td></tr>\n<tr><td class=l>after swaps (" << s.choice.swaps << ")</td><td>" << s.choice.after.covered
      << "</td><td>" << num(s.choice.after.total_s / 3600.0, 0) << "</td></tr></table>\n";
    h << "<table><tr><th>rank</th><th class=l>site</th><th>lon</th><th>lat</th><th>places</th></tr>\n";
    for (size_t k = 0; k < s.choice.chosen.size(); ++k) {
      const CandidateSite& c = s.candidates[s.choice.chosen[k]];
      h << "<tr><td>" << k + 1 << "</td><td class=l>" << esc(c.name) << "</td><td>" << num(c.where.lon, 5) << "</td><td>"
        << num(c.where.lat, 5) << "</td><td>" << c.capacity << "</td></tr>\n";
    }
    h << "</table>\n";
  }
  h << "<p class=note>Demand: " << r.demand.size() << " points ("
    << (opt.grid_m > 0 ? "grid of " + num(opt.grid_m, 0) + " m cells clipped to the populated areas, area-weighted"
                       : std::string("one per populated community, at a point on its surface"))
    << "). Analysis took " << num(r.seconds, 2) << " s. " << esc(o.attribution) << "</p>\n</body></html>\n";

  const std::filesystem::path file = dir / "coverage.html";
  std::ofstream out(file, std::ios::binary);
  out << h.str();
  if (!out) throw Error(file.string() + ": cannot write");
  return file;
}

}  // namespace erde
