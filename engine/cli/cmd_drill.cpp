// `erde drill run <scenario> [--speed N] [--seed S] [--out DIR]`: a drill on a simulated clock,
// writing the after-action report (JSON + HTML) and the event log; `erde drill compare a.json
// b.json`: two reports side by side.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "cli/command.hpp"
#include "drill/compare.hpp"
#include "drill/drill.hpp"
#include "drill/drill_inputs.hpp"
#include "drill/report_html.hpp"
#include "util/data_paths.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace erde::cli {
namespace {

struct Options {
  std::string scenario, out = "drill-report", profiles = data_file("profiles.json"), plans, id;
  std::optional<double> speed;
  std::optional<uint64_t> seed;
  bool quiet = false;
  std::string a, b;
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw Error(path + ": cannot write");
  std::printf("wrote %s\n", path.c_str());
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot open");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": not JSON: " + e.what());
  }
}

void print_event(const DrillEvent& e) {
  std::printf("%s  %-22s %-14s %s%s\n", format_offset(e.t_ms).c_str(), e.topic.c_str(), e.kind.c_str(),
              printable_text(e.subject_id).c_str(), e.hidden ? "  [hidden inject]" : "");
}

int run(Options opt) {
  const Scenario scenario = load_scenario(opt.scenario);
  if (opt.id.empty()) opt.id = std::filesystem::path(opt.scenario).stem().string();
  const double speed = opt.speed.value_or(scenario.speed);
  if (speed < 0) throw Error("--speed must be 0 (as fast as possible) or positive");
  std::printf("drill %s: %s (%zu injects, seed %llu, %s)\n", printable_text(opt.id).c_str(), printable_text(scenario.title).c_str(),
              scenario.injects.size(), static_cast<unsigned long long>(opt.seed.value_or(scenario.seed)),
              speed > 0 ? ("x" + std::to_string(static_cast<long long>(speed)) + " real time").c_str()
                        : "as fast as possible");
  const DrillInputs in = load_drill_inputs(scenario, opt.profiles, opt.plans);
  Drill drill(scenario, in.data, in.roads, in.book, {opt.id, opt.seed});

  const auto wall_start = std::chrono::steady_clock::now();
  while (!drill.done()) {
    const int64_t next = drill.next_event_ms();
    if (speed > 0)
      std::this_thread::sleep_until(wall_start + std::chrono::microseconds(
                                                     static_cast<int64_t>(static_cast<double>(next) * 1000.0 / speed)));
    for (const DrillEvent& e : drill.advance_to(next))
      if (!opt.quiet) print_event(e);
  }
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  const nlohmann::json report = drill.report();
  const auto& t = report["totals"];
  std::printf("\n%zu incidents, %.1f %% within target, response median %.1f min, p90 %.1f min; "
              "%zu with unmet requirements; mean team utilisation %.1f %%; peak shelter occupancy %lld "
              "(simulated %s in %.2f s)\n",
              t["incidents"].get<size_t>(), t["share_within_target"].get<double>() * 100,
              t["response_s_median"].get<double>() / 60, t["response_s_p90"].get<double>() / 60,
              t["incidents_with_unmet_requirements"].get<size_t>(), t["mean_team_utilisation"].get<double>() * 100,
              static_cast<long long>(t["peak_shelter_occupancy"].get<int64_t>()),
              format_offset(t["duration_ms"].get<int64_t>()).c_str(), wall_s);

  std::filesystem::create_directories(opt.out);
  write_file(opt.out + "/report.json", report.dump(2) + "\n");
  write_file(opt.out + "/report.html", report_html(report, &in.roads->graph));
  std::string log;
  for (const DrillEvent& e : drill.log())
    log += nlohmann::json{{"t_ms", e.t_ms}, {"topic", e.topic}, {"kind", e.kind}, {"id", e.subject_id},
                          {"hidden", e.hidden}, {"data", e.data}}.dump() + "\n";
  write_file(opt.out + "/events.jsonl", log);
  return 0;
}

int compare(const Options& opt) {
  std::fputs(printable_lines(comparison_text(read_json(opt.a), read_json(opt.b), opt.a, opt.b)).c_str(), stdout);
  return 0;
}

const Registrar registrar{"drill", [](CLI::App& app) -> std::function<int()> {
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("drill", "Drill exercises (演练): run a scenario on a simulated clock, compare runs");
  cmd->require_subcommand(1);
  CLI::App* run_cmd = cmd->add_subcommand("run", "Run a scenario (scenarios/FORMAT.md) and write the after-action report");
  run_cmd->add_option("scenario", opt->scenario, "Scenario YAML file")->required();
  run_cmd->add_option("--speed", opt->speed, "Clock speed: 0 = as fast as possible, 1 = real time, 60 = a minute a second");
  run_cmd->add_option("--seed", opt->seed, "Random seed (overrides the scenario's)");
  run_cmd->add_option("--out", opt->out, "Report folder (report.json, report.html, events.jsonl)")->capture_default_str();
  run_cmd->add_option("--id", opt->id, "Drill id in every event topic (drill.<id>.…); default: the scenario file name");
  run_cmd->add_option("--profiles", opt->profiles, "Vehicle profiles file")->capture_default_str();
  run_cmd->add_option("--plans", opt->plans, "Response plans file (default geodata/response_plans.json)");
  run_cmd->add_flag("--quiet", opt->quiet, "Print only the summary, not every event");
  CLI::App* cmp = cmd->add_subcommand("compare", "Two after-action reports (report.json) side by side");
  cmp->add_option("a", opt->a, "First report.json")->required();
  cmp->add_option("b", opt->b, "Second report.json")->required();
  return [opt, run_cmd] { return run_cmd->parsed() ? run(*opt) : compare(*opt); };
}};

}  // namespace
}  // namespace erde::cli
