#pragma once
// The gateway's side of `erde serve`: one thread keeps the replica (SUB + snapshot requests
// with the lowest-role key) and writes every change to the event log the browsers read;
// browser actions are forwarded on a DEALER per role, each with that role's own CURVE key.
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "gateway/actions.hpp"
#include "gateway/replica.hpp"
#include "gateway/sse.hpp"
#include "service/client.hpp"

namespace erde::web {

// The live picture shared by the replica thread and the HTTP threads. Events are appended to
// `log` while `mutex` is held, so a state read under `mutex` and log.end_id() agree.
struct Live {
  std::mutex mutex;
  Replica replica;
  bool connected = false;
  EventLog log;

  // {"seq", "synced", "connected", "entities", "depots"}; takes the lock.
  std::string state_text(uint64_t& next_event_id);
};

struct LinkConfig {
  service::Endpoints endpoints;
  std::string server_public_z85;                 // empty: the server runs --insecure
  std::map<service::Role, service::KeyPair> keys;  // at least one unless insecure
};

class ServiceLink {
 public:
  ServiceLink(const LinkConfig& config, Live& live);
  ~ServiceLink();
  // The replica loop; returns when `stop` is set (checked every 100 ms).
  void run(const std::atomic<bool>& stop);
  // The service's reply, or nullopt when none came within `timeout`. Uses the key of the
  // lowest configured role that may do the action, acting for `person` (the service records
  // "<person>@<key name>"; the keys are relays); nullopt with `no_key` set when none may.
  std::optional<nlohmann::json> forward(const Action& action, const std::string& person,
                                        std::chrono::milliseconds timeout, bool& no_key);
  // The role whose key keeps the replica (the lowest configured).
  service::Role replica_role() const { return replica_role_; }

 private:
  service::Connection connection_for(service::Role role) const;
  bool take_snapshot(service::Requester& requester);
  void set_connected(bool connected);
  void on_message(const std::string& topic, uint64_t seq, const std::string& body);

  LinkConfig config_;
  Live& live_;
  zmq::context_t context_;
  service::Role replica_role_ = service::Role::viewer;
  struct Forwarder {
    std::mutex mutex;
    std::unique_ptr<service::Requester> requester;
  };
  std::map<service::Role, std::unique_ptr<Forwarder>> forwarders_;
};

}  // namespace erde::web
