#include <memory>

#include "dispatch/road_times.hpp"
#include "drill/drill.hpp"
#include "service/dispatcher.hpp"
#include "service/domain_state.hpp"

namespace erde::service {

StateMachine make_domain_state_machine(Dataset data, std::shared_ptr<const RoadIndex> roads) {
  auto state = std::make_shared<DomainState>(make_domain_state(std::move(data)));
  if (roads) state->dispatch = make_dispatcher(std::move(roads));
  StateMachine m;
  m.kinds = {
      {"incident.submit", Role::dispatcher, true}, {"incident.update", Role::dispatcher, true},
      {"incident.close", Role::dispatcher, true},  {"incident.preempt", Role::dispatcher, true},
      {"team.status", Role::dispatcher, true},     {"event.share", Role::dispatcher, true},
      {"team.position", Role::dispatcher, true},   {"closure.add", Role::admin, true},
      {"closure.remove", Role::admin, true},       {"query.incident", Role::viewer, false},
      {"query.incidents", Role::viewer, false},    {"query.team", Role::viewer, false},
      {"query.teams", Role::viewer, false},        {"query.shelter", Role::viewer, false},
      {"query.shelters", Role::viewer, false},     {"query.depots", Role::viewer, false},
      {"query.closures", Role::viewer, false},     {"query.resources", Role::viewer, false},
      {"query.nearest", Role::viewer, false},      {"query.route", Role::viewer, false},
      {"query.plan", Role::viewer, false},
  };
  m.validate = [state](const Command& c) -> std::optional<RequestError> {
    try {
      run_domain_command(*state, c, false);
      return std::nullopt;
    } catch (const Rejected& e) {
      return e.error;
    }
  };
  m.apply = [state](const Command& c) { return run_domain_command(*state, c, true); };
  m.query = [state](const std::string& kind, const nlohmann::json& args) {
    return run_domain_query(*state, kind, args);
  };
  m.snapshot = [state] { return domain_snapshot(*state); };
  m.snapshot_page = [state](std::string_view after, size_t max_bytes) {
    return domain_snapshot_page(*state, after, max_bytes);
  };
  m.restore = [state](const nlohmann::json& s) { domain_restore(*state, s); };
  m.make_drill = [state](const Scenario& scenario, const DrillOptions& options) -> std::unique_ptr<Drill> {
    if (!state->dispatch) return nullptr;
    return std::make_unique<Drill>(scenario, state->data, state->dispatch->index,
                                   state->dispatch->book, options);
  };
  return m;
}

}  // namespace erde::service
