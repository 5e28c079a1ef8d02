#include "drill/compare.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "util/error.hpp"

namespace erde {
namespace {

using json = nlohmann::json;

const json& need(const json& doc, const char* key, const std::string& name) {
  if (!doc.is_object() || !doc.contains(key)) throw Error(name + ": not a drill report (no '" + key + "')");
  return doc[key];
}

std::string num(const json& v, const char* fmt) {
  if (v.is_null()) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, fmt, v.get<double>());
  return buf;
}

std::string row(const std::string& label, const std::string& a, const std::string& b, const std::string& delta) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-34s %14s %14s %12s\n", label.c_str(), a.c_str(), b.c_str(), delta.c_str());
  return buf;
}

std::string diff(const json& a, const json& b, const char* fmt) {
  if (a.is_null() || b.is_null()) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, fmt, b.get<double>() - a.get<double>());
  return buf;
}

}  // namespace

std::vector<DrillComparisonRow> compare_reports(const json& a, const json& b, const std::string& a_name,
                                                const std::string& b_name) {
  const json& ta = need(a, "totals", a_name);
  const json& tb = need(b, "totals", b_name);
  std::vector<DrillComparisonRow> rows;
  auto add = [&](const std::string& label, const char* key, double scale) {
    const json va = ta.contains(key) ? json(ta[key].get<double>() * scale) : json(nullptr);
    const json vb = tb.contains(key) ? json(tb[key].get<double>() * scale) : json(nullptr);
    rows.push_back({label, va, vb});
  };
  add("incidents", "incidents", 1);
  add("within target (%)", "share_within_target", 100);
  add("response median (min)", "response_s_median", 1.0 / 60);
  add("response p90 (min)", "response_s_p90", 1.0 / 60);
  add("incidents with unmet requirements", "incidents_with_unmet_requirements", 1);
  add("mean team utilisation (%)", "mean_team_utilisation", 100);
  add("peak shelter occupancy (people)", "peak_shelter_occupancy", 1);
  add("duration (h)", "duration_ms", 1.0 / 3'600'000);
  std::map<std::string, json> b_response;
  for (const json& inc : need(b, "incidents", b_name)) b_response[inc.at("id").get<std::string>()] = inc.at("response_s");
  for (const json& inc : need(a, "incidents", a_name)) {
    const std::string id = inc.at("id").get<std::string>();
    auto it = b_response.find(id);
    if (it == b_response.end()) continue;
    const json ra = inc.at("response_s").is_null() ? json(nullptr) : json(inc.at("response_s").get<double>() / 60);
    const json rb = it->second.is_null() ? json(nullptr) : json(it->second.get<double>() / 60);
    rows.push_back({id + " response (min)", ra, rb});
  }
  return rows;
}

std::string comparison_text(const json& a, const json& b, const std::string& a_name, const std::string& b_name) {
  std::string out = "A: " + a_name + " (" + need(a, "title", a_name).get<std::string>() + ", seed " +
                    need(a, "seed", a_name).dump() + ")\n";
  out += "B: " + b_name + " (" + need(b, "title", b_name).get<std::string>() + ", seed " + need(b, "seed", b_name).dump() + ")\n\n";
  out += row("", "A", "B", "B - A");
  for (const DrillComparisonRow& r : compare_reports(a, b, a_name, b_name))
    out += row(r.label, num(r.a, "%.1f"), num(r.b, "%.1f"), diff(r.a, r.b, "%+.1f"));
  return out;
}

}  // namespace erde
