#pragma once
// Drills inside the service (docs/PROTOCOL.md, "Drills"): drill.start, drill.stop and
// query.drill are handled here, beside the live state machine and never by it. A drill runs on
// the machine's copies of data and roads; its events are published on "drill.<id>.…" topics
// under the next live sequence numbers (ServiceCore::reserve_seq journals a marker so live
// replay keeps the numbering), and its own records go to drill-<id>.journal next to the live
// journal. Nothing of a drill is replayed: a restart forgets running drills.
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/journal.hpp"
#include "service/log.hpp"
#include "service/request.hpp"
#include "service/service_core.hpp"

namespace erde::service {

class DrillRunner {
 public:
  // drill.start names a scenario file inside `scenarios_dir` (empty: drills cannot start).
  // `journal_dir` empty: drills keep no journal. `make_drill` may be empty (no roads).
  DrillRunner(decltype(StateMachine::make_drill) make_drill, std::filesystem::path scenarios_dir,
              std::filesystem::path journal_dir, Clock clock, Log log);
  ~DrillRunner();
  DrillRunner(const DrillRunner&) = delete;
  DrillRunner& operator=(const DrillRunner&) = delete;

  static bool handles(std::string_view kind);
  // The reply to a drill request; `seq` is the live sequence number it reports. Never throws.
  std::string handle(const Request& request, const Caller& caller, uint64_t seq);
  // Advances every running drill to its simulated time (wall time since its start × speed;
  // speed 0: to the end), numbers its new events through `core` and appends them to `out`.
  void tick(ServiceCore& core, std::vector<Published>& out);

  struct Running;

 private:
  nlohmann::json start(const Request& request, const Caller& caller);
  nlohmann::json stop(const nlohmann::json& args);
  nlohmann::json query(const nlohmann::json& args) const;
  void tick_one(const std::string& id, Running& r, ServiceCore& core, std::vector<Published>& out);

  decltype(StateMachine::make_drill) make_drill_;
  std::filesystem::path scenarios_dir_;
  std::filesystem::path journal_dir_;
  Clock clock_;
  Log log_;
  std::map<std::string, std::unique_ptr<Running>> drills_;
};

}  // namespace erde::service
