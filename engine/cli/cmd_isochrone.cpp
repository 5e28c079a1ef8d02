// `erde isochrone <roads> --at lon,lat --minutes 5`: what a vehicle reaches within some minutes
// (or, with --reverse, from where it reaches the place), as road length and a polygon.
#include <cstdio>
#include <fstream>
#include <memory>

#include "cli/command.hpp"
#include "geo/geos_context.hpp"
#include "route/isochrone.hpp"
#include "route/point_source.hpp"
#include "route/road_setup.hpp"
#include "util/error.hpp"

namespace erde::cli {
namespace {

struct Options {
  std::string roads, at, geojson;
  std::vector<double> minutes;
  bool reverse = false;
  std::string profile = "fire_engine";
  std::string profiles = "geodata/profiles.json";
  double snap_m = 500;
  double buffer_m = 30;
  std::string shape = "hull";
};

const Registrar registrar{"isochrone", [](CLI::App& app) -> std::function<int()> {
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("isochrone", "Roads and area reachable within given minutes");
  cmd->add_option("roads", opt->roads, "Road source: .osm.pbf or an OGR line layer")->required();
  cmd->add_option("--at", opt->at, "Start place(s): lon,lat or lon,lat;lon,lat or a point file")->required();
  cmd->add_option("--minutes", opt->minutes, "Time limit(s), e.g. --minutes 3 5 10")->required()->delimiter(',');
  cmd->add_flag("--reverse", opt->reverse, "Places that reach the start within the limit (travel towards it)");
  cmd->add_option("--profile", opt->profile, "Vehicle profile")->capture_default_str();
  cmd->add_option("--profiles", opt->profiles, "Profile file")->capture_default_str();
  cmd->add_option("--snap-distance", opt->snap_m, "Farthest a place may be from a usable road (m)")->capture_default_str();
  cmd->add_option("--buffer", opt->buffer_m, "Polygon: margin around the reachable roads (m)")->capture_default_str();
  cmd->add_option("--shape", opt->shape,
                  "Polygon: hull (concave hull of the reachable roads, fast) or roads (buffered road corridors, slow)")
      ->capture_default_str()
      ->check(CLI::IsMember({"hull", "roads"}));
  cmd->add_option("--geojson", opt->geojson, "Write one polygon Feature per limit to this file");
  return [opt] {
    std::vector<uint32_t> limits;
    for (double m : opt->minutes) {
      if (!(m > 0) || m > 24 * 60) throw Error("--minutes: each limit must be in (0, 1440]");
      limits.push_back(static_cast<uint32_t>(m * 60000));
    }
    const std::vector<NamedPoint> named = read_points(opt->at, "--at");
    const RoadSetup roads = open_road_setup(opt->roads, opt->profiles, opt->profile, opt->snap_m);
    std::vector<RoutePoint> points;
    for (const NamedPoint& p : named) points.push_back(roads.snap(p.where, "--at " + p.name, opt->reverse ? reach::kEnd : reach::kStart).point);
    const RoadGraph& g = roads.graph();
    const std::vector<Isochrone> isos =
        roads.roads->isochrones(0, points, limits, opt->reverse ? Direction::reverse : Direction::forward);
    GeosContext geos;
    std::vector<std::string> features;
    const IsochroneShape shape = opt->shape == "roads" ? IsochroneShape::road_buffer : IsochroneShape::hull;
    std::printf("%s isochrone (%s) from %zu place(s), polygon = %s + %.0f m:\n", opt->reverse ? "reverse" : "forward",
                roads.profile.c_str(), points.size(),
                shape == IsochroneShape::hull ? "concave hull of reachable roads" : "reachable roads", opt->buffer_m);
    std::printf("%8s %8s %10s %10s\n", "minutes", "nodes", "road_km", "area_km2");
    for (size_t i = 0; i < isos.size(); ++i) {
      const Isochrone& iso = isos[i];
      const double km = isochrone_road_m(g, iso) / 1000.0;
      const IsochroneArea area = isochrone_polygon(geos, g, iso, opt->buffer_m, shape);
      std::printf("%8.1f %8zu %10.2f %10.3f\n", opt->minutes[i], iso.nodes.size(), km, area.area_m2 / 1e6);
      char props[200];
      std::snprintf(props, sizeof props,
                    "{\"minutes\":%.2f,\"direction\":\"%s\",\"nodes\":%zu,\"road_km\":%.3f,\"area_km2\":%.4f}",
                    opt->minutes[i], opt->reverse ? "reverse" : "forward", iso.nodes.size(), km, area.area_m2 / 1e6);
      features.push_back("{\"type\":\"Feature\",\"geometry\":" + geojson_geometry(geos, area.wkb) +
                         ",\"properties\":" + props + "}");
    }
    if (!opt->geojson.empty()) {
      std::ofstream out(opt->geojson);
      out << "{\"type\":\"FeatureCollection\",\"attribution\":\"(c) OpenStreetMap contributors, ODbL 1.0\","
             "\"features\":[\n";
      for (size_t i = 0; i < features.size(); ++i) out << (i ? ",\n" : "") << features[i];
      out << "\n]}\n";
      if (!out) throw Error(opt->geojson + ": cannot write");
      std::printf("wrote %s\n", opt->geojson.c_str());
    }
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
