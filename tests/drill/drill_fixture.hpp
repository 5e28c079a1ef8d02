#pragma once
// The demo district loaded once for every drill test, and helpers to run inline scenarios.
#include <string>
#include <vector>

#include "drill/drill.hpp"
#include "drill/drill_inputs.hpp"

namespace erde::test {

inline const std::string kSource = ERDE_SOURCE_DIR;

// Scenario text with the demo data set; `injects` is the YAML list body (lines starting "  - ").
inline std::string scenario_text(const std::string& injects, const std::string& extra = "") {
  return "title: test\ndata: geodata/demo/demo.gpkg\nseed: 3\nturnout_minutes: 1\n"
         "on_scene_minutes: {default: 20, fire: 30}\nresponse_target_minutes: {default: 10}\n" +
         extra + "injects:\n" + injects;
}

inline Scenario parse(const std::string& text) { return parse_scenario(text, "test.yaml", kSource); }

inline const DrillInputs& demo() {
  static const DrillInputs inputs = load_drill_inputs(parse(scenario_text("  []\n")), kSource + "/geodata/profiles.json",
                                                      kSource + "/geodata/response_plans.json");
  return inputs;
}

struct DrillRunResult {
  std::vector<DrillEvent> events;
  nlohmann::json report;
};

inline DrillRunResult run(const Scenario& s, DrillOptions options = {}) {
  Drill d(s, demo().data, demo().roads, demo().book, options);
  DrillRunResult r;
  r.events = d.run_to_end();
  r.report = d.report();
  return r;
}

inline std::vector<DrillEvent> of_kind(const std::vector<DrillEvent>& events, const std::string& kind) {
  std::vector<DrillEvent> out;
  for (const DrillEvent& e : events)
    if (e.kind == kind) out.push_back(e);
  return out;
}

inline const nlohmann::json& incident(const nlohmann::json& report, const std::string& id) {
  for (const nlohmann::json& i : report["incidents"])
    if (i["id"] == id) return i;
  throw std::runtime_error("no incident " + id);
}

}  // namespace erde::test
