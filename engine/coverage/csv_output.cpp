#include <cstdio>
#include <fstream>
#include <sstream>

#include "coverage/coverage_output.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string num(double v, int digits = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

struct Csv {
  std::ostringstream text;
  explicit Csv(const std::string& header) { text << "\xEF\xBB\xBF" << header << "\n"; }
  template <typename... Cells>
  void row(const Cells&... cells) {
    bool first = true;
    ((text << (first ? "" : ",") << quoted(cells), first = false), ...);
    text << "\n";
  }
  void save(const std::filesystem::path& file, std::vector<std::filesystem::path>& done) const {
    std::ofstream out(file, std::ios::binary);
    out << text.str();
    if (!out) throw Error(file.string() + ": cannot write");
    done.push_back(file);
  }
};

}  // namespace

std::vector<std::filesystem::path> write_coverage_csv(const CoverageReport& r, const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> done;
  const Dataset& data = *r.data;

  Csv area("area_id,area_name,population,shelters,effective_area_m2,m2_per_resident,target_m2,shortfall_m2,meets_target");
  for (const ShelterAreaRow& s : r.shelter_area)
    area.row(s.area_id, s.area_name, num(s.population, 0), std::to_string(s.shelters), num(s.effective_area_m2, 0),
             num(s.m2_per_resident), num(s.target_m2), num(s.shortfall_m2, 0), std::string(s.meets_target ? "yes" : "no"));
  area.save(dir / "shelter_area_per_resident.csv", done);

  Csv checks("street_id,street_name,outdoor_fixed,indoor,reserve_points,m2_per_resident,service_share,passes");
  for (size_t i = 0; i < r.checks.size(); ++i) {
    const StreetCheck& c = r.checks[i];
    checks.row(c.street_id, c.street_name, std::to_string(c.outdoor_fixed), std::to_string(c.indoor),
               std::to_string(c.reserve_points), num(r.shelter_area[i].m2_per_resident),
               num(r.service_shares[i].share(), 4), std::string(c.passes() ? "pass" : "FAIL"));
  }
  checks.save(dir / "street_checks.csv", done);

  Csv service("level,area_id,area_name,people,served,unserved,share");
  for (const AreaShare& s : r.service_shares)
    service.row(std::string(to_string(s.level)), s.area_id, s.area_name, std::to_string(s.people),
                std::to_string(s.served), std::to_string(s.people - s.served), num(s.share(), 4));
  service.save(dir / "shelter_service_coverage.csv", done);

  Csv assign("demand_id,area_id,shelter_id,shelter_name,people,walk_min");
  for (const ServiceAssignment& a : r.service.assignments)
    assign.row(r.demand[a.demand].id, r.tree.areas[r.demand[a.demand].area].id, data.shelters[a.shelter].id,
               data.shelters[a.shelter].name, std::to_string(a.people), num(a.walk_s / 60.0));
  assign.save(dir / "shelter_assignments.csv", done);

  Csv unserved("demand_id,area_id,area_name,lon,lat,people,unserved,road_m");
  for (size_t i = 0; i < r.demand.size(); ++i)
    if (unserved_at(r, i) > 0) {
      const DemandPoint& d = r.demand[i];
      unserved.row(d.id, r.tree.areas[d.area].id, r.tree.areas[d.area].name, num(d.where.lon, 6), num(d.where.lat, 6),
                   std::to_string(d.people), std::to_string(unserved_at(r, i)), num(r.demand_snap_m[i], 0));
    }
  unserved.save(dir / "unserved_people.csv", done);

  Csv load("shelter_id,shelter_name,setting,type,capacity,assigned,free");
  for (size_t j = 0; j < data.shelters.size(); ++j) {
    const Shelter& s = data.shelters[j];
    load.row(s.id, s.name, std::string(to_string(s.setting)), std::string(to_string(s.type)), std::to_string(s.capacity),
             std::to_string(r.service.shelter_load[j]), std::to_string(s.capacity - r.service.shelter_load[j]));
  }
  load.save(dir / "shelter_load.csv", done);

  Csv resp("profile,teams,bases,minutes,area_share,people_share,red,red_reached,orange,orange_reached,yellow,yellow_reached,blue,blue_reached");
  Csv resp_area("profile,level,area_id,area_name,people,reached,share");
  Csv outside("profile,risk_id,name,level,kind,street_id,lon,lat");
  for (size_t g = 0; g < r.response.size(); ++g) {
    const ResponseCoverage& rc = r.response[g];
    resp.row(rc.profile, rc.teams, std::to_string(rc.bases), num(rc.limit_ms / 60000.0), num(rc.area_share(), 4),
             num(rc.people_share(), 4), std::to_string(rc.risks[0]), std::to_string(rc.risks_reached[0]),
             std::to_string(rc.risks[1]), std::to_string(rc.risks_reached[1]), std::to_string(rc.risks[2]),
             std::to_string(rc.risks_reached[2]), std::to_string(rc.risks[3]), std::to_string(rc.risks_reached[3]));
    for (const AreaShare& s : r.response_shares[g])
      resp_area.row(rc.profile, std::string(to_string(s.level)), s.area_id, s.area_name, std::to_string(s.people),
                    std::to_string(s.served), num(s.share(), 4));
    for (size_t i : rc.risks_outside) {
      const RiskPoint& p = data.risk_points[i];
      outside.row(rc.profile, p.id, p.name, std::string(to_string(p.level)), std::string(to_string(p.kind)), p.street_id,
                  num(p.location.lon, 6), num(p.location.lat, 6));
    }
  }
  resp.save(dir / "response_coverage.csv", done);
  resp_area.save(dir / "response_coverage_areas.csv", done);
  outside.save(dir / "risk_points_outside.csv", done);

  if (r.sites) {
    const SiteResult& s = *r.sites;
    Csv sites("rank,name,lon,lat,capacity,road_m");
    for (size_t k = 0; k < s.choice.chosen.size(); ++k) {
      const size_t c = s.choice.chosen[k];
      sites.row(std::to_string(k + 1), s.candidates[c].name, num(s.candidates[c].where.lon, 6),
                num(s.candidates[c].where.lat, 6), std::to_string(s.candidates[c].capacity), num(s.candidate_snap_m[c], 0));
    }
    sites.save(dir / "suggested_sites.csv", done);
    Csv summary("stage,covered_people,total_walk_min,evaluations,swaps");
    summary.row(std::string("before"), std::to_string(s.choice.before.covered), num(s.choice.before.total_s / 60.0, 0),
                std::string(), std::string());
    summary.row(std::string("greedy"), std::to_string(s.choice.after_greedy.covered),
                num(s.choice.after_greedy.total_s / 60.0, 0), std::string(), std::string());
    summary.row(std::string("after_swap"), std::to_string(s.choice.after.covered), num(s.choice.after.total_s / 60.0, 0),
                std::to_string(s.choice.evaluations), std::to_string(s.choice.swaps));
    summary.save(dir / "site_selection_summary.csv", done);
  }
  return done;
}

}  // namespace erde
