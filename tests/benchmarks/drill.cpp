// Drill benchmark: a generated 24-hour day with 1,000 incidents (plus 20 road closures and 10
// teams going off duty) on the demo district, run as fast as possible. One iteration is one whole
// drill (planning every incident, moving every team, the report); median and p99 over the
// repetitions. Target: <= 10 s.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "drill/drill.hpp"
#include "drill/drill_inputs.hpp"
#include "drill/generate.hpp"

namespace erde {
namespace {

const std::string kSource = ERDE_SOURCE_DIR;

const DrillInputs& demo() {
  static const DrillInputs inputs = [] {
    Scenario s;
    s.source = "bench";
    s.data = s.roads = kSource + "/geodata/demo/demo.gpkg";
    return load_drill_inputs(s, kSource + "/geodata/profiles.json");
  }();
  return inputs;
}

void BM_DrillDay1000(benchmark::State& state) {
  const DrillInputs& in = demo();
  const Scenario s = generated_scenario(in.data, kSource + "/geodata/demo/demo.gpkg", 1000, 24, 20240916);
  size_t events = 0, within = 0;
  for (auto _ : state) {
    Drill d(s, in.data, in.roads, in.book);
    events = d.run_to_end().size();
    const nlohmann::json report = d.report();
    within = report["totals"]["within_target"].get<size_t>();
    benchmark::DoNotOptimize(report);
  }
  state.counters["events"] = static_cast<double>(events);
  state.counters["within_target"] = static_cast<double>(within);
}

double p99(const std::vector<double>& v) {
  std::vector<double> s = v;
  std::sort(s.begin(), s.end());
  return s.empty() ? 0 : s[std::min(s.size() - 1, static_cast<size_t>(0.99 * static_cast<double>(s.size())))];
}

BENCHMARK(BM_DrillDay1000)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Repetitions(5)
    ->ComputeStatistics("p99", p99);

}  // namespace
}  // namespace erde

BENCHMARK_MAIN();
