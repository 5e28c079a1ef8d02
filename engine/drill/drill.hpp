#pragma once
// A drill (演练) on a simulated clock: the scenario's injects happen at their offsets, the
// dispatch engine plans every incident, teams drive their road routes in simulated time, stay on
// scene, and drive back; closures reroute teams already on the road. Deterministic for a seed.
//
// Driving it: advance_to(t) processes every event up to simulated offset t and returns the
// records it produced, so a caller can run as fast as possible (run_to_end), pace it against a
// wall clock (`erde drill run --speed 60`), or publish each record (the service, on the topic in
// the record). The drill never touches live state: it works on its own copies of the data set,
// its live roads and the ledger.
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dispatch/response_plan.hpp"
#include "dispatch/road_times.hpp"
#include "drill/scenario.hpp"
#include "model/dataset.hpp"

namespace erde {

// One record of what happened; `topic` is "drill.<drill id>.<subject>" with subject one of
// incident, team, road, resource, sensor, clock.
struct DrillEvent {
  int64_t t_ms = 0;        // simulated offset from the drill start
  std::string topic;
  std::string kind;        // reported, planned, dispatched, departed, arrived, cleared, home, rerouted, ...
  std::string subject_id;  // incident, team, closure, depot, shelter or sensor id
  bool hidden = false;     // from a double-blind inject
  nlohmann::json data;     // the details, per kind (docs/DRILLS.md)
};

inline constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

struct DrillOptions {
  std::string id = "drill";  // the drill id in every topic
  std::optional<uint64_t> seed;  // overrides the scenario's seed
};

class Drill {
 public:
  // Copies what it changes (dataset, ledger) and drives on its own live roads over the shared
  // `roads` index, so its closures never reach live operations. Throws erde::Error naming the
  // scenario line for a closure that would close no road.
  Drill(const Scenario& scenario, const Dataset& data, std::shared_ptr<const RoadIndex> roads,
        const ResponsePlanBook& book, DrillOptions options = {});
  ~Drill();
  Drill(const Drill&) = delete;
  Drill& operator=(const Drill&) = delete;

  const std::string& id() const;
  int64_t now_ms() const;
  // Offset of the next event, kNever when the drill is over.
  int64_t next_event_ms() const;
  bool done() const { return next_event_ms() == kNever; }
  // Processes every event at offsets <= t_ms; returns the records made, in order.
  std::vector<DrillEvent> advance_to(int64_t t_ms);
  std::vector<DrillEvent> run_to_end();
  // Every record so far.
  const std::vector<DrillEvent>& log() const;
  // What participants may see before the start: the injects that are not hidden.
  std::vector<DrillEvent> briefing() const;
  // The after-action report (docs/DRILLS.md): per incident, per team, totals.
  nlohmann::json report() const;

  struct State;

 private:
  std::unique_ptr<State> s_;
};

}  // namespace erde
