// libFuzzer target: arbitrary bytes as the two JSON data files a bureau edits, each read through
// its real loader from a file: the response plans (预案, docs/RESPONSE_PLANS.md) with
// load_response_plans, and the vehicle profiles (geodata/PROFILES.md) with load_profiles, whose
// profiles then weigh a small road graph (edge_weights). Every input goes to both loaders, so
// either file's seeds reach the other's refusals too. A refusal is an erde::Error; anything else
// escaping (another exception, a crash, a sanitizer report) fails, as does a loaded file that
// breaks the format's promises.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dispatch/response_plan.hpp"
#include "graph/profile.hpp"
#include "graph/road_graph_builder.hpp"
#include "util/error.hpp"

namespace {

namespace fs = std::filesystem;

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_plan_files: loaded file breaks a promise: %s\n", what);
  std::abort();
}

// A temporary folder for the file under test, with a no-go polygon file that profiles may name
// ("no_go_files": ["no_go.geojson"]); removed at exit.
struct Workspace {
  fs::path dir;
  fs::path file;
  Workspace() {
    std::string tmpl = (fs::temp_directory_path() / "erde-fuzz-plans-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    dir = tmpl;
    file = dir / "plans.json";
    std::ofstream(dir / "no_go.geojson")
        << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},)"
           R"("features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":)"
           R"([[[8.6905,49.4095],[8.6915,49.4095],[8.6915,49.4105],[8.6905,49.4105],[8.6905,49.4095]]]}}]})";
  }
  ~Workspace() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Workspace& workspace() {
  static Workspace w;
  return w;
}

// A small town: a two-way square with a one-way, a tunnel, a private and a footway edge.
const erde::RoadGraph& town() {
  static const erde::RoadGraph g = [] {
    using namespace erde;
    RoadGraphBuilder b;
    auto at = [](double x, double y) { return LonLat{8.69 + 0.001 * x, 49.41 + 0.001 * y}; };
    NodeId n[5] = {b.add_node(at(0, 0)), b.add_node(at(1, 0)), b.add_node(at(1, 1)), b.add_node(at(0, 1)),
                   b.add_node(at(2, 2))};
    auto seg = [&](NodeId from, NodeId to, RoadClass c, int64_t id, Oneway o, uint8_t flags, uint8_t maxspeed) {
      SegmentSpec s;
      s.from = n[from];
      s.to = n[to];
      s.road_class = c;
      s.oneway = o;
      s.flags = flags;
      s.maxspeed_kmh = maxspeed;
      s.source_id = id;
      b.add_segment(s);
    };
    seg(0, 1, RoadClass::primary, 1, Oneway::no, 0, 50);
    seg(1, 2, RoadClass::residential, 2, Oneway::forward, 0, 0);
    seg(2, 3, RoadClass::motorway, 3, Oneway::no, edge_flag::kTunnel, 0);
    seg(3, 0, RoadClass::service, 4, Oneway::no, edge_flag::kPrivate, 0);
    seg(2, 4, RoadClass::footway, 5, Oneway::no, edge_flag::kNoMotorVehicles, 0);
    return std::move(b).build();
  }();
  return g;
}

void check_plans(const erde::ResponsePlanBook& book) {
  for (const auto& by_type : book.plans)
    for (const erde::ResponsePlan& p : by_type) {
      require(std::isfinite(p.warning_radius_m) && p.warning_radius_m >= 0, "warning radius finite and >= 0");
      if (p.evacuation_radius_m)
        require(std::isfinite(*p.evacuation_radius_m) && *p.evacuation_radius_m > 0 &&
                    *p.evacuation_radius_m <= p.warning_radius_m,
                "evacuation radius in (0, warning radius]");
      for (const auto& t : p.teams) require(t.count > 0 && t.count <= 1000, "team count 1..1000");
      for (const auto& m : p.materials) require(std::isfinite(m.quantity) && m.quantity > 0, "material quantity > 0");
    }
}

void check_profiles(const std::vector<erde::Profile>& profiles) {
  for (const erde::Profile& p : profiles) {
    bool any = false;
    for (double s : p.speed_kmh) {
      require(std::isfinite(s) && s >= 0 && s <= 300, "speed 0..300 km/h");
      any = any || s > 0;
    }
    require(any, "a profile allows some road class");
    require(std::isfinite(p.max_speed_kmh) && p.max_speed_kmh >= 0 && p.max_speed_kmh <= 300, "max speed 0..300");
    erde::ProfileReport report;
    const std::vector<uint32_t> w = erde::edge_weights(town(), p, &report);
    require(w.size() == town().edge_count(), "one weight per edge");
    require(report.usable_edges <= town().edge_count(), "usable edges counted once");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)workspace();
  (void)town();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Workspace& w = workspace();
  {
    std::ofstream out(w.file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    check_plans(erde::load_response_plans(w.file));
  } catch (const erde::Error&) {
    // the documented refusal of a bad plan file
  }
  try {
    check_profiles(erde::load_profiles(w.file.string()));
  } catch (const erde::Error&) {
    // the documented refusal of a bad profile file
  }
  return 0;
}
