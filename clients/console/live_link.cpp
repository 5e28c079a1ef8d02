#include "live_link.hpp"

#include <cerrno>

#include <zmq_addon.hpp>

namespace erde::console {

using nlohmann::json;
using std::chrono::milliseconds;

namespace {

constexpr int64_t kSnapshotRetryMs = 3000;
constexpr int64_t kCommandRetryMs = 3000;
constexpr int kCommandAttempts = 10;
constexpr int kSubscriberQueue = 100000;  // updates buffered while a snapshot is awaited

}  // namespace

int64_t steady_ms() {
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string refusal_text(const json& reply) {
  if (reply.value("ok", false)) return "";
  const json error = reply.value("error", json::object());
  std::string out = error.value("code", std::string("error")) + ": " + error.value("message", std::string());
  if (error.contains("field") && error["field"].is_string())
    out += " (field " + error["field"].get<std::string>() + ")";
  return out;
}

LiveLink::LiveLink(zmq::context_t& context, const service::Connection& connection)
    : dealer_(context, zmq::socket_type::dealer), sub_(context, zmq::socket_type::sub) {
  service::configure_client_socket(dealer_, connection);
  service::configure_client_socket(sub_, connection);
  sub_.set(zmq::sockopt::rcvhwm, kSubscriberQueue);
  sub_.set(zmq::sockopt::subscribe, "");
  // Subscribe first, then ask for the snapshot (the Clone pattern's order).
  sub_.connect(connection.endpoints.publish);
  dealer_.connect(connection.endpoints.request);
  request_snapshot(steady_ms());
}

void LiveLink::send(const std::string& kind, const json& args, const std::string& purpose) {
  uint64_t id = next_id_++;
  json request{{"id", id}, {"kind", kind}, {"args", args}};
  const bool command = kind != "snapshot" && kind != "ping" && kind.rfind("query.", 0) != 0;
  if (command) request["idempotency_key"] = service::new_idempotency_key();
  std::string text = request.dump();
  pending_[id] = {purpose, command ? text : std::string(), steady_ms(), 1};
  dealer_.send(zmq::buffer(text), zmq::send_flags::dontwait);
}

void LiveLink::retry_commands(int64_t now) {
  for (auto it = pending_.begin(); it != pending_.end();) {
    Pending& p = it->second;
    if (p.command_text.empty() || now - p.sent_ms < kCommandRetryMs) {
      ++it;
      continue;
    }
    if (p.attempts < kCommandAttempts) {
      dealer_.send(zmq::buffer(p.command_text), zmq::send_flags::dontwait);
      p.sent_ms = now;
      ++p.attempts;
      ++it;
      continue;
    }
    json refusal = {{"id", it->first}, {"ok", false},
                    {"error", {{"code", "no_reply"},
                               {"message", "no reply after " + std::to_string(p.attempts) +
                                               " tries 服务无应答; if the service applied it, it did so once: see the live picture"},
                               {"field", nullptr}}}};
    replies_.push_back({p.purpose, std::move(refusal)});
    it = pending_.erase(it);
  }
}

void LiveLink::request_snapshot(int64_t now) {
  picture_.replica.restart_snapshot();
  request_page(now);
}

void LiveLink::request_page(int64_t now) {
  if (snapshot_id_) pending_.erase(snapshot_id_);
  snapshot_id_ = next_id_;
  snapshot_sent_ms_ = now;
  // The first page, or the one after the pages loaded so far (docs/PROTOCOL.md, "Keeping a
  // replica"): the SUB queue keeps the updates meanwhile.
  json args = json::object();
  if (picture_.replica.loading()) args["after"] = picture_.replica.next_after();
  send("snapshot", args, "snapshot");
}

void LiveLink::on_reply(const std::string& frame, int64_t now) {
  json reply = json::parse(frame, nullptr, false);
  if (!reply.is_object() || !reply.contains("id") || !reply["id"].is_number_integer() ||
      reply["id"].get<int64_t>() <= 0)
    return;
  uint64_t id = reply["id"].get<uint64_t>();
  auto it = pending_.find(id);
  if (it == pending_.end()) return;  // a reply to a request given up on
  std::string purpose = it->second.purpose;
  pending_.erase(it);
  if (id == snapshot_id_) {
    snapshot_id_ = 0;
    picture_.last_heard_ms = now;
    if (reply.value("ok", false) && load_snapshot(picture_, reply["result"], now))
      was_silent_ = false;
    else if (reply.value("ok", false) && picture_.replica.loading())
      request_page(now);  // more pages to come
    else
      add_note(picture_, "snapshot refused 快照被拒: " + refusal_text(reply));
    return;
  }
  picture_.last_heard_ms = now;
  replies_.push_back({purpose, std::move(reply)});
}

void LiveLink::on_update(std::vector<zmq::message_t>& frames, int64_t now) {
  if (frames.size() != 3) return;
  if (was_silent_) {  // it may have restarted from another journal: start afresh
    was_silent_ = false;
    picture_.replica.synced = false;
  }
  if (!picture_.replica.synced) {
    picture_.last_heard_ms = now;
    if (!snapshot_id_) request_snapshot(now);
    return;
  }
  uint64_t seq = std::strtoull(frames[1].to_string().c_str(), nullptr, 10);
  if (receive_update(picture_, frames[0].to_string_view(), seq, frames[2].to_string_view(), now) ==
      Received::resync_needed) {
    ++picture_.resyncs;
    add_note(picture_, "updates lost 更新丢失: resync 重新同步");
    request_snapshot(now);
  }
}

bool LiveLink::pump(milliseconds timeout, int watch_fd) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool watched_ready = false;
  for (;;) {
    int64_t now = steady_ms();
    if (server_silent(picture_, now)) was_silent_ = true;
    if (snapshot_id_ && now - snapshot_sent_ms_ > kSnapshotRetryMs) request_page(now);  // ask again
    retry_commands(now);
    bool awaiting_snapshot = snapshot_id_ != 0;
    zmq::pollitem_t items[3] = {{dealer_.handle(), 0, ZMQ_POLLIN, 0},
                                {nullptr, watch_fd, ZMQ_POLLIN, 0},
                                {sub_.handle(), 0, ZMQ_POLLIN, 0}};
    auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() < 0) return watched_ready;
    // While a snapshot is awaited the SUB socket is not read: its updates wait in its queue.
    size_t count = awaiting_snapshot ? 2 : 3;
    zmq::pollitem_t* first = items;
    if (watch_fd < 0) {
      items[1] = items[0];
      first = items + 1;
      --count;
    }
    int ready = 0;
    try {
      ready = zmq::poll(first, count, std::min(left, milliseconds(awaiting_snapshot ? 100 : 500)));
    } catch (const zmq::error_t& e) {
      if (e.num() != EINTR) throw;
      return watched_ready;  // a signal: let the caller look at its stop flag
    }
    if (ready == 0) {
      if (left.count() == 0) return watched_ready;
      continue;
    }
    for (size_t k = 0; k < count; ++k) {
      if (!(first[k].revents & ZMQ_POLLIN)) continue;
      if (first[k].socket == dealer_.handle()) {
        std::vector<zmq::message_t> reply;
        while (zmq::recv_multipart(dealer_, std::back_inserter(reply), zmq::recv_flags::dontwait)) {
          if (!reply.empty()) on_reply(reply.back().to_string(), steady_ms());
          reply.clear();
        }
      } else if (first[k].socket == sub_.handle()) {
        std::vector<zmq::message_t> frames;
        for (int n = 0; n < 1000 && !snapshot_id_ &&
                        zmq::recv_multipart(sub_, std::back_inserter(frames), zmq::recv_flags::dontwait);
             ++n) {
          on_update(frames, steady_ms());
          frames.clear();
        }
      } else {
        watched_ready = true;
      }
    }
    if (watched_ready) return true;
  }
}

bool LiveLink::wait_synced(milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!picture_.replica.synced) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pump(std::min(left, milliseconds(50)));
  }
  return true;
}

std::optional<Reply> LiveLink::wait_reply(const std::string& purpose, milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    for (auto it = replies_.begin(); it != replies_.end(); ++it)
      if (it->purpose == purpose) {
        Reply r = std::move(*it);
        replies_.erase(it);
        return r;
      }
    auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pump(std::min(left, milliseconds(50)));
  }
}

}  // namespace erde::console
