#pragma once
// The always-on service: a ROUTER request endpoint and a PUB update endpoint (zguide Clone
// pattern), CURVE security through the ZAP handler, the journal. Protocol: docs/PROTOCOL.md.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/keys.hpp"
#include "service/log.hpp"
#include "service/request.hpp"
#include "service/service_core.hpp"
#include "service/state_machine.hpp"
#include "util/data_paths.hpp"

namespace erde::service {

struct Endpoints {
  std::string request;  // ROUTER
  std::string publish;  // PUB
};

// "tcp://127.0.0.1:5555/5556" (request port / publish port) or "<request>,<publish>" for any
// two endpoints ("ipc:///run/erde/req,ipc:///run/erde/pub"). Throws erde::Error.
Endpoints parse_bind(const std::string& spec);

inline constexpr int kDefaultPublishHwm = 10000;
// Replies waiting for one client that does not read them (beyond ZeroMQ's own queue of
// kReplyHwm per client): once that many replies or bytes wait, its next requests are not
// processed until it has read them all and been told (error code `disconnected`).
inline constexpr size_t kDefaultMaxQueuedReplies = 100000;
inline constexpr size_t kDefaultMaxQueuedReplyBytes = size_t{64} << 20;  // 64 MiB
// ZeroMQ's own send queue per client, in messages whatever their size: kept small so that the
// server's byte-bounded queue holds nearly all of a slow client's replies (at ZeroMQ's default of
// 1000, one client asking for 4 MiB snapshot pages without reading held 2.5 GB).
inline constexpr int kReplyHwm = 16;

// After a batch of requests has been made durable, before any of its replies is sent.
struct BatchCommitted {
  size_t requests = 0;
  uint64_t journal_syncs = 0;  // fsyncs of the live journal so far
};

struct ServerOptions {
  Endpoints bind;
  std::filesystem::path journal;  // empty: nothing is persisted (tests only)
  std::filesystem::path scenarios = scenarios_dir();  // drill.start reads scenarios only here
  std::optional<KeyPair> server_keys;  // nullopt: insecure (no encryption; every client admin)
  std::vector<ClientKey> clients;
  int publish_hwm = kDefaultPublishHwm;  // per subscriber; beyond it updates are dropped
  // Per client (ROUTER routing id): the server holds the replies that ZeroMQ's queue has no
  // room for, in order; at these limits the client is cut off (docs/PROTOCOL.md, "Every request
  // gets exactly one reply"). Replies count from the batch in progress too, so a count below
  // the 100 requests of one batch is raised to 100.
  size_t max_queued_replies = kDefaultMaxQueuedReplies;
  size_t max_queued_reply_bytes = kDefaultMaxQueuedReplyBytes;  // bytes of reply bodies
  std::chrono::milliseconds heartbeat{1000};
  size_t max_frame_bytes = kDefaultMaxFrameBytes;
  Log log = stderr_log();
  Clock clock = system_clock_ms();
  bool group_commit = true;  // false: one fsync per command (for comparison)
  std::function<void(const BatchCommitted&)> on_commit;  // for tests and metrics; may be empty
};

struct ServerReady {
  Endpoints bound;  // actual endpoints (a tcp port 0 / '*' resolved)
  uint64_t seq = 0;
  size_t replayed = 0;
};

// Opens and replays the journal, binds, calls on_ready, then serves until `stop` is set
// (checked at least every 100 ms). Requests read in one wake form a batch: its commands are
// journaled with one fsync (group commit), and only then are its replies sent and its updates
// published. No reply is dropped while its client is connected: what ZeroMQ cannot take yet
// waits in the server's queue for that client. Throws erde::Error when it cannot start or the
// state can no longer be trusted (a failed fsync: none of that batch's replies is sent).
void run_server(const ServerOptions& options, StateMachine machine, const std::atomic<bool>& stop,
                const std::function<void(const ServerReady&)>& on_ready = {});

}  // namespace erde::service
