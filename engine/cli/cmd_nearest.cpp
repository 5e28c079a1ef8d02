// `erde nearest <roads> --at lon,lat --resources FILE -k 5`: the resources with the least travel
// time to a place, each with its route.
#include <cstdio>
#include <fstream>
#include <memory>

#include "cli/command.hpp"
#include "route/nearest.hpp"
#include "route/polyline.hpp"
#include "route/point_source.hpp"
#include "route/road_setup.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace erde::cli {
namespace {

struct Options {
  std::string roads, at, resources, geojson;
  std::string profile = "fire_engine";
  std::string profiles = "geodata/profiles.json";
  size_t k = 5;
  double snap_m = 500;
  double max_minutes = 0;
};

const Registrar registrar{"nearest", [](CLI::App& app) -> std::function<int()> {
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("nearest", "The k resources with the least travel time to a place");
  cmd->add_option("roads", opt->roads, "Road source: .osm.pbf or an OGR line layer")->required();
  cmd->add_option("--at", opt->at, "The incident as lon,lat")->required();
  cmd->add_option("--resources", opt->resources,
                  "Resource locations: any OGR point layer (GeoJSON, GeoPackage...) or lon,lat;lon,lat")
      ->required();
  cmd->add_option("-k", opt->k, "How many")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--max-minutes", opt->max_minutes, "Ignore resources farther than this (0 = no limit)");
  cmd->add_option("--profile", opt->profile, "Vehicle profile")->capture_default_str();
  cmd->add_option("--profiles", opt->profiles, "Profile file")->capture_default_str();
  cmd->add_option("--snap-distance", opt->snap_m, "Farthest a place may be from a usable road (m)")->capture_default_str();
  cmd->add_option("--geojson", opt->geojson, "Write the incident and the routes as a GeoJSON FeatureCollection");
  return [opt] {
    const LonLat at = parse_lon_lat(opt->at, "--at");
    const std::vector<NamedPoint> named = read_points(opt->resources, "--resources");
    const RoadSetup roads = open_road_setup(opt->roads, opt->profiles, opt->profile, opt->snap_m);
    const SnappedPoint incident = roads.snap(at, "--at", reach::kEnd);
    std::vector<RoutePoint> points;
    std::vector<double> snap_m;
    size_t off_road = 0;
    for (const NamedPoint& p : named) {
      try {
        const SnappedPoint s = roads.snap(p.where, "resource " + p.name, reach::kStart);
        points.push_back(s.point);
        snap_m.push_back(s.distance_m);
      } catch (const Error& e) {
        std::printf("skipped: %s\n", printable_text(e.what()).c_str());
        points.push_back(RoutePoint{});
        snap_m.push_back(-1);
        ++off_road;
      }
    }
    NearestOptions o;
    o.k = opt->k;
    if (opt->max_minutes > 0) o.max_eta_ms = static_cast<uint32_t>(opt->max_minutes * 60000);
    const std::vector<NearestResource> found = roads.roads->nearest(0, incident.point, points, o);

    std::printf("incident %.6f,%.6f -> road %.0f m away%s%s\n", at.lon, at.lat, incident.distance_m,
                incident.street.empty() ? "" : ": ", printable_text(incident.street).c_str());
    std::printf("%zu resources (%zu off the %s network); %zu nearest by travel time:\n", named.size(), off_road,
                roads.profile.c_str(), found.size());
    std::printf("%4s  %-24s %9s %9s %8s\n", "rank", "resource", "eta_min", "km", "snap_m");
    for (size_t i = 0; i < found.size(); ++i) {
      const NearestResource& n = found[i];
      std::printf("%4zu  %-24s %9.2f %9.2f %8.0f\n", i + 1, printable_text(named[n.resource].name).c_str(), n.eta_ms / 60000.0,
                  n.route.distance_m / 1000.0, snap_m[n.resource]);
    }
    if (found.size() < opt->k) std::printf("only %zu can reach the incident\n", found.size());
    if (!opt->geojson.empty()) {
      std::ofstream out(opt->geojson);
      char point[160];
      std::snprintf(point, sizeof point,
                    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]},"
                    "\"properties\":{\"role\":\"incident\"}}",
                    at.lon, at.lat);
      out << "{\"type\":\"FeatureCollection\",\"attribution\":\"(c) OpenStreetMap contributors, ODbL 1.0\","
             "\"features\":[\n"
          << point;
      for (size_t i = 0; i < found.size(); ++i) {
        const NearestResource& n = found[i];
        out << ",\n"
            << route_geojson(n.route, "\"role\":\"route\",\"rank\":" + std::to_string(i + 1) +
                                          ",\"resource\":" + json_string(named[n.resource].name));
      }
      out << "\n]}\n";
      if (!out) throw Error(opt->geojson + ": cannot write");
      std::printf("wrote %s\n", opt->geojson.c_str());
    }
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
