#pragma once
// The console's connection to `erde serve`: a DEALER for requests and a SUB for updates, kept
// asynchronous so the screen never freezes on a dead server. It keeps a Picture in step by the
// Clone pattern: while a snapshot is awaited the SUB queue is left alone (ZeroMQ buffers it),
// then only newer updates are applied; a gap, or hearing the server again after a silence,
// takes a new snapshot.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include "picture.hpp"
#include "service/client.hpp"

namespace erde::console {

int64_t steady_ms();

struct Reply {
  std::string purpose;  // what the console asked, as given to send()
  nlohmann::json body;  // the whole reply: {"id", "ok", "result" | "error"}
};

// "forbidden: … (field kind)" from a refusal, "" for ok.
std::string refusal_text(const nlohmann::json& reply);

class LiveLink {
 public:
  LiveLink(zmq::context_t& context, const service::Connection& connection);

  // Sends a request; its reply turns up in replies() (in the order replies arrive). A command
  // (anything but snapshot, ping and query.*) carries an idempotency key and is sent again with
  // it while no reply comes, so it is applied once even across a server restart.
  void send(const std::string& kind, const nlohmann::json& args, const std::string& purpose);
  // Waits up to `timeout` for traffic and handles it; true when `watch_fd` (e.g. stdin, -1 for
  // none) became readable.
  bool pump(std::chrono::milliseconds timeout, int watch_fd = -1);
  // Pumps until the picture is synced or `timeout` passes.
  bool wait_synced(std::chrono::milliseconds timeout);
  // Pumps until a reply for `purpose` arrives (removed from replies()) or `timeout` passes.
  std::optional<Reply> wait_reply(const std::string& purpose, std::chrono::milliseconds timeout);

  Picture& picture() { return picture_; }
  std::deque<Reply>& replies() { return replies_; }

 private:
  void request_snapshot(int64_t now);  // from the first page
  void request_page(int64_t now);      // the next page of the snapshot being loaded
  void on_reply(const std::string& frame, int64_t now);
  void on_update(std::vector<zmq::message_t>& frames, int64_t now);

  zmq::socket_t dealer_;
  zmq::socket_t sub_;
  Picture picture_;
  std::deque<Reply> replies_;
  struct Pending {
    std::string purpose;
    std::string command_text;  // a command's request, sent again with its idempotency key; "" otherwise
    int64_t sent_ms = 0;
    int attempts = 1;
  };
  // Commands without a reply after kCommandRetryMs are sent again, same id and key, up to
  // kCommandAttempts times; then their purpose gets a "no_reply" refusal.
  void retry_commands(int64_t now);

  std::map<uint64_t, Pending> pending_;  // by request id
  uint64_t next_id_ = 1;
  uint64_t snapshot_id_ = 0;  // the snapshot awaited, 0 for none
  int64_t snapshot_sent_ms_ = 0;
  bool was_silent_ = false;
};

}  // namespace erde::console
