#include "service/server.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <zmq.hpp>

#include "service/drill_runner.hpp"
#include "service/zap_handler.hpp"
#include "util/error.hpp"

namespace erde::service {

namespace {

using Clock_ = std::chrono::steady_clock;

constexpr size_t kMaxFramesKept = 8;
constexpr int kMaxRequestsPerWake = 100;  // then heartbeats and the stop flag get a turn
// A batch's replies wait for its last command and its fsync, so a batch stops taking requests
// after this much work: under load the first requests of a long batch would wait for the rest.
constexpr std::chrono::milliseconds kMaxBatchWork{4};

void secure(zmq::socket_t& socket, const KeyPair& keys) {
  socket.set(zmq::sockopt::zap_domain, kZapDomain);
  socket.set(zmq::sockopt::curve_server, true);
  socket.set(zmq::sockopt::curve_secretkey, keys.secret_z85);
}

void publish(zmq::socket_t& pub, const std::string& topic, uint64_t seq, const std::string& body) {
  // PUB never blocks: past a subscriber's high-water mark the message is dropped for it.
  std::string seq_text = std::to_string(seq);
  pub.send(zmq::buffer(topic), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
  pub.send(zmq::buffer(seq_text), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
  pub.send(zmq::buffer(body), zmq::send_flags::dontwait);
}

// While replies wait for a client, the loop polls this often to hand them to ZeroMQ as soon as
// it has room, backing off to kMaxFlushWait while none goes out (a client that reads nothing).
constexpr std::chrono::milliseconds kMinFlushWait{1};
constexpr std::chrono::milliseconds kMaxFlushWait{8};
constexpr size_t kGoneRemembered = 4096;  // routing ids of vanished clients, to log each once

// A reply held until its batch is durable and ZeroMQ has room for it.
struct HeldReply {
  bool delimiter = false;  // a REQ client: an empty frame goes before the body
  std::string body;
};

// The replies of one client (routing id) not yet handed to ZeroMQ, oldest first.
struct Peer {
  std::deque<HeldReply> queue;
  size_t bytes = 0;
  std::string name;        // for the log
  bool delimiter = false;  // of its last request
  // Cut off: its requests are counted, not processed, until it has read every queued reply
  // and then the `disconnected` frame.
  bool cut_off = false;
  size_t waiting_at_cut_off = 0;
  uint64_t not_processed = 0;
};

std::string hex(std::string_view bytes) {
  std::string out;
  char two[3];
  for (unsigned char c : bytes) {
    std::snprintf(two, sizeof two, "%02x", c);
    out += two;
  }
  return out;
}

enum class Sent { ok, full, gone };

// Hands one reply to ZeroMQ without waiting. With ZMQ_ROUTER_MANDATORY the routing-id frame is
// refused (EAGAIN) when the client's queue is full and (EHOSTUNREACH) when it is gone; once it
// is taken, the rest of the message is too.
Sent try_send(zmq::socket_t& router, const std::string& routing_id, bool delimiter,
              const std::string& body) {
  try {
    if (!router.send(zmq::buffer(routing_id), zmq::send_flags::sndmore | zmq::send_flags::dontwait))
      return Sent::full;
  } catch (const zmq::error_t& e) {
    if (e.num() == EHOSTUNREACH) return Sent::gone;
    throw;
  }
  if (delimiter) (void)router.send(zmq::buffer("", 0), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
  (void)router.send(zmq::buffer(body), zmq::send_flags::dontwait);
  return Sent::ok;
}

struct Incoming {
  std::vector<zmq::message_t> frames;  // at most kMaxFramesKept
  size_t total_frames = 0;
};

// Receives one whole multipart message without blocking; false when none is waiting.
bool receive(zmq::socket_t& socket, Incoming& in) {
  in.frames.clear();
  in.total_frames = 0;
  for (;;) {
    zmq::message_t frame;
    auto got = socket.recv(frame, in.total_frames == 0 ? zmq::recv_flags::dontwait
                                                        : zmq::recv_flags::none);
    if (!got) return false;
    ++in.total_frames;
    bool more = frame.more();
    if (in.frames.size() < kMaxFramesKept) in.frames.push_back(std::move(frame));
    if (!more) return true;
  }
}

class Server {
 public:
  Server(const ServerOptions& options, StateMachine machine)
      : options_(options) {
    if (!options.journal.empty()) journal_.emplace(options.journal);
    for (const auto& c : options.clients) clients_[c.name] = c;
    JournalScan none;
    const auto& opened = journal_ ? journal_->opened() : none;
    if (!opened.problem.empty())
      options_.log("journal " + options.journal.string() + ": " + opened.problem + "; kept " +
                   std::to_string(opened.records.size()) + " records (" +
                   std::to_string(opened.valid_bytes) + " of " +
                   std::to_string(opened.file_bytes) + " bytes), cut the rest");
    core_.emplace(std::move(machine), journal_ ? &*journal_ : nullptr, options.clock, options.log,
                  options.max_frame_bytes);
    core_->replay(opened.records);
    core_->set_group_commit(options.group_commit);
    std::filesystem::path drill_dir;
    if (!options.journal.empty())
      drill_dir = options.journal.has_parent_path() ? options.journal.parent_path() : ".";
    drills_.emplace(core_->machine().make_drill, options.scenarios, drill_dir, options.clock, options.log);
  }

  void run(const std::atomic<bool>& stop, const std::function<void(const ServerReady&)>& on_ready) {
    zmq::context_t context;
    std::optional<ZapHandler> zap;
    if (options_.server_keys) {
      zap.emplace(context, options_.clients, options_.log);
    } else {
      options_.log("WARNING: --insecure: no encryption and no authentication; every client may "
                   "act as admin. Use only on a closed test network.");
    }
    zmq::socket_t router(context, zmq::socket_type::router);
    zmq::socket_t pub(context, zmq::socket_type::pub);
    for (auto* s : {&router, &pub}) {
      s->set(zmq::sockopt::linger, 0);
      // ZMTP pings: connections of vanished peers are closed and their queues freed.
      s->set(zmq::sockopt::heartbeat_ivl, 2000);
      s->set(zmq::sockopt::heartbeat_timeout, 6000);
      if (options_.server_keys) secure(*s, *options_.server_keys);
    }
    router.set(zmq::sockopt::maxmsgsize,
               static_cast<int64_t>(options_.max_frame_bytes * 4 + (1 << 20)));
    router.set(zmq::sockopt::sndtimeo, 0);
    // A full client queue or a vanished client is reported to the sender instead of the reply
    // being dropped silently; the server then holds the reply (see flush()).
    router.set(zmq::sockopt::router_mandatory, true);
    router.set(zmq::sockopt::sndhwm, kReplyHwm);
    pub.set(zmq::sockopt::sndhwm, options_.publish_hwm);
    try {
      router.bind(options_.bind.request);
      pub.bind(options_.bind.publish);
    } catch (const zmq::error_t& e) {
      throw Error("cannot bind " + options_.bind.request + " / " + options_.bind.publish + ": " +
                  e.what());
    }
    ServerReady ready{{router.get(zmq::sockopt::last_endpoint), pub.get(zmq::sockopt::last_endpoint)},
                      core_->seq(), journal_ ? journal_->opened().records.size() : 0};
    if (on_ready) on_ready(ready);

    auto next_heartbeat = Clock_::now();
    Incoming in;
    std::vector<Published> out;
    auto flush_wait = kMinFlushWait;
    while (!stop) {
      auto now = Clock_::now();
      if (now >= next_heartbeat) {
        heartbeat(pub);
        next_heartbeat = now + options_.heartbeat;
      }
      auto wait = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(next_heartbeat - now),
                           std::chrono::milliseconds(100));
      if (!peers_.empty()) wait = std::min(wait, flush_wait);
      zmq::pollitem_t item{router.handle(), 0, ZMQ_POLLIN, 0};
      try {
        zmq::poll(&item, 1, std::max(wait, std::chrono::milliseconds(0)));
        out.clear();
        batch_replies_ = 0;
        const auto batch_end = Clock_::now() + kMaxBatchWork;
        for (int n = 0; n < kMaxRequestsPerWake && Clock_::now() < batch_end && receive(router, in); ++n)
          serve_one(in, out);
        drills_->tick(*core_, out);
        core_->commit();  // throws when the batch could not be made durable: nothing is sent
        if (options_.on_commit)
          options_.on_commit({batch_replies_, journal_ ? journal_->sync_count() : 0});
        // Only now may the batch's replies (queued with any older ones) leave.
        if (flush(router)) flush_wait = kMinFlushWait;
        else flush_wait = std::min(flush_wait * 2, kMaxFlushWait);
        for (const auto& p : out) publish(pub, p.topic, p.seq, p.body);
      } catch (const zmq::error_t& e) {
        if (e.num() != EINTR) throw Error(std::string("ZeroMQ: ") + e.what());
      }
    }
  }

 private:
  void heartbeat(zmq::socket_t& pub) {
    uint64_t seq = core_->seq();
    publish(pub, "HUGZ", seq,
            nlohmann::json{{"seq", seq}, {"time", options_.clock()}}.dump());
  }

  Caller caller_of(const zmq::message_t& frame) const {
    if (!options_.server_keys) return {"insecure", Role::admin, true};
    const char* user = zmq_msg_gets(frame.handle(), "User-Id");
    if (!user) return {"?", Role::viewer};
    auto it = clients_.find(user);
    return it == clients_.end() ? Caller{user, Role::viewer} : Caller{user, it->second.role, it->second.relay};
  }

  std::string describe(const zmq::message_t& last_frame, const std::string& routing_id) const {
    return "client " + caller_of(last_frame).name + " (routing id " + hex(routing_id) + ")";
  }

  size_t max_queued_replies() const {
    return std::max(options_.max_queued_replies, static_cast<size_t>(kMaxRequestsPerWake));
  }

  // Hands every client's queued replies to ZeroMQ, oldest first, until its queue for that
  // client is full; a cut-off client that has read them all then gets the `disconnected` frame
  // and starts afresh. A vanished client's replies are dropped (nobody to tell), logged once.
  // True when anything went out.
  bool flush(zmq::socket_t& router) {
    bool progress = false;
    for (auto it = peers_.begin(); it != peers_.end();) {
      const std::string& routing_id = it->first;
      Peer& peer = it->second;
      Sent sent = Sent::ok;
      while (!peer.queue.empty()) {
        const HeldReply& r = peer.queue.front();
        sent = try_send(router, routing_id, r.delimiter, r.body);
        if (sent != Sent::ok) break;
        peer.bytes -= r.body.size();
        peer.queue.pop_front();
        progress = true;
      }
      if (sent == Sent::ok && peer.cut_off) {
        sent = try_send(router, routing_id, peer.delimiter, disconnected_frame(peer));
        if (sent == Sent::ok) {
          options_.log(peer.name + " has read its replies and was told that " +
                       std::to_string(peer.not_processed) +
                       " of its requests were not processed; it is served again");
          progress = true;
        }
      }
      if (sent == Sent::gone) {
        if (gone_.size() >= kGoneRemembered) gone_.clear();
        if (gone_.insert(routing_id).second)
          options_.log(peer.name + " is gone: dropped its " + std::to_string(peer.queue.size()) +
                       " unsent replies" +
                       (peer.cut_off ? " (and " + std::to_string(peer.not_processed) +
                                           " of its requests were not processed)"
                                     : std::string()));
      }
      if (sent == Sent::full) {
        ++it;
      } else {
        it = peers_.erase(it);  // all sent, or nobody to send to
      }
    }
    return progress;
  }

  std::string disconnected_frame(const Peer& peer) const {
    nlohmann::json e = {
        {"code", code::disconnected},
        {"message", std::to_string(peer.waiting_at_cut_off) +
                        " of your replies were waiting unread (the server holds at most " +
                        std::to_string(max_queued_replies()) + " replies or " +
                        std::to_string(options_.max_queued_reply_bytes) +
                        " bytes for a client), so your next " + std::to_string(peer.not_processed) +
                        " requests were not processed (not journaled, not applied); every request "
                        "answered before this message was processed, and requests sent after it "
                        "are served again"},
        {"field", nullptr},
        {"not_processed", peer.not_processed}};
    return nlohmann::json{{"id", nullptr}, {"ok", false}, {"error", e}}.dump();
  }

  void serve_one(const Incoming& in, std::vector<Published>& out) {
    if (in.frames.size() < 2) return;  // a routing id with no body: nothing to answer
    // A REQ client puts an empty delimiter after the routing id; a DEALER does not.
    size_t body = in.frames[1].size() == 0 ? 2 : 1;
    std::string routing_id(static_cast<const char*>(in.frames[0].data()), in.frames[0].size());
    auto waiting = peers_.find(routing_id);
    if (waiting != peers_.end()) {
      Peer& peer = waiting->second;
      if (!peer.cut_off && (peer.queue.size() >= max_queued_replies() ||
                            peer.bytes >= options_.max_queued_reply_bytes)) {
        peer.cut_off = true;
        peer.waiting_at_cut_off = peer.queue.size();
        options_.log(peer.name + " does not read its replies: " + std::to_string(peer.queue.size()) +
                     " (" + std::to_string(peer.bytes) +
                     " bytes) wait; its requests are not processed until it has read them");
      }
      if (peer.cut_off) {
        ++peer.not_processed;
        peer.delimiter = body == 2;
        return;
      }
    }
    std::vector<std::string_view> frames;
    for (size_t i = body; i < in.frames.size(); ++i)
      frames.emplace_back(static_cast<const char*>(in.frames[i].data()), in.frames[i].size());
    std::string reply;
    if (in.total_frames != in.frames.size() || frames.empty()) {
      reply = encode_error(nullptr, {code::bad_frames,
                                     "a request is exactly one frame holding a JSON object; got " +
                                         std::to_string(in.total_frames - body) + " frames",
                                     ""});
    } else {
      auto decoded = decode_request(frames, options_.max_frame_bytes);
      if (auto* bad = std::get_if<DecodeRefusal>(&decoded)) {
        reply = encode_error(bad->id, bad->error);
      } else {
        const Request& request = std::get<Request>(decoded);
        const Caller connected = caller_of(in.frames.back());
        auto acting = acting_caller(request, connected);
        if (auto* refusal = std::get_if<RequestError>(&acting)) {
          options_.log("refused " + request.kind + " from " + connected.name + ": " + refusal->message);
          reply = encode_error(request.id, *refusal);
        } else {
          const Caller& caller = std::get<Caller>(acting);
          reply = DrillRunner::handles(request.kind) ? drills_->handle(request, caller, core_->seq())
                                                     : core_->handle_request(request, caller, out);
        }
      }
    }
    if (waiting == peers_.end()) {
      waiting = peers_.try_emplace(std::move(routing_id)).first;
      waiting->second.name = describe(in.frames.back(), waiting->first);
    }
    Peer& peer = waiting->second;
    peer.bytes += reply.size();
    peer.delimiter = body == 2;
    peer.queue.push_back({body == 2, std::move(reply)});
    ++batch_replies_;
  }

  ServerOptions options_;
  std::optional<Journal> journal_;
  std::map<std::string, ClientKey> clients_;
  std::optional<ServiceCore> core_;
  std::optional<DrillRunner> drills_;
  // Clients with replies not yet handed to ZeroMQ (this batch's, or held since), or cut off.
  std::unordered_map<std::string, Peer> peers_;
  std::unordered_set<std::string> gone_;
  size_t batch_replies_ = 0;
};

}  // namespace

void run_server(const ServerOptions& options, StateMachine machine, const std::atomic<bool>& stop,
                const std::function<void(const ServerReady&)>& on_ready) {
  Server server(options, std::move(machine));
  server.run(stop, on_ready);
}

}  // namespace erde::service
