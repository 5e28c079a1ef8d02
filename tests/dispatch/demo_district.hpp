#pragma once
// The embedded demo district loaded once for the dispatch tests: its data set, its team table as
// loaded, the dispatch road index, live roads over it without closures, and the response plans.
#include <memory>
#include <string>
#include <vector>

#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "dispatch/team_status.hpp"
#include "geo/geos_context.hpp"
#include "geo/load.hpp"
#include "route/live_roads.hpp"

namespace erde::test {

struct Demo {
  GeosContext geos;
  Dataset data;
  std::vector<TeamNow> teams;  // the team table: every team at its base, as loaded
  std::shared_ptr<const RoadIndex> index;
  std::unique_ptr<LiveRoads> roads;  // over `index`, with no closures
  ResponsePlanBook book;
};

inline const Demo& demo() {
  static const std::unique_ptr<Demo> d = [] {
    auto out = std::make_unique<Demo>();
    const std::string file = ERDE_SOURCE_DIR + std::string("/geodata/demo/demo.gpkg");
    LoadOptions options;
    options.progress = false;
    out->data = load_sources({file}, options).data;
    out->teams = team_table(out->data.teams);
    out->index = open_dispatch_index(file, ERDE_SOURCE_DIR + std::string("/geodata/profiles.json"), 500);
    out->roads = std::make_unique<LiveRoads>(out->index);
    out->book = load_response_plans(ERDE_SOURCE_DIR + std::string("/geodata/response_plans.json"));
    return out;
  }();
  return *d;
}

}  // namespace erde::test
