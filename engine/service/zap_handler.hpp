#pragma once
// The ZAP handler (ZeroMQ RFC 27) on inproc://zeromq.zap.01: admits CURVE clients whose public
// key is in the authorised list and tags their connection with the key's name as User-Id;
// refuses and logs every other key.
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>

#include "service/keys.hpp"
#include "service/log.hpp"

namespace erde::service {

inline constexpr const char* kZapDomain = "erde";

class ZapHandler {
 public:
  // Binds before returning, so sockets bound afterwards are covered. Throws zmq::error_t.
  ZapHandler(zmq::context_t& context, const std::vector<ClientKey>& clients, Log log);
  ~ZapHandler();
  ZapHandler(const ZapHandler&) = delete;
  ZapHandler& operator=(const ZapHandler&) = delete;

 private:
  void run();
  void answer(const std::vector<zmq::message_t>& request);

  zmq::socket_t socket_;
  std::map<std::string, std::string> names_by_key_;  // 32-byte binary key -> name
  Log log_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace erde::service
