#include "service/client.hpp"

#include <sodium.h>
#include <zmq_addon.hpp>

#include "util/error.hpp"

namespace erde::service {

using nlohmann::json;
using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

void configure_client_socket(zmq::socket_t& socket, const Connection& connection) {
  socket.set(zmq::sockopt::linger, 0);
  if (connection.client_keys) {
    socket.set(zmq::sockopt::curve_serverkey, connection.server_public_z85);
    socket.set(zmq::sockopt::curve_publickey, connection.client_keys->public_z85);
    socket.set(zmq::sockopt::curve_secretkey, connection.client_keys->secret_z85);
  }
}

Requester::Requester(zmq::context_t& context, const Connection& connection)
    : socket_(context, zmq::socket_type::dealer) {
  configure_client_socket(socket_, connection);
  socket_.connect(connection.endpoints.request);
}

std::optional<std::string> Requester::call_raw(const std::vector<std::string>& frames,
                                               milliseconds timeout) {
  for (size_t i = 0; i < frames.size(); ++i)
    socket_.send(zmq::buffer(frames[i]),
                 i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
  zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
  if (zmq::poll(&item, 1, timeout) == 0) return std::nullopt;
  std::vector<zmq::message_t> reply;
  if (!zmq::recv_multipart(socket_, std::back_inserter(reply)) || reply.empty()) return std::nullopt;
  return reply.back().to_string();
}

std::string new_idempotency_key() {
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key;
  for (unsigned char b : bytes) key += {kHex[b >> 4], kHex[b & 15]};
  return key;
}

std::optional<json> Requester::command(const std::string& kind, const json& args,
                                       milliseconds timeout_each, int attempts,
                                       const std::string& on_behalf_of) {
  const std::string key = new_idempotency_key();
  for (int n = 0; n < attempts; ++n)
    if (auto reply = call(kind, args, timeout_each, on_behalf_of, key)) return reply;
  return std::nullopt;
}

std::optional<json> Requester::call(const std::string& kind, const json& args, milliseconds timeout,
                                    const std::string& on_behalf_of, const std::string& idempotency_key) {
  uint64_t id = next_id_++;
  json request{{"id", id}, {"kind", kind}, {"args", args}};
  if (!on_behalf_of.empty()) request["on_behalf_of"] = on_behalf_of;
  if (!idempotency_key.empty()) request["idempotency_key"] = idempotency_key;
  std::string text = request.dump();
  socket_.send(zmq::buffer(text), zmq::send_flags::none);
  auto deadline = Steady::now() + timeout;
  for (;;) {  // replies to earlier, timed-out calls are skipped
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Steady::now());
    if (left.count() <= 0) return std::nullopt;
    zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, left) == 0) return std::nullopt;
    std::vector<zmq::message_t> reply;
    if (!zmq::recv_multipart(socket_, std::back_inserter(reply)) || reply.empty()) continue;
    json doc = json::parse(reply.back().to_string(), nullptr, false);
    if (doc.is_object() && doc.value("id", json()) == json(id)) return doc;
  }
}

CloneClient::CloneClient(zmq::context_t& context, const Connection& connection)
    : requester_(context, connection), sub_(context, zmq::socket_type::sub),
      last_heard_(Steady::now()) {
  configure_client_socket(sub_, connection);
  if (connection.receive_hwm > 0) sub_.set(zmq::sockopt::rcvhwm, connection.receive_hwm);
  sub_.set(zmq::sockopt::subscribe, "");
  sub_.connect(connection.endpoints.publish);
}

namespace {
json page_args(const Replica& replica, size_t max_bytes) {
  json args = json::object();
  if (replica.loading()) args["after"] = replica.next_after();
  if (max_bytes) args["max_bytes"] = max_bytes;
  return args;
}
}  // namespace

std::optional<PulledSnapshot> pull_snapshot(Requester& requester, size_t max_bytes, milliseconds timeout) {
  Replica assembly;
  PulledSnapshot out;
  for (;;) {
    json request{{"id", "snapshot-" + std::to_string(out.pages)}, {"kind", "snapshot"},
                 {"args", page_args(assembly, max_bytes)}};
    auto frame = requester.call_raw({request.dump()}, timeout);
    if (!frame) return std::nullopt;
    out.largest_page_bytes = std::max(out.largest_page_bytes, frame->size());
    ++out.pages;
    json reply = json::parse(*frame, nullptr, false);
    if (!reply.is_object() || !reply.value("ok", false)) return std::nullopt;
    if (assembly.load_snapshot(reply["result"])) break;
    if (!assembly.loading()) return std::nullopt;
  }
  out.seq = assembly.seq;
  out.entities = std::move(assembly.entities);
  return out;
}

bool CloneClient::sync(milliseconds timeout) {
  replica_.restart_snapshot();
  for (pages_ = 1;; ++pages_) {
    auto reply = requester_.call("snapshot", page_args(replica_, page_bytes_), timeout);
    if (!reply || !reply->value("ok", false)) return false;
    if (replica_.load_snapshot((*reply)["result"])) break;
    if (!replica_.loading()) return false;
  }
  last_heard_ = Steady::now();
  return true;
}

void CloneClient::on_message(const std::string& topic, uint64_t seq, const std::string& body) {
  last_heard_ = Steady::now();
  if (!replica_.synced) return;  // sync() is still to come (or failed; the caller retries)
  auto outcome = topic == "HUGZ" ? replica_.heartbeat(seq) : replica_.apply(topic, seq, body);
  if (outcome == UpdateOutcome::gap) {
    ++resyncs_;
    sync();
  }
}

void CloneClient::pump(milliseconds duration) {
  auto deadline = Steady::now() + duration;
  for (;;) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Steady::now());
    if (left.count() < 0) return;
    zmq::pollitem_t item{sub_.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, left) == 0) return;
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(sub_, std::back_inserter(frames)) || frames.size() != 3) continue;
    uint64_t seq = std::strtoull(frames[1].to_string().c_str(), nullptr, 10);
    on_message(frames[0].to_string(), seq, frames[2].to_string());
    if (left.count() == 0) return;
  }
}

bool CloneClient::wait_for(uint64_t seq, milliseconds timeout) {
  auto deadline = Steady::now() + timeout;
  while (replica_.seq < seq) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Steady::now());
    if (left.count() <= 0) return false;
    pump(std::min(left, milliseconds(50)));
  }
  return true;
}

int64_t CloneClient::silence_ms() const {
  return std::chrono::duration_cast<milliseconds>(Steady::now() - last_heard_).count();
}

}  // namespace erde::service
