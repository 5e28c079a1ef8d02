// `erde dispatch <data> --roads <roads> --type waterlogging --severity 较大 --at lon,lat`: the duty
// officer's plan for one incident (teams, materials, evacuation, warnings), or with --batch FILE
// the joint team assignment for concurrent incidents against the one-by-one greedy.
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/command.hpp"
#include "util/data_paths.hpp"
#include "dispatch/event_plan.hpp"
#include "dispatch/incident_file.hpp"
#include "dispatch/plan_gpkg.hpp"
#include "dispatch/plan_on_roads.hpp"
#include "dispatch/plan_json.hpp"
#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "route/point_source.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace erde::cli {
namespace {

struct Options {
  std::vector<std::string> data;
  std::string roads, type, severity, at, id = "INC-1", zone, batch, json, gpkg;
  std::string plans, profiles = data_file("profiles.json"), mapping, crs;
  double snap_m = 500;
  bool lenient = false;
};

// A GeoJSON geometry, Feature or FeatureCollection file as WGS84 WKB.
Geometry read_zone(const GeosContext& geos, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot open hazard zone");
  std::stringstream text;
  text << in.rdbuf();
  GEOSGeoJSONReader* reader = GEOSGeoJSONReader_create_r(geos.handle());
  GEOSGeometry* g = GEOSGeoJSONReader_readGeometry_r(geos.handle(), reader, text.str().c_str());
  GEOSGeoJSONReader_destroy_r(geos.handle(), reader);
  if (!g) throw Error(path + ": not a GeoJSON geometry: " + geos.last_error());
  auto owned = geos.own(g);
  int dim = GEOSGeom_getDimensions_r(geos.handle(), g);
  if (dim != 2) throw Error(path + ": the hazard zone must be a polygon");
  return {geos.to_wkb(owned.get())};
}

void write_json(const std::string& path, const nlohmann::json& doc) {
  std::ofstream out(path);
  out << doc.dump(2) << "\n";
  if (!out) throw Error(path + ": cannot write");
  std::printf("wrote %s\n", path.c_str());
}

int run(const Options& opt) {
  if (opt.batch.empty() && (opt.type.empty() || opt.severity.empty() || opt.at.empty()))
    throw Error("give --type, --severity and --at for one incident, or --batch FILE");
  const ResponsePlanBook book =
      load_response_plans(opt.plans.empty() ? default_response_plans_path() : std::filesystem::path(opt.plans));
  LoadOptions lo;
  lo.mapping_file = opt.mapping;
  lo.assume_crs = opt.crs;
  lo.lenient = opt.lenient;
  const LoadResult loaded = load_sources(opt.data, lo);
  const Dataset& data = loaded.data;
  if (!loaded.problems.empty())
    std::fprintf(stderr, "erde: %zu features rejected while loading (lenient)\n", loaded.problems.size());
  const auto roads = std::make_unique<LiveRoads>(open_dispatch_index(opt.roads, opt.profiles, opt.snap_m));
  const std::vector<TeamNow> teams = team_table(data.teams);  // as loaded: at their bases

  if (!opt.batch.empty()) {
    if (!opt.gpkg.empty()) throw Error("--gpkg writes one incident's plan; with --batch, write --json");
    GeosContext geos;
    const std::vector<Incident> incidents = load_incidents(opt.batch);
    const EventPlan event = plan_event(geos, incidents, book, data, teams, *roads, Reservations{});
    std::fputs(printable_lines(event_to_text(event)).c_str(), stdout);
    if (!opt.json.empty()) write_json(opt.json, event_to_json(geos, event));
    return 0;
  }

  GeosContext geos;
  Incident inc;
  inc.id = opt.id;
  inc.type = parse_enum_or_throw<IncidentType>(opt.type);
  inc.severity = parse_enum_or_throw<Severity>(opt.severity);
  inc.location = parse_lon_lat(opt.at, "--at");
  if (!opt.zone.empty()) inc.hazard_zone = read_zone(geos, opt.zone);

  const Reservations ledger;
  const IncidentPlan plan = plan_on_roads(geos, inc, book, data, teams, *roads, ledger);
  std::fputs(printable_lines(plan_to_text(plan)).c_str(), stdout);  // dataset names reach a terminal
  if (!opt.json.empty()) write_json(opt.json, plan_to_json(geos, plan));
  if (!opt.gpkg.empty()) {
    write_plan_gpkg(plan, data, opt.gpkg);
    std::printf("wrote %s\n", opt.gpkg.c_str());
  }
  return 0;
}

const Registrar registrar{"dispatch", [](CLI::App& app) -> std::function<int()> {
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("dispatch", "Plan the response to an incident: teams, materials, evacuation, warnings");
  cmd->add_option("data", opt->data, "Resource sources (GeoPackage, GeoJSON, ...: areas, shelters, depots, teams, risk_points)")
      ->required();
  cmd->add_option("--roads", opt->roads, "Road source: .osm.pbf or an OGR line layer (e.g. the GeoPackage)")->required();
  cmd->add_option("--type", opt->type, "Incident type, e.g. waterlogging / 内涝 (see `erde vocabulary`)");
  cmd->add_option("--severity", opt->severity, "Severity: general 一般, large 较大, major 重大, especially_major 特别重大");
  cmd->add_option("--at", opt->at, "Incident location as lon,lat (WGS84)");
  cmd->add_option("--id", opt->id, "Incident id")->capture_default_str();
  cmd->add_option("--zone", opt->zone, "Hazard zone polygon (GeoJSON) replacing the plan's evacuation circle");
  cmd->add_option("--batch", opt->batch, "Concurrent incidents (JSON, see docs/PLAN_FORMAT.md): joint team assignment");
  cmd->add_option("--json", opt->json, "Also write the plan as JSON (docs/PLAN_FORMAT.md)");
  cmd->add_option("--gpkg", opt->gpkg, "Also write the plan as map layers in a GeoPackage (for QGIS)");
  cmd->add_option("--plans", opt->plans, "Response plans file (default geodata/response_plans.json)");
  cmd->add_option("--profiles", opt->profiles, "Vehicle profiles file")->capture_default_str();
  cmd->add_option("--mapping", opt->mapping, "Field mapping JSON for the data sources");
  cmd->add_option("--crs", opt->crs, "CRS for data layers without one, e.g. EPSG:4490");
  cmd->add_option("--snap-distance", opt->snap_m, "Farthest a resource may be from a usable road (m)")->capture_default_str();
  cmd->add_flag("--lenient", opt->lenient, "Skip bad features instead of failing the load");
  return [opt] { return run(*opt); };
}};

}  // namespace
}  // namespace erde::cli
