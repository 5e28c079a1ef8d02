#pragma once
// A drill scenario (演练脚本): the data set, the clock and a timeline of injects at offsets from
// the start. Read from YAML (scenarios/FORMAT.md); every error names the file, line and field.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/geometry.hpp"
#include "model/vocabulary.hpp"

namespace erde {

// Where an inject happens: coordinates, or a named risk point / administrative area of the
// data set, resolved when the drill starts.
struct DrillPlace {
  enum class By : uint8_t { coordinates, risk_point, area };
  By by = By::coordinates;
  LonLat at;
  std::string name;  // risk point or area: its id or its name
  int line = 0;      // in the scenario file, for errors found while resolving
};

struct IncidentInject {
  std::string id;
  IncidentType type = IncidentType::fire;
  Severity severity = Severity::general;
  DrillPlace place;
};

struct ClosureInject {
  std::string id;
  ClosureCause cause = ClosureCause::other;
  std::optional<DrillPlace> centre;  // with radius_m: a closed circle
  double radius_m = 0;
  std::vector<LonLat> polygon;       // or a closed polygon (outer ring)
  std::optional<int64_t> reopen_ms;  // offset at which the road opens again
};

struct TeamUnavailableInject {
  std::string team;                  // id or name
  std::optional<int64_t> until_ms;   // back on duty at its base at this offset
  std::string reason;
};

struct StockLostInject {
  std::string depot;                 // id or name
  Material material = Material::sandbag;
  std::optional<double> quantity;    // none: all of it
};

struct ShelterClosedInject {
  std::string shelter;               // id or name
  std::string reason;
};

struct SensorAlertInject {
  std::string sensor;
  DrillPlace place;
  double level_m = 0;
  double threshold_m = 0;
  double radius_m = 0;               // roads closed around the sensor when over threshold
};

using InjectBody = std::variant<IncidentInject, ClosureInject, TeamUnavailableInject, StockLostInject,
                                ShelterClosedInject, SensorAlertInject>;

struct Inject {
  int64_t at_ms = 0;   // offset from the drill start
  bool hidden = false; // double-blind (双盲): never announced before it happens
  int line = 0;
  InjectBody body;
};

inline constexpr size_t kIncidentTypes = EnumTable<IncidentType>::entries.size();

struct Scenario {
  std::string source;         // file name, for messages
  std::string title;
  std::string data;           // resource sources (resolved against the scenario's folder)
  std::string roads;          // road source; defaults to `data`
  std::string start;          // ISO 8601 local start time, as written
  double speed = 0;           // 0: as fast as possible; 60: one simulated minute per second
  uint64_t seed = 1;
  double turnout_s = 60;      // from the plan to the team leaving its base (出动)
  double on_scene_jitter = 0; // on-scene time drawn uniformly in ±jitter share (seeded)
  std::array<double, kIncidentTypes> on_scene_s{};  // per incident type
  std::array<double, kIncidentTypes> target_s{};    // response-time target per incident type
  std::vector<Inject> injects;                      // by offset, then file order
};

// Parses YAML text; `source` names it in errors ("typhoon.yaml:12: injects[3].severity: ...").
// Relative data paths are resolved against `base_dir`.
Scenario parse_scenario(const std::string& text, const std::string& source, const std::string& base_dir = "");
Scenario load_scenario(const std::string& path);

std::string_view inject_kind(const InjectBody& body);
// "01:05:30" for an offset in ms.
std::string format_offset(int64_t ms);

}  // namespace erde
