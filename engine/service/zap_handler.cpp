#include "service/zap_handler.hpp"

#include <zmq_addon.hpp>

namespace erde::service {

namespace {

std::string z85_of(const std::string& binary) {
  if (binary.size() != 32) return "(not a CURVE key)";
  char text[41];
  zmq_z85_encode(text, reinterpret_cast<const uint8_t*>(binary.data()), 32);
  return text;
}

}  // namespace

ZapHandler::ZapHandler(zmq::context_t& context, const std::vector<ClientKey>& clients, Log log)
    : socket_(context, zmq::socket_type::rep), log_(std::move(log)) {
  for (const auto& c : clients) {
    uint8_t key[32];
    if (zmq_z85_decode(key, c.public_z85.c_str()))
      names_by_key_[std::string(reinterpret_cast<const char*>(key), 32)] = c.name;
  }
  socket_.set(zmq::sockopt::linger, 0);
  socket_.bind("inproc://zeromq.zap.01");
  thread_ = std::thread([this] { run(); });
}

ZapHandler::~ZapHandler() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void ZapHandler::run() {
  while (!stop_) {
    zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
    try {
      if (zmq::poll(&item, 1, std::chrono::milliseconds(100)) == 0) continue;
      std::vector<zmq::message_t> request;
      if (!zmq::recv_multipart(socket_, std::back_inserter(request), zmq::recv_flags::dontwait))
        continue;
      answer(request);
    } catch (const zmq::error_t& e) {
      if (e.num() == ETERM) return;
      if (e.num() == EINTR) continue;
      log_(std::string("ZAP handler: ") + e.what());
    }
  }
}

void ZapHandler::answer(const std::vector<zmq::message_t>& request) {
  // version, request id, domain, address, routing id, mechanism, credentials...
  std::string request_id = request.size() > 1 ? request[1].to_string() : std::string();
  std::string status = "400";
  std::string text = "refused";
  std::string user;
  if (request.size() >= 6 && request[0].to_string() == "1.0") {
    std::string domain = request[2].to_string();
    std::string address = request[3].to_string();
    std::string mechanism = request[5].to_string();
    if (mechanism == "CURVE" && request.size() == 7) {
      std::string key = request[6].to_string();
      auto it = names_by_key_.find(key);
      if (it != names_by_key_.end() && domain == kZapDomain) {
        status = "200";
        text = "OK";
        user = it->second;
      } else {
        text = "unknown key";
        log_("refused unknown key " + z85_of(key) + " from " + address);
      }
    } else {
      text = "CURVE required";
      log_("refused " + mechanism + " connection from " + address);
    }
  } else {
    log_("refused a malformed ZAP request");
  }
  std::vector<zmq::message_t> reply;
  reply.emplace_back(std::string("1.0"));
  reply.emplace_back(request_id);
  reply.emplace_back(status);
  reply.emplace_back(text);
  reply.emplace_back(user);
  reply.emplace_back();
  zmq::send_multipart(socket_, reply);
}

}  // namespace erde::service
