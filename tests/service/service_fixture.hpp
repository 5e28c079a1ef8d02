#pragma once
// Shared pieces of the service tests: a temporary directory, an in-process server on ipc
// endpoints, and JSON helpers.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "service/client.hpp"
#include "service/domain_state.hpp"
#include "service/sample_dataset.hpp"
#include "service/server.hpp"

namespace erde::service::testing {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "erde-service-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string ipc(const std::string& name) const { return "ipc://" + (path / name).string(); }
};

// Collects log lines from any thread.
struct LogSink {
  std::mutex mutex;
  std::vector<std::string> lines;
  Log log() {
    return [this](const std::string& line) {
      std::lock_guard lock(mutex);
      lines.push_back(line);
    };
  }
  bool contains(const std::string& text) {
    std::lock_guard lock(mutex);
    for (const auto& l : lines)
      if (l.find(text) != std::string::npos) return true;
    return false;
  }
};

// The domain state machine driven directly, without sockets or journal, at a ticking clock.
struct DirectMachine {
  StateMachine m = make_domain_state_machine(sample_dataset());
  int64_t now = 1000;

  // Applies when valid; returns the refusal code or "" and the updates.
  std::string run(const std::string& kind, const nlohmann::json& args, std::vector<Update>* updates = nullptr) {
    Command c{kind, args, now++, "tester"};
    if (auto e = m.validate(c)) return e->code;
    auto u = m.apply(c);
    if (updates) *updates = u;
    return "";
  }
};

// A whole file's bytes, and writing them back (for damaging journals on purpose).
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

inline int64_t fixed_clock() { return 1763900000000; }

// run_server on a thread until destroyed.
class InProcessServer {
 public:
  explicit InProcessServer(ServerOptions options, StateMachine machine =
                                                      make_domain_state_machine(sample_dataset())) {
    thread_ = std::thread([this, options = std::move(options), machine = std::move(machine)]() mutable {
      try {
        run_server(options, std::move(machine), stop_, [this](const ServerReady& r) {
          std::lock_guard lock(mutex_);
          ready_ = r;
          started_ = true;
          cv_.notify_all();
        });
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        failure_ = e.what();
        started_ = true;
        cv_.notify_all();
      }
    });
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::seconds(10), [this] { return started_; });
  }
  ~InProcessServer() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  const ServerReady& ready() const { return ready_; }
  const std::string& failure() const { return failure_; }
  bool running() const { return started_ && failure_.empty(); }

 private:
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  bool started_ = false;
  ServerReady ready_;
  std::string failure_;
  std::thread thread_;
};

inline ServerOptions insecure_options(const TempDir& dir, LogSink* sink = nullptr) {
  ServerOptions o;
  o.bind = {dir.ipc("req"), dir.ipc("pub")};
  o.journal = dir.path / "journal";
  o.heartbeat = std::chrono::milliseconds(200);
  o.clock = fixed_clock;
  o.log = sink ? sink->log() : Log([](const std::string&) {});
  return o;
}

inline Connection plain_connection(const ServerReady& ready) {
  return Connection{ready.bound, std::nullopt, {}};
}

// The live state pulled page by page (service/client.hpp pull_snapshot), laid out as a
// whole-state snapshot: {"seq", "state": {"teams", "incidents", "plans", "closures",
// "shelters", "depots"}}, each collection in topic order (no counters).
inline nlohmann::json pulled_state(Requester& requester) {
  auto pulled = pull_snapshot(requester);
  if (!pulled) {
    ADD_FAILURE() << "no snapshot";
    return nlohmann::json::object();
  }
  nlohmann::json state = {{"plans", nlohmann::json::object()}};
  for (const char* c : {"teams", "incidents", "closures", "shelters", "depots"})
    state[c] = nlohmann::json::array();
  for (const auto& [topic, entity] : pulled->entities) {
    const auto dot = topic.find('.');
    const std::string prefix = topic.substr(0, dot);
    if (prefix == "plan") state["plans"][topic.substr(dot + 1)] = entity;
    else state[prefix + "s"].push_back(entity);
  }
  return {{"seq", pulled->seq}, {"state", std::move(state)}};
}

inline nlohmann::json fire_at(double lon, double lat, const std::string& id = {}) {
  nlohmann::json args = {{"type", "fire"}, {"severity", "large"},
                         {"location", {{"lon", lon}, {"lat", lat}}}};
  if (!id.empty()) args["id"] = id;
  return args;
}

}  // namespace erde::service::testing
