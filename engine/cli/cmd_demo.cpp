// `erde demo`: the main job on the embedded (fictional) demo district — load every layer, build
// the road graph with each vehicle profile, and plan two incidents the way a duty officer gets
// them: a leak at the district's only orange risk point, then a waterlogging call planned
// against what the first incident already holds.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "cli/load_report.hpp"
#include "dispatch/dispatch_state.hpp"
#include "dispatch/plan_json.hpp"
#include "dispatch/plan_on_roads.hpp"
#include "geo/load.hpp"
#include "graph/import.hpp"
#include "graph/profile.hpp"
#include "util/data_paths.hpp"
#include "util/text.hpp"

namespace erde::cli {
namespace {

struct DemoArgs {
  std::string data;
  std::string profiles;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::unique_ptr<LiveRoads> load_roads(const std::string& source, const std::string& profiles_file) {
  auto start = std::chrono::steady_clock::now();
  RoadGraph graph = open_roads(source);
  std::printf("Roads: %u intersections, %u road segments, %u directed edges (%.2f s)\n",
              graph.node_count(), graph.segment_count(), graph.edge_count(), seconds_since(start));
  auto index = make_dispatch_index(std::move(graph), load_profiles(profiles_file), 500);
  for (size_t p = 0; p < index->profile_count(); ++p) {
    const RoadReach& reach = index->reach[p];
    std::printf("  profile %-12s %6u usable edges; outside the main connected part: %u nodes only left, %u only"
                " entered, %u neither (%.2f km)\n",
                index->profiles[p].name.c_str(), index->reports[p].usable_edges, reach.leave_only_nodes,
                reach.enter_only_nodes, reach.isolated_nodes, reach.isolated_km);
  }
  std::printf("  road index (contraction hierarchy per profile, snap index): %.1f MB in %.2f s\n",
              static_cast<double>(index->memory_bytes()) / 1e6, index->build_seconds);
  return std::make_unique<LiveRoads>(std::move(index));
}

const RiskPoint* first_risk_point(const Dataset& data, auto&& matches) {
  for (const RiskPoint& p : data.risk_points)
    if (matches(p)) return &p;
  return nullptr;
}

// Plans, prints, and commits what the plan takes: its teams leave, its stock and places are held.
void plan_and_print(const GeosContext& geos, const Incident& incident, const ResponsePlanBook& book,
                    const Dataset& data, const LiveRoads& roads, DispatchState& live) {
  auto start = std::chrono::steady_clock::now();
  const IncidentPlan plan = plan_on_roads(geos, incident, book, data, live.teams, roads, live.ledger);
  std::printf("\n");
  std::fputs(printable_lines(plan_to_text(plan)).c_str(), stdout);
  std::printf("(planned in %.1f ms)\n", seconds_since(start) * 1000);
  commit_plan(live, plan);
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
    Dataset& data = loaded.data;
    print_layers(loaded);
    print_dataset(loaded);
    std::printf("\n");
    const std::unique_ptr<LiveRoads> roads = load_roads(args->data, args->profiles);
    const ResponsePlanBook book = load_response_plans(default_response_plans_path());

    GeosContext geos;
    DispatchState live;  // the demo's team table, ledger and plans in force
    live.teams = team_table(data.teams);
    const RiskPoint* orange =
        first_risk_point(data, [](const RiskPoint& p) { return p.level == RiskLevel::orange; });
    const RiskPoint* waterlogging = first_risk_point(
        data, [](const RiskPoint& p) { return p.kind == RiskKind::waterlogging_point; });
    if (!orange || !waterlogging)
      throw Error(args->data + ": the demo needs an orange risk point and a waterlogging point");
    plan_and_print(geos, {"DEMO-1", IncidentType::hazchem_leak, Severity::large, orange->location, {}},
                   book, data, *roads, live);
    plan_and_print(geos, {"DEMO-2", IncidentType::waterlogging, Severity::major, waterlogging->location, {}},
                   book, data, *roads, live);
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
