// `erde demo`: the main job on the embedded (fictional) demo district — load every layer, build
// the road graph with each vehicle profile, and show what a command centre would work with.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "cli/data_paths.hpp"
#include "cli/load_report.hpp"
#include "geo/load.hpp"
#include "graph/import.hpp"
#include "graph/profile.hpp"

namespace erde::cli {
namespace {

struct DemoArgs {
  std::string data;
  std::string profiles;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_roads(const std::string& source, const std::string& profiles_file) {
  auto start = std::chrono::steady_clock::now();
  ImportStats stats;
  RoadGraph graph = open_roads(source, {}, &stats);
  std::printf("Roads: %u intersections, %u road segments, %u directed edges (%.2f s)\n",
              graph.node_count(), graph.segment_count(), graph.edge_count(), seconds_since(start));
  for (const Profile& profile : load_profiles(profiles_file)) {
    ProfileReport report;
    edge_weights(graph, profile, &report);
    std::printf("  profile %-12s %6u usable edges; cut off outside the largest connected part: "
                "%u nodes, %.2f km\n",
                profile.name.c_str(), report.usable_edges, report.cut_nodes, report.cut_km);
  }
}

const Registrar registrar{"demo", [](CLI::App& app) -> std::function<int()> {
  auto args = std::make_shared<DemoArgs>();
  auto* cmd = app.add_subcommand(
      "demo", "Run erde on the embedded demo district (fictional data in geodata/demo)");
  args->data = data_file("demo/demo.gpkg");
  args->profiles = data_file("profiles.json");
  cmd->add_option("--data", args->data, "Demo GeoPackage")->capture_default_str();
  cmd->add_option("--profiles", args->profiles, "Vehicle profiles")->capture_default_str();
  return [args] {
    std::printf("erde demo: Huacheng District 花城区 — FICTIONAL demo data (%s)\n\n",
                args->data.c_str());
    LoadResult loaded = load_sources({args->data}, {});
    print_layers(loaded);
    print_dataset(loaded);
    std::printf("\n");
    print_roads(args->data, args->profiles);
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
