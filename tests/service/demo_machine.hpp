#pragma once
// The domain state machine on the demo district with its roads (dispatch on), without sockets:
// commands are validated and applied as the service does.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "service/domain_state.hpp"

namespace erde::service::testing {

inline const std::string kDemoGpkg = ERDE_SOURCE_DIR "/geodata/demo/demo.gpkg";

inline const Dataset& demo_dataset() {
  static const Dataset data = load_sources({kDemoGpkg}, {}).data;
  return data;
}

inline LonLat demo_risk_point(RiskKind kind) {
  for (const RiskPoint& p : demo_dataset().risk_points)
    if (p.kind == kind) return p.location;
  ADD_FAILURE() << "demo has no such risk point";
  return {};
}

inline nlohmann::json at(LonLat p) { return {{"lon", p.lon}, {"lat", p.lat}}; }

inline const std::shared_ptr<const RoadIndex>& demo_road_index() {
  static const std::shared_ptr<const RoadIndex> index =
      open_dispatch_index(kDemoGpkg, ERDE_SOURCE_DIR "/geodata/profiles.json", 500);
  return index;
}

struct DemoMachine {
  // The demo district's data set, or one made from it (fewer teams, say), on the demo roads.
  explicit DemoMachine(Dataset data = demo_dataset()) : m(make_domain_state_machine(std::move(data), demo_road_index())) {}
  StateMachine m;
  int64_t now = 1763900000000;

  // The refusal's code, or "" when the command was applied; its updates in *updates.
  std::string run(const std::string& kind, const nlohmann::json& args, std::vector<Update>* updates = nullptr) {
    Command c{kind, args, now++, "tester"};
    if (auto e = m.validate(c)) {
      last_error = *e;
      return e->code;
    }
    auto u = m.apply(c);
    if (updates) *updates = u;
    return "";
  }
  nlohmann::json state() { return m.snapshot(); }
  nlohmann::json find(const char* collection, const std::string& id) {
    const nlohmann::json snapshot = state();
    for (const auto& e : snapshot[collection])
      if (e["id"] == id) return e;
    return nullptr;
  }
  nlohmann::json plan(const std::string& incident) { return state()["plans"].value(incident, nlohmann::json()); }
  nlohmann::json query(const std::string& kind, const nlohmann::json& args) {
    return std::get<nlohmann::json>(m.query(kind, args));
  }
  nlohmann::json team(const std::string& id) { return query("query.team", {{"id", id}}); }
  RequestError last_error;
};

}  // namespace erde::service::testing
