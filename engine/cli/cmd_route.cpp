// `erde route <roads> --from lon,lat --to lon,lat`: the quickest trip for one vehicle profile.
// Exit status 2 when there is no trip (never a made-up time).
#include <cstdio>
#include <fstream>
#include <memory>

#include "cli/command.hpp"
#include "route/polyline.hpp"
#include "route/point_source.hpp"
#include "route/road_setup.hpp"
#include "route/route.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace erde::cli {
namespace {

struct Options {
  std::string roads, from, to, geojson;
  std::string profile = "fire_engine";
  std::string profiles = "geodata/profiles.json";
  double snap_m = 500;
};

void print_end(const char* label, const SnappedPoint& p) {
  std::printf("%s %.6f,%.6f -> road %.0f m away%s%s\n", label, p.query.lon, p.query.lat, p.distance_m,
              p.street.empty() ? "" : ": ", printable_text(p.street).c_str());
}

// Street names along the route, each run of one name once.
std::string via_streets(const RoadGraph& g, const Route& r) {
  std::string out, last;
  int count = 0;
  for (EdgeId e : r.edges) {
    const std::string& name = g.segment_name[g.segment[e]];
    if (name.empty() || name == last) continue;
    last = name;
    if (++count > 12) {
      out += ", ...";
      break;
    }
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

const Registrar registrar{"route", [](CLI::App& app) -> std::function<int()> {
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("route", "Quickest route between two places (exit status 2: unreachable)");
  cmd->add_option("roads", opt->roads, "Road source: .osm.pbf or an OGR line layer")->required();
  cmd->add_option("--from", opt->from, "Start as lon,lat")->required();
  cmd->add_option("--to", opt->to, "Destination as lon,lat")->required();
  cmd->add_option("--profile", opt->profile, "Vehicle profile")->capture_default_str();
  cmd->add_option("--profiles", opt->profiles, "Profile file")->capture_default_str();
  cmd->add_option("--snap-distance", opt->snap_m, "Farthest a place may be from a usable road (m)")->capture_default_str();
  cmd->add_option("--geojson", opt->geojson, "Write the route as a GeoJSON Feature to this file");
  return [opt] {
    const LonLat from = parse_lon_lat(opt->from, "--from"), to = parse_lon_lat(opt->to, "--to");
    const RoadSetup roads = open_road_setup(opt->roads, opt->profiles, opt->profile, opt->snap_m);
    const SnappedPoint a = roads.snap(from, "--from", reach::kStart), b = roads.snap(to, "--to", reach::kEnd);
    const Route r = roads.roads->route(0, a.point, b.point);
    print_end("from", a);
    print_end("to  ", b);
    if (r.reachable) {
      std::printf("route (%s): %.1f min (%.1f s), %.2f km, %zu edges\n", roads.profile.c_str(), r.time_ms / 60000.0,
                  r.time_ms / 1000.0, r.distance_m / 1000.0, r.edges.size());
      const std::string via = via_streets(roads.graph(), r);
      if (!via.empty()) std::printf("via: %s\n", printable_text(via).c_str());
    } else {
      std::printf("route (%s): unreachable - no road the profile may use joins these places\n",
                  roads.profile.c_str());
    }
    if (!opt->geojson.empty()) {
      std::ofstream out(opt->geojson);
      out << route_geojson(r, "\"profile\":" + json_string(roads.profile) +
                                  ",\"attribution\":\"(c) OpenStreetMap contributors, ODbL 1.0\"")
          << "\n";
      if (!out) throw Error(opt->geojson + ": cannot write");
      std::printf("wrote %s\n", opt->geojson.c_str());
    }
    return r.reachable ? 0 : 2;
  };
}};

}  // namespace
}  // namespace erde::cli
