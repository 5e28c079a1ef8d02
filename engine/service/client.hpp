#pragma once
// A C++ client of the service (the tests' and future tools'): a DEALER requester and a Clone
// replica that keeps an up-to-date copy of the state from a snapshot plus numbered updates.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "service/keys.hpp"
#include "service/replica.hpp"
#include "service/server.hpp"

namespace erde::service {

struct Connection {
  Endpoints endpoints;
  std::optional<KeyPair> client_keys;  // nullopt: plain (server started --insecure)
  std::string server_public_z85;
  int receive_hwm = 0;  // the SUB socket's queue limit; 0 keeps ZeroMQ's default
};

void configure_client_socket(zmq::socket_t& socket, const Connection& connection);

// 32 random hex digits: a key no other command of any client will carry.
std::string new_idempotency_key();

class Requester {
 public:
  Requester(zmq::context_t& context, const Connection& connection);
  // The reply to {"id", "kind", "args"}, or nullopt when none came within `timeout`. A relay
  // client (docs/PROTOCOL.md) names the person it acts for in `on_behalf_of`.
  std::optional<nlohmann::json> call(const std::string& kind, const nlohmann::json& args,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(5),
                                     const std::string& on_behalf_of = {},
                                     const std::string& idempotency_key = {});
  // A command applied at most once however often it is sent: a fresh idempotency key, sent
  // again with the same key after each timeout, `attempts` times in all. A retry that the
  // server had already applied comes back with "duplicate": true and the first result.
  std::optional<nlohmann::json> command(const std::string& kind, const nlohmann::json& args,
                                        std::chrono::milliseconds timeout_each = std::chrono::seconds(5),
                                        int attempts = 3, const std::string& on_behalf_of = {});
  // Sends raw body frames; returns the first reply frame that arrives within `timeout`.
  std::optional<std::string> call_raw(const std::vector<std::string>& frames,
                                      std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  zmq::socket_t socket_;
  uint64_t next_id_ = 1;
};

// A whole paged snapshot (docs/PROTOCOL.md, "Keeping a replica"), pulled page by page with no
// updates applied: `seq` is the first page's, each entity is as of its own page.
struct PulledSnapshot {
  uint64_t seq = 0;
  std::map<std::string, nlohmann::json> entities;  // by topic
  size_t pages = 0;
  size_t largest_page_bytes = 0;  // the largest reply frame
};
// `max_bytes` 0 leaves the page size to the server. Nullopt when a page does not come within
// `timeout` or is refused.
std::optional<PulledSnapshot> pull_snapshot(Requester& requester, size_t max_bytes = 0,
                                            std::chrono::milliseconds timeout = std::chrono::seconds(5));

class CloneClient {
 public:
  CloneClient(zmq::context_t& context, const Connection& connection);
  // Takes a snapshot page by page (the SUB queue is left alone meanwhile) and drops queued
  // updates it already contains. False when a page does not come within `timeout`.
  bool sync(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // The entity bytes per snapshot page to ask for (0: the server's default).
  void set_page_bytes(size_t max_bytes) { page_bytes_ = max_bytes; }
  // Pages the last sync took.
  size_t pages() const { return pages_; }
  // Applies updates arriving within `duration`; a gap in sequence numbers (an update or a
  // heartbeat ahead of the replica) triggers a resync.
  void pump(std::chrono::milliseconds duration);
  // Pumps until the replica reaches `seq` or `timeout` passes.
  bool wait_for(uint64_t seq, std::chrono::milliseconds timeout);

  uint64_t seq() const { return replica_.seq; }
  const std::map<std::string, nlohmann::json>& entities() const { return replica_.entities; }
  const Replica& replica() const { return replica_; }
  int resyncs() const { return resyncs_; }
  // Milliseconds since anything (update or heartbeat) came from the server.
  int64_t silence_ms() const;
  Requester& requester() { return requester_; }

 private:
  void on_message(const std::string& topic, uint64_t seq, const std::string& body);

  Requester requester_;
  zmq::socket_t sub_;
  Replica replica_;
  size_t page_bytes_ = 0;
  size_t pages_ = 0;
  int resyncs_ = 0;
  std::chrono::steady_clock::time_point last_heard_;
};

}  // namespace erde::service
