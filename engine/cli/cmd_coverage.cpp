// `erde coverage <data> --out DIR`: the planner's coverage figures for a district — shelter area
// per resident, per-street checks, capacity-aware shelter service coverage, response-time
// coverage, service areas and (with --k) where to build the next shelters — as a GeoPackage, CSV
// tables and a printable HTML report.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/command.hpp"
#include "util/data_paths.hpp"
#include "coverage/candidates_read.hpp"
#include "coverage/coverage_output.hpp"
#include "coverage/coverage_run.hpp"
#include "geo/load.hpp"
#include "graph/import.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace erde::cli {
namespace {

struct Options {
  std::vector<std::string> sources;
  std::string out, roads, profiles = data_file("profiles.json"), candidates, method = "mclp", attribution, crs;
  CoverageOptions run;
  bool no_service_areas = false;
  bool osm = false;
};

const char* kOsm = "Roads © OpenStreetMap contributors, ODbL 1.0";

bool is_osm_source(const std::string& path) {
  const std::string p = to_lower_ascii(path);
  return p.ends_with(".pbf") || p.ends_with(".osm");
}

const Registrar registrar{"coverage", [](CLI::App& app) -> std::function<int()> {
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("coverage", "Planner coverage analysis: shelters, streets, response times, new sites");
  cmd->add_option("data", opt->sources, "District data source(s) (geodata/SCHEMA.md)")->required();
  cmd->add_option("--out", opt->out, "Output directory (coverage.gpkg, *.csv, coverage.html)")->required();
  cmd->add_option("--roads", opt->roads, "Road source (.osm.pbf or OGR lines); default: the data's `roads` layer");
  cmd->add_option("--profiles", opt->profiles, "Vehicle profile file")->capture_default_str();
  cmd->add_option("--target-m2", opt->run.target_m2, "Shelter area per resident target (m²)")->capture_default_str();
  cmd->add_option("--walk-minutes", opt->run.walk_minutes, "Shelter service: walking time limit")->capture_default_str();
  cmd->add_option("--response-minutes", opt->run.response_minutes, "Team response time limit")->capture_default_str();
  cmd->add_option("--grid-m", opt->run.grid_m,
                  "Demand as a population grid of this cell size (m); 0 = one point per community")->capture_default_str();
  cmd->add_option("--snap-distance", opt->run.max_snap_m, "Farthest a place may be from a usable road (m)")->capture_default_str();
  cmd->add_flag("--no-service-areas", opt->no_service_areas, "Skip the per-facility isochrone polygons");
  cmd->add_option("--candidates", opt->candidates,
                  "Candidate sites: a file (every layer) or a layer of the first data source; default: generated");
  cmd->add_option("--k", opt->run.k, "How many new shelters to site (0 = none)")->capture_default_str();
  cmd->add_option("--method", opt->method, "mclp (maximal covering) or pmedian")->capture_default_str();
  cmd->add_option("--candidate-capacity", opt->run.candidate_capacity, "Places of a new shelter when a candidate gives none")
      ->capture_default_str();
  cmd->add_option("--crs", opt->crs, "CRS for data layers that have none, e.g. EPSG:4490");
  cmd->add_flag("--osm", opt->osm, "Roads are OpenStreetMap-derived: show OSM attribution");
  cmd->add_option("--attribution", opt->attribution, "Attribution text under every map");
  return [opt] {
    if (opt->method != "mclp" && opt->method != "pmedian") throw Error("--method: must be mclp or pmedian");
    opt->run.method = opt->method == "mclp" ? SiteMethod::mclp : SiteMethod::pmedian;
    opt->run.service_areas = !opt->no_service_areas;
    if (opt->run.candidate_capacity <= 0) throw Error("--candidate-capacity: must be a positive number of places");
    LoadOptions lo;
    lo.assume_crs = opt->crs;
    const LoadResult loaded = load_sources(opt->sources, lo);
    const std::string roads_src = opt->roads.empty() ? opt->sources.front() : opt->roads;
    RoadImportOptions ro;
    if (opt->roads.empty()) ro.layer = "roads";
    RoadGraph graph;
    try {
      graph = open_roads(roads_src, ro);
    } catch (const Error& e) {
      throw Error(std::string("roads: ") + e.what() + (opt->roads.empty() ? " (give --roads)" : ""));
    }
    const LiveRoads roads(make_road_index(std::move(graph), load_profiles(opt->profiles), opt->run.max_snap_m));
    if (!opt->candidates.empty()) {
      const bool file = std::filesystem::exists(opt->candidates);
      opt->run.candidates = read_candidates(file ? opt->candidates : opt->sources.front(), file ? "" : opt->candidates,
                                            opt->run.candidate_capacity);
      if (opt->run.k == 0) opt->run.k = 3;
    }
    const CoverageReport report = analyse_coverage(loaded.data, roads, opt->run);

    std::filesystem::create_directories(opt->out);
    OutputOptions oo;
    oo.attribution = !opt->attribution.empty() ? opt->attribution
                     : (opt->osm || is_osm_source(roads_src)) ? kOsm
                                                               : "Roads: " + std::filesystem::path(roads_src).filename().string();
    oo.title = "Coverage report: " + std::filesystem::path(opt->sources.front()).filename().string();
    std::vector<std::filesystem::path> files{write_coverage_gpkg(report, opt->out)};
    for (auto& f : write_coverage_csv(report, opt->out)) files.push_back(f);
    files.push_back(write_coverage_html(report, roads.graph(), opt->out, oo));

    const ShelterAreaRow& d = report.shelter_area.back();
    std::printf("residents %.0f; shelter area %.2f m2/resident (target %.2f)\n", d.population, d.m2_per_resident,
                opt->run.target_m2);
    std::printf("shelter service within %.0f min walk: %.1f %% (%lld unserved)\n", opt->run.walk_minutes,
                100.0 * report.service_shares.back().share(),
                static_cast<long long>(report.service.people - report.service.served_total));
    int fails = 0;
    for (size_t i = 0; i < report.checks.size(); ++i)
      if (!report.checks[i].passes() || !report.shelter_area[i].meets_target) {
        ++fails;
        const StreetCheck& c = report.checks[i];
        std::printf("  street %s %s: outdoor fixed %d, indoor %d, reserve points %d, %.2f m2/resident\n",
                    printable_text(c.street_id).c_str(), printable_text(c.street_name).c_str(), c.outdoor_fixed, c.indoor, c.reserve_points,
                    report.shelter_area[i].m2_per_resident);
      }
    std::printf("streets failing a check: %d of %zu\n", fails, report.checks.size());
    for (const ResponseCoverage& rc : report.response)
      std::printf("within %.0f min by %s (%s): area %.1f %%, residents %.1f %%, red/orange risk points outside: %zu\n",
                  opt->run.response_minutes, rc.profile.c_str(), rc.teams.c_str(), 100 * rc.area_share(),
                  100 * rc.people_share(), static_cast<size_t>(std::count_if(rc.risks_outside.begin(), rc.risks_outside.end(), [&](size_t i) {
                    return loaded.data.risk_points[i].level <= RiskLevel::orange;
                  })));
    if (report.sites) {
      const SiteResult& s = *report.sites;
      std::printf("%s, k=%zu of %zu candidates: covered %lld -> %lld (greedy %lld), %d swaps, %d evaluations\n",
                  opt->method.c_str(), s.choice.chosen.size(), s.candidates.size(),
                  static_cast<long long>(s.choice.before.covered), static_cast<long long>(s.choice.after.covered),
                  static_cast<long long>(s.choice.after_greedy.covered), s.choice.swaps, s.choice.evaluations);
      for (size_t k = 0; k < s.choice.chosen.size(); ++k)
        std::printf("  %zu. %s (%.5f, %.5f)\n", k + 1, printable_text(s.candidates[s.choice.chosen[k]].name).c_str(),
                    s.candidates[s.choice.chosen[k]].where.lon, s.candidates[s.choice.chosen[k]].where.lat);
    }
    for (const std::string& n : report.notes) std::printf("note: %s\n", printable_text(n).c_str());
    std::printf("analysis %.2f s; wrote %zu files to %s\n", report.seconds, files.size(), opt->out.c_str());
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
