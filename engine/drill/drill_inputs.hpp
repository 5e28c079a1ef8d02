#pragma once
// What a drill runs on, loaded from the scenario's data and road sources.
#include <memory>

#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "drill/scenario.hpp"
#include "model/dataset.hpp"

namespace erde {

struct DrillInputs {
  Dataset data;
  std::shared_ptr<const RoadIndex> roads;
  ResponsePlanBook book;
};

// Loads the scenario's data (strictly: a bad feature fails the load), its roads with the
// dispatch profiles from profiles_path, and the response plans (default file when empty).
DrillInputs load_drill_inputs(const Scenario& scenario, const std::string& profiles_path,
                              const std::string& plans_path = "");

}  // namespace erde
