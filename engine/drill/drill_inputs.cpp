#include "drill/drill_inputs.hpp"

#include "geo/load.hpp"
#include "util/error.hpp"

namespace erde {

DrillInputs load_drill_inputs(const Scenario& scenario, const std::string& profiles_path,
                              const std::string& plans_path) {
  DrillInputs in;
  try {
    in.data = load_sources({scenario.data}, {}).data;
    in.roads = open_dispatch_index(scenario.roads, profiles_path, 500);
  } catch (const Error& e) {
    throw Error(scenario.source + ": data: " + e.what());
  }
  in.book = load_response_plans(plans_path.empty() ? default_response_plans_path() : std::filesystem::path(plans_path));
  return in;
}

}  // namespace erde
