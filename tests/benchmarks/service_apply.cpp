// The service's command work without sockets, journal or subscribers: the domain state machine
// (make_domain_state_machine, as `erde serve` builds it on the demo district) validates and
// applies incident.submit and incident.close as bench_service_load sends them (each incident
// closed 50 commands after it was submitted, so at most 50 are open), and every update is
// written out as the publisher would. Every iteration is one command; p50/p99 per command are
// reported in microseconds (wall and this thread's CPU). What bench_service_load adds on top is
// the wire, CURVE, the journal's fsync and the 20 subscribers.
//
// For instruction counts on a noisy machine:
//   valgrind --tool=callgrind build/tests/benchmarks/bench_service_apply --benchmark_filter=submit_close/iterations:300
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <random>

#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "service/domain_state.hpp"

namespace erde {
namespace {

using nlohmann::json;

double thread_cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

// The load generator's commands, in its order: submits at risk points (jittered by up to
// ±0.001°), each closed once 50 more were submitted.
struct Commands {
  std::mt19937 rng{42};
  std::vector<LonLat> places;
  std::deque<std::string> open;
  size_t since_close = 0;
  uint64_t next_id = 1;
  int64_t at_ms = 1'700'000'000'000;

  service::Command next() {
    service::Command c;
    c.at_ms = (at_ms += 1);
    c.by = "bench";
    if (!open.empty() && (open.size() >= 50 || since_close >= 50)) {
      c.kind = "incident.close";
      c.args = {{"id", open.front()}, {"reason", "resolved"}};
      open.pop_front();
      since_close = 0;
      return c;
    }
    static const char* types[] = {"fire", "waterlogging", "traffic_accident", "gas_explosion", "hazchem_leak"};
    static const char* severities[] = {"general", "large"};
    const LonLat p = places[rng() % places.size()];
    const double dlon = static_cast<double>(rng() % 2001) * 1e-6 - 1e-3, dlat = static_cast<double>(rng() % 2001) * 1e-6 - 1e-3;
    c.kind = "incident.submit";
    c.args = {{"type", types[rng() % 5]}, {"severity", severities[rng() % 2]},
              {"location", {{"lon", p.lon + dlon}, {"lat", p.lat + dlat}}}};
    ++since_close;
    return c;
  }
};

// The update that says a submitted incident is open (its id is what a close names).
bool opens(const service::Command& c, const service::Update& u) {
  return c.kind == "incident.submit" && u.topic.starts_with("incident.") && u.body.is_object() &&
         u.body.value("status", "") == "open";
}

void submit_close(benchmark::State& state) {
  const std::string file = ERDE_SOURCE_DIR "/geodata/demo/demo.gpkg";
  LoadOptions options;
  options.progress = false;
  Dataset data = load_sources({file}, options).data;
  Commands commands;
  for (const RiskPoint& r : data.risk_points) commands.places.push_back(r.location);
  service::StateMachine machine = service::make_domain_state_machine(
      std::move(data), open_dispatch_index(file, ERDE_SOURCE_DIR "/geodata/profiles.json", 500));
  // Warm up to the steady state: 50 incidents open.
  for (int i = 0; i < 200; ++i) {
    service::Command c = commands.next();
    if (auto refusal = machine.validate(c)) {
      state.SkipWithError(refusal->message.c_str());
      return;
    }
    for (service::Update& u : machine.apply(c))
      if (opens(c, u)) commands.open.push_back(u.body.at("id").get<std::string>());
  }
  std::vector<double> wall, cpu;
  size_t updates = 0, bytes = 0;
  for (auto _ : state) {
    service::Command c = commands.next();
    const auto w0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_us();
    if (auto refusal = machine.validate(c)) {
      state.SkipWithError(refusal->message.c_str());
      return;
    }
    std::vector<service::Update> out = machine.apply(c);
    std::string opened;
    for (service::Update& u : out) {
      if (opened.empty() && opens(c, u)) opened = u.body.at("id").get<std::string>();
      bytes += service::update_text(u).size();
    }
    cpu.push_back(thread_cpu_us() - c0);
    wall.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - w0).count());
    if (!opened.empty()) commands.open.push_back(opened);
    updates += out.size();
  }
  state.counters["cpu_p50_us"] = percentile(cpu, 0.5);
  state.counters["cpu_p99_us"] = percentile(cpu, 0.99);
  state.counters["p50_us"] = percentile(wall, 0.5);
  state.counters["p99_us"] = percentile(wall, 0.99);
  state.counters["updates_per_command"] = static_cast<double>(updates) / static_cast<double>(cpu.size());
  state.counters["bytes_per_command"] = static_cast<double>(bytes) / static_cast<double>(cpu.size());
}

BENCHMARK(submit_close)->Iterations(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(submit_close)->Iterations(300)->Unit(benchmark::kMicrosecond);  // short, for callgrind

}  // namespace
}  // namespace erde

BENCHMARK_MAIN();
