// libFuzzer target: arbitrary bytes as a drill scenario (scenarios/FORMAT.md) through
// parse_scenario. A refusal is an erde::Error; anything else escaping (another exception, a crash,
// a sanitizer report) fails. A scenario that parses must keep the format's promises: offsets are
// non-negative and in file order after sorting, numbers are finite, coordinates are WGS84.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <variant>

#include "drill/scenario.hpp"
#include "util/error.hpp"

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_scenario: parsed scenario breaks a promise: %s\n", what);
  std::abort();
}

void check_finite(double v, const char* what) { require(std::isfinite(v) && v >= 0, what); }

void check_place(const erde::DrillPlace& p) {
  if (p.by != erde::DrillPlace::By::coordinates) return;  // named: resolved when the drill starts
  require(p.at.lon >= -180 && p.at.lon <= 180 && p.at.lat >= -90 && p.at.lat <= 90, "coordinates in WGS84");
}

void check(const erde::Scenario& s) {
  check_finite(s.speed, "speed finite and >= 0");
  check_finite(s.turnout_s, "turnout finite and >= 0");
  require(s.on_scene_jitter >= 0 && s.on_scene_jitter < 1, "on_scene_jitter in [0, 1)");
  for (double v : s.on_scene_s) check_finite(v, "on-scene time finite and >= 0");
  for (double v : s.target_s) check_finite(v, "response target finite and >= 0");
  int64_t last = 0;
  for (const erde::Inject& in : s.injects) {
    require(in.at_ms >= 0, "inject offset >= 0");
    require(in.at_ms >= last, "injects sorted by offset");
    last = in.at_ms;
    (void)erde::format_offset(in.at_ms);
    (void)erde::inject_kind(in.body);
    if (const auto* i = std::get_if<erde::IncidentInject>(&in.body)) {
      require(!i->id.empty(), "incident id");
      check_place(i->place);
    } else if (const auto* c = std::get_if<erde::ClosureInject>(&in.body)) {
      require(!c->id.empty(), "closure id");
      if (c->centre) {
        check_place(*c->centre);
        require(std::isfinite(c->radius_m) && c->radius_m > 0, "closure radius finite and > 0");
      } else {
        require(c->polygon.size() >= 3, "closure polygon of >= 3 corners");
      }
      if (c->reopen_ms) require(*c->reopen_ms > in.at_ms, "reopen after the closure");
    } else if (const auto* t = std::get_if<erde::TeamUnavailableInject>(&in.body)) {
      if (t->until_ms) require(*t->until_ms > in.at_ms, "back on duty after the inject");
    } else if (const auto* l = std::get_if<erde::StockLostInject>(&in.body)) {
      if (l->quantity) check_finite(*l->quantity, "lost quantity finite and >= 0");
    } else if (const auto* a = std::get_if<erde::SensorAlertInject>(&in.body)) {
      check_place(a->place);
      require(std::isfinite(a->level_m) && std::isfinite(a->threshold_m), "sensor levels finite");
      require(std::isfinite(a->radius_m) && a->radius_m > 0, "sensor radius finite and > 0");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    check(erde::parse_scenario(text, "fuzz.yaml", "/scenarios"));
  } catch (const erde::Error&) {
    // the documented refusal of a bad scenario
  }
  return 0;
}
