#include "service/drill_runner.hpp"

#include <algorithm>

#include "drill/drill.hpp"
#include "drill/scenario.hpp"
#include "service/args.hpp"
#include "util/error.hpp"

namespace erde::service {

using nlohmann::json;
using Steady = std::chrono::steady_clock;

struct DrillRunner::Running {
  std::unique_ptr<Drill> drill;
  std::optional<Journal> journal;
  std::string scenario;  // the path it was started from
  std::string title;
  double speed = 0;
  Steady::time_point started;
  uint64_t published = 0;
  std::string failure;  // why it stopped early; empty while all is well
};

namespace {

constexpr double kMaxSpeed = 100000;

struct DrillKind {
  std::string_view kind;
  Role role;
};
constexpr DrillKind kDrillKinds[] = {
    {"drill.start", Role::admin}, {"drill.stop", Role::admin}, {"query.drill", Role::viewer}};

// Letters, digits, '-' and '_': the id names a file.
std::string read_drill_id(const json& value, std::string_view path) {
  std::string id = read_id(value, path);
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      reject(code::bad_value, "a drill id holds only letters, digits, '-' and '_'", std::string(path));
  return id;
}

json event_json(const DrillEvent& e, const std::string& drill_id) {
  return {{"drill", true},       {"drill_id", drill_id}, {"t_ms", e.t_ms},   {"topic", e.topic},
          {"kind", e.kind},      {"subject_id", e.subject_id}, {"hidden", e.hidden}, {"data", e.data}};
}

}  // namespace

DrillRunner::DrillRunner(decltype(StateMachine::make_drill) make_drill, std::filesystem::path scenarios_dir,
                         std::filesystem::path journal_dir, Clock clock, Log log)
    : make_drill_(std::move(make_drill)),
      scenarios_dir_(std::move(scenarios_dir)),
      journal_dir_(std::move(journal_dir)),
      clock_(std::move(clock)),
      log_(std::move(log)) {}

DrillRunner::~DrillRunner() = default;

bool DrillRunner::handles(std::string_view kind) {
  for (const auto& k : kDrillKinds)
    if (k.kind == kind) return true;
  return false;
}

std::string DrillRunner::handle(const Request& request, const Caller& caller, uint64_t seq) {
  Role needed = Role::admin;
  for (const auto& k : kDrillKinds)
    if (k.kind == request.kind) needed = k.role;
  if (!allows(caller.role, needed)) {
    log_("refused " + request.kind + " from " + caller.name + " (" + std::string(role_name(caller.role)) +
         "; needs " + std::string(role_name(needed)) + ")");
    return encode_error(request.id, {code::forbidden,
                                     request.kind + " needs the " + std::string(role_name(needed)) + " role",
                                     "kind"});
  }
  if (!request.idempotency_key.empty() && request.kind != "query.drill")
    // Drills are not journaled, so a key could not be remembered: a retry would start a second
    // drill. An explicit `id` makes the retry a conflict instead.
    return encode_error(request.id, {code::bad_request,
                                     request.kind + " takes no idempotency_key (drills are not journaled); "
                                                    "give drill.start an id and a retry is refused as a conflict",
                                     "idempotency_key"});
  try {
    json result;
    if (request.kind == "drill.start") result = start(request, caller);
    else if (request.kind == "drill.stop") result = stop(request.args);
    else result = query(request.args);
    return encode_ok(request.id, seq, result);
  } catch (const Rejected& e) {
    return encode_error(request.id, e.error);
  } catch (const std::exception& e) {
    log_(std::string("internal error on ") + request.kind + ": " + e.what());
    return encode_error(request.id, {code::internal, "internal error", ""});
  }
}

namespace {

// The file `name` ("typhoon_night", "typhoon_night.yaml", "city/flood.yaml") names inside the
// scenarios folder; a name that leads outside it (an absolute path, "..", a symbolic link) is
// refused, so an admin key cannot make the server read any file on its disk.
std::filesystem::path scenario_file(const std::filesystem::path& dir, const std::string& name) {
  namespace fs = std::filesystem;
  if (dir.empty()) reject(code::unavailable, "this server has no scenarios folder", "args.scenario");
  fs::path relative(name);
  if (name.empty() || relative.has_root_path())
    reject(code::bad_value, "names a scenario file in the server's scenarios folder, e.g. \"typhoon_night\"",
           "args.scenario");
  if (!relative.has_extension()) relative += ".yaml";
  std::error_code error;
  const fs::path root = fs::weakly_canonical(dir, error);
  const fs::path file = error ? fs::path() : fs::weakly_canonical(dir / relative, error);
  const bool inside = !error && std::mismatch(root.begin(), root.end(), file.begin(), file.end()).first == root.end();
  if (!inside) reject(code::bad_value, "scenario '" + name + "' is not inside the scenarios folder", "args.scenario");
  return file;
}

}  // namespace

json DrillRunner::start(const Request& request, const Caller& caller) {
  const json& a = request.args;
  allow_only(a, {"scenario", "id", "speed", "seed"}, "args");
  const std::string name = read_text(required(a, "scenario", "args"), "args.scenario", 4096);
  std::string id = std::to_string(clock_());
  id.insert(0, 1, 'D');  // (not "D" + …: GCC 12 warns falsely, -Wrestrict)
  if (const json* v = optional(a, "id")) id = read_drill_id(*v, "args.id");
  if (drills_.count(id)) reject(code::conflict, "drill " + id + " exists already", "args.id");
  std::optional<double> speed;
  if (const json* v = optional(a, "speed")) speed = read_number(*v, "args.speed", 0, kMaxSpeed);
  DrillOptions options{id, std::nullopt};
  if (const json* v = optional(a, "seed"))
    options.seed = static_cast<uint64_t>(read_integer(*v, "args.seed", 0, int64_t{1} << 53));
  if (!make_drill_)
    reject(code::unavailable, "drills need the server started with --data (roads)", "kind");
  const std::string path = scenario_file(scenarios_dir_, name).string();

  Scenario scenario;
  try {
    scenario = load_scenario(path);
  } catch (const Error& e) {
    reject(code::bad_value, "cannot load scenario " + name + ": " + e.what(), "args.scenario");
  }
  auto r = std::make_unique<Running>();
  try {
    r->drill = make_drill_(scenario, options);
  } catch (const Error& e) {
    reject(code::bad_value, "scenario " + name + " does not fit the served data: " + e.what(), "args.scenario");
  }
  if (!r->drill) reject(code::unavailable, "drills need the server started with --data (roads)", "kind");
  r->scenario = path;
  r->title = scenario.title;
  r->speed = speed.value_or(scenario.speed);

  if (!journal_dir_.empty()) {
    auto file = journal_dir_ / ("drill-" + id + ".journal");
    if (std::filesystem::exists(file))
      reject(code::conflict, file.string() + " exists already; choose another drill id", "args.id");
    r->journal.emplace(file);
    r->journal->append(json{{"kind", request.kind}, {"args", a}, {"at", clock_()}, {"by", caller.name},
                            {"speed", r->speed}}
                           .dump());
  }
  r->started = Steady::now();
  json briefing = json::array();
  for (const auto& e : r->drill->briefing()) briefing.push_back(event_json(e, id));
  log_("drill " + id + " started by " + caller.name + " from " + path);
  drills_.emplace(id, std::move(r));
  json status = query({{"id", id}});
  status.erase("report");
  status["briefing"] = std::move(briefing);
  return status;
}

json DrillRunner::stop(const json& args) {
  allow_only(args, {"id"}, "args");
  std::string id = read_id(required(args, "id", "args"), "args.id");
  auto it = drills_.find(id);
  if (it == drills_.end()) reject(code::unknown_id, "no drill " + id, "args.id");
  json status = query({{"id", id}});
  status["stopped"] = true;
  drills_.erase(it);
  log_("drill " + id + " stopped");
  return status;
}

json DrillRunner::query(const json& args) const {
  allow_only(args, {"id"}, "args");
  auto status_of = [](const std::string& id, const Running& r) {
    const Drill& d = *r.drill;
    json s = {{"id", id},
              {"scenario", r.scenario},
              {"title", r.title},
              {"speed", r.speed},
              {"status", !r.failure.empty() ? "failed" : d.done() ? "finished" : "running"},
              {"now_ms", d.now_ms()},
              {"next_event_ms", d.done() ? json(nullptr) : json(d.next_event_ms())},
              {"events", r.published},
              {"journal", r.journal ? json(r.journal->path().string()) : json(nullptr)}};
    if (!r.failure.empty()) s["failure"] = r.failure;
    return s;
  };
  if (const json* v = optional(args, "id")) {
    std::string id = read_id(*v, "args.id");
    auto it = drills_.find(id);
    if (it == drills_.end()) reject(code::unknown_id, "no drill " + id, "args.id");
    json s = status_of(id, *it->second);
    s["report"] = it->second->drill->report();
    return s;
  }
  json list = json::array();
  for (const auto& [id, r] : drills_) list.push_back(status_of(id, *r));
  return {{"drills", list}};
}

void DrillRunner::tick(ServiceCore& core, std::vector<Published>& out) {
  for (auto& [id, r] : drills_)
    if (r->failure.empty() && !r->drill->done()) tick_one(id, *r, core, out);
}

void DrillRunner::tick_one(const std::string& id, Running& r, ServiceCore& core, std::vector<Published>& out) {
  std::vector<DrillEvent> events;
  try {
    if (r.speed == 0) {
      events = r.drill->run_to_end();
    } else {
      double wall_ms = std::chrono::duration<double, std::milli>(Steady::now() - r.started).count();
      events = r.drill->advance_to(static_cast<int64_t>(wall_ms * r.speed));
    }
  } catch (const std::exception& e) {
    r.failure = std::string("simulation: ") + e.what();  // live service goes on
    log_("drill " + id + " stopped: " + r.failure);
    return;
  }
  if (events.empty()) return;
  uint64_t first = 0;
  try {
    first = core.reserve_seq(events.size(), id);
  } catch (const std::exception& e) {
    r.failure = std::string("live journal: ") + e.what();
    log_("drill " + id + " stopped: " + r.failure);
    return;
  }
  for (size_t k = 0; k < events.size(); ++k) {
    uint64_t seq = first + k;
    json body = event_json(events[k], id);
    if (r.journal && !r.journal->broken()) {
      try {
        r.journal->write(json{{"seq", seq}, {"event", body}}.dump());
      } catch (const std::exception& e) {
        log_("drill " + id + ": " + e.what());  // the events still fill their numbers
      }
    }
    out.push_back({seq, events[k].topic, body.dump(-1, ' ', false, json::error_handler_t::replace)});
  }
  r.published += events.size();
  if (r.journal && !r.journal->broken()) {
    try {
      r.journal->sync();
    } catch (const std::exception& e) {
      log_("drill " + id + ": " + e.what());
    }
  }
}

}  // namespace erde::service
