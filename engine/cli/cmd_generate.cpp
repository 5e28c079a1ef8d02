// `erde generate demo|city`: writes the fictional demo district, or builds a synthetic city road
// graph for benchmarks (optionally saved as a roads layer).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/command.hpp"
#include "demo/demo_district.hpp"
#include "demo/road_lines.hpp"
#include "demo/synthetic_city.hpp"
#include "util/error.hpp"

namespace erde::cli {
namespace {

struct GenerateOptions {
  std::string demo_out = "geodata/demo";
  uint64_t demo_seed = demo::kDemoSeed;
  uint32_t city_nodes = 0;
  uint64_t city_seed = 1;
  std::string city_out;
};

constexpr uint32_t kMaxCityFileNodes = 500'000;

int run_demo(const GenerateOptions& o) {
  const std::filesystem::path file = demo::generate_demo(o.demo_out, o.demo_seed);
  std::printf("wrote %s (%s, seed %llu)\n", file.string().c_str(), demo::kDistrictName,
              static_cast<unsigned long long>(o.demo_seed));
  return 0;
}

int run_city(const GenerateOptions& o) {
  if (!o.city_out.empty() && o.city_nodes > kMaxCityFileNodes)
    throw Error("generate city: --out is for small cities (at most " + std::to_string(kMaxCityFileNodes) +
                " nodes); benchmarks build larger ones in memory");
  const auto start = std::chrono::steady_clock::now();
  const RoadGraph graph = demo::generate_city(o.city_nodes, o.city_seed);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("synthetic city: %u nodes, %u edges, %u segments, %.1f MB, built in %.2f s\n", graph.node_count(),
              graph.edge_count(), graph.segment_count(), static_cast<double>(graph.memory_bytes()) / 1e6, seconds);
  if (!o.city_out.empty()) {
    demo::write_roads_file(demo::road_lines(graph), o.city_out);
    std::printf("wrote %s\n", o.city_out.c_str());
  }
  return 0;
}

const Registrar registrar{"generate", [](CLI::App& app) -> std::function<int()> {
  auto options = std::make_shared<GenerateOptions>();
  CLI::App* generate = app.add_subcommand("generate", "Generate the fictional demo district or a synthetic city");
  generate->require_subcommand(1);
  CLI::App* demo_cmd = generate->add_subcommand(
      "demo", "Write the fictional demo district (Huacheng 花城区) as <out>/demo.gpkg");
  demo_cmd->add_option("--out", options->demo_out, "Output directory")->capture_default_str();
  demo_cmd->add_option("--seed", options->demo_seed, "Random seed")->capture_default_str();
  CLI::App* city = generate->add_subcommand("city", "Build a synthetic grid city road graph (benchmarks)");
  city->add_option("--nodes", options->city_nodes, "Approximate node count")->required()->check(CLI::Range(4u, 50'000'000u));
  city->add_option("--seed", options->city_seed, "Random seed")->capture_default_str();
  city->add_option("--out", options->city_out, "Also write it as a roads layer (.gpkg, .geojson, .fgb, ...)");
  return [options, demo_cmd, city]() -> int {
    if (demo_cmd->parsed()) return run_demo(*options);
    if (city->parsed()) return run_city(*options);
    return 2;
  };
}};

}  // namespace
}  // namespace erde::cli
