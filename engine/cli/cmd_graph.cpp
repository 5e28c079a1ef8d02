// `erde graph <roads-source>`: imports a road network and reports what it holds and what each
// vehicle profile can use of it.
#include <array>
#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/command.hpp"
#include "util/data_paths.hpp"
#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "graph/reach.hpp"
#include "graph/snap.hpp"

namespace erde::cli {
namespace {

struct Options {
  std::string source;
  std::string profile;
  std::string profiles = data_file("profiles.json");
  RoadImportOptions import;
};

void print_import(const RoadGraph& g, const ImportStats& st) {
  std::printf("source: %s\n", st.source.c_str());
  std::printf("read: %llu road features, %llu imported", static_cast<unsigned long long>(st.features_read),
              static_cast<unsigned long long>(st.roads_used));
  if (st.skipped_not_road) {
    std::printf("; %llu not routable (", static_cast<unsigned long long>(st.skipped_not_road));
    for (size_t i = 0; i < st.skipped_values.size() && i < 6; ++i)
      std::printf("%s%s %llu", i ? ", " : "", st.skipped_values[i].first.c_str(),
                  static_cast<unsigned long long>(st.skipped_values[i].second));
    std::printf("%s)", st.skipped_values.size() > 6 ? ", ..." : "");
  }
  if (st.skipped_area) std::printf("; %llu area=yes", static_cast<unsigned long long>(st.skipped_area));
  if (st.skipped_degenerate) std::printf("; %llu degenerate", static_cast<unsigned long long>(st.skipped_degenerate));
  std::printf("\n");
  if (st.maxspeed_unparsed || st.oneway_unparsed || st.missing_nodes)
    std::printf("ignored: %llu maxspeed values, %llu oneway values (taken as two-way), %llu missing nodes\n",
                static_cast<unsigned long long>(st.maxspeed_unparsed),
                static_cast<unsigned long long>(st.oneway_unparsed),
                static_cast<unsigned long long>(st.missing_nodes));

  std::array<double, kRoadClassCount> km{};
  uint32_t oneway = 0, roundabout = 0, tunnel = 0, bridge = 0, no_motor = 0, priv = 0;
  double total_km = 0;
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    EdgeId a = g.segment_edge[2 * s], b = g.segment_edge[2 * s + 1];
    double len = g.length_m[a] / 1000.0;
    km[static_cast<size_t>(g.road_class[a])] += len;
    total_km += len;
    uint8_t f = g.flags[a];
    oneway += ((f | g.flags[b]) & edge_flag::kAgainstOneway) != 0;
    roundabout += (f & edge_flag::kRoundabout) != 0;
    tunnel += (f & edge_flag::kTunnel) != 0;
    bridge += (f & edge_flag::kBridge) != 0;
    no_motor += (f & edge_flag::kNoMotorVehicles) != 0;
    priv += (f & edge_flag::kPrivate) != 0;
  }
  std::printf("graph: %u nodes, %u segments, %u directed edges, %.1f km\n", g.node_count(), g.segment_count(),
              g.edge_count(), total_km);
  std::printf("segments: %u one-way, %u roundabout, %u tunnel, %u bridge, %u no motor vehicles, %u private\n",
              oneway, roundabout, tunnel, bridge, no_motor, priv);
  std::printf("km by class:");
  for (int c = 0; c < kRoadClassCount; ++c)
    if (km[c] > 0) std::printf(" %s %.1f", std::string(to_string(static_cast<RoadClass>(c))).c_str(), km[c]);
  std::printf("\n");
  std::printf("memory: %.1f MB, %.1f bytes per directed edge\n", static_cast<double>(g.memory_bytes()) / 1e6,
              g.edge_count() ? static_cast<double>(g.memory_bytes()) / g.edge_count() : 0.0);
  std::printf("build: %.3f s\n", st.seconds);
}

void print_profile(const RoadGraph& g, const Profile& p) {
  auto t0 = std::chrono::steady_clock::now();
  ProfileReport r;
  const std::vector<uint32_t> w = rule_weights(g, p, &r);
  const RoadReach reach = road_reach(g, w);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("profile %s: %u usable edges (%.1f%%); main connected part %u nodes [%.1f ms]\n", p.name.c_str(),
              r.usable_edges, g.edge_count() ? 100.0 * r.usable_edges / g.edge_count() : 0.0, reach.main_nodes, ms);
  std::printf("  outside it: %u nodes can only be left (%.2f km: trips start there, none end), %u can only be"
              " entered (%.2f km: trips end there, none start), %u neither (%.2f km: never used)\n",
              reach.leave_only_nodes, reach.leave_only_km, reach.enter_only_nodes, reach.enter_only_km,
              reach.isolated_nodes, reach.isolated_km);
  std::printf("  not allowed: class %u, against one-way %u, tunnel %u, no motor vehicles %u, private %u,"
              " restricted %u, no-go area %u\n",
              r.class_closed_edges, r.oneway_edges, r.tunnel_edges, r.no_motor_edges, r.private_edges,
              r.restricted_edges, r.no_go_edges);
}

const Registrar registrar{"graph", [](CLI::App& app) -> std::function<int()> {
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("graph", "Import a road network (OSM .pbf or an OGR line layer) and report on it");
  cmd->add_option("source", opt->source, "Road source: .osm.pbf, or any OGR line layer (GeoPackage, GeoJSON, ...)")
      ->required();
  cmd->add_option("--profile", opt->profile, "Report only this profile (default: every profile)");
  cmd->add_option("--profiles", opt->profiles, "Profile file")->capture_default_str();
  cmd->add_option("--layer", opt->import.layer, "OGR layer holding the roads (default: 'roads' or the only one)");
  cmd->add_option("--crs", opt->import.crs, "CRS for a layer without one, e.g. EPSG:4490");
  cmd->add_option("--tolerance", opt->import.join_tolerance_m, "OGR: line ends closer than this (m) join")
      ->capture_default_str();
  return [opt] {
    ImportStats st;
    RoadGraph g = open_roads(opt->source, opt->import, &st);
    print_import(g, st);
    if (!opt->profile.empty()) {
      print_profile(g, load_profile(opt->profiles, opt->profile));
    } else {
      for (const Profile& p : load_profiles(opt->profiles)) print_profile(g, p);
    }
    auto t0 = std::chrono::steady_clock::now();
    SnapIndex index(g);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("snap index: %.1f MB, built in %.1f ms\n", static_cast<double>(index.memory_bytes()) / 1e6, ms);
    std::printf("Road data from OpenStreetMap carries its licence: (c) OpenStreetMap contributors, ODbL 1.0.\n");
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
