#include "service/server.hpp"

#include <map>
#include <optional>

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

// A reply held until its batch is durable.
struct HeldReply {
  std::string routing_id;
  bool delimiter = false;  // a REQ client: an empty frame goes before the body
  std::string body;
};

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
    std::vector<HeldReply> replies;
    while (!stop) {
      auto now = Clock_::now();
      if (now >= next_heartbeat) {
        heartbeat(pub);
        next_heartbeat = now + options_.heartbeat;
      }
      auto wait = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(next_heartbeat - now),
                           std::chrono::milliseconds(100));
      zmq::pollitem_t item{router.handle(), 0, ZMQ_POLLIN, 0};
      try {
        zmq::poll(&item, 1, std::max(wait, std::chrono::milliseconds(0)));
        out.clear();
        replies.clear();
        const auto batch_end = Clock_::now() + kMaxBatchWork;
        for (int n = 0; n < kMaxRequestsPerWake && Clock_::now() < batch_end && receive(router, in); ++n)
          serve_one(in, replies, out);
        drills_->tick(*core_, out);
        core_->commit();  // throws when the batch could not be made durable: nothing is sent
        if (options_.on_commit)
          options_.on_commit({replies.size(), journal_ ? journal_->sync_count() : 0});
        for (const auto& r : replies) send_reply(router, r);
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

  static void send_reply(zmq::socket_t& router, const HeldReply& r) {
    router.send(zmq::buffer(r.routing_id), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    if (r.delimiter) router.send(zmq::buffer("", 0), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    router.send(zmq::buffer(r.body), zmq::send_flags::dontwait);
  }

  void serve_one(const Incoming& in, std::vector<HeldReply>& replies, std::vector<Published>& out) {
    if (in.frames.size() < 2) return;  // a routing id with no body: nothing to answer
    // A REQ client puts an empty delimiter after the routing id; a DEALER does not.
    size_t body = in.frames[1].size() == 0 ? 2 : 1;
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
      if (auto* error = std::get_if<RequestError>(&decoded)) {
        reply = encode_error(nullptr, *error);
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
    replies.push_back({std::string(static_cast<const char*>(in.frames[0].data()), in.frames[0].size()),
                       body == 2, std::move(reply)});
  }

  ServerOptions options_;
  std::optional<Journal> journal_;
  std::map<std::string, ClientKey> clients_;
  std::optional<ServiceCore> core_;
  std::optional<DrillRunner> drills_;
};

}  // namespace

void run_server(const ServerOptions& options, StateMachine machine, const std::atomic<bool>& stop,
                const std::function<void(const ServerReady&)>& on_ready) {
  Server server(options, std::move(machine));
  server.run(stop, on_ready);
}

}  // namespace erde::service
