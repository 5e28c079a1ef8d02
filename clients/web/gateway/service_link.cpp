#include "gateway/service_link.hpp"

#include <cstdio>

#include <zmq_addon.hpp>

#include "util/error.hpp"

namespace erde::web {

using nlohmann::json;
using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

std::string Live::state_text(uint64_t& next_event_id) {
  std::lock_guard lock(mutex);
  json state = replica_json(replica);
  state["connected"] = connected;
  next_event_id = log.end_id();
  return state.dump(-1, ' ', false, json::error_handler_t::replace);
}

ServiceLink::ServiceLink(const LinkConfig& config, Live& live) : config_(config), live_(live), context_(1) {
  bool insecure = config_.server_public_z85.empty();
  if (!insecure && config_.keys.empty()) throw Error("gateway: give at least one --key ROLE=FILE");
  if (!config_.keys.empty()) replica_role_ = config_.keys.begin()->first;
  for (service::Role role : {service::Role::viewer, service::Role::dispatcher, service::Role::admin}) {
    if (!insecure && !config_.keys.count(role)) continue;
    auto forwarder = std::make_unique<Forwarder>();
    forwarder->requester = std::make_unique<service::Requester>(context_, connection_for(role));
    forwarders_[role] = std::move(forwarder);
  }
}

ServiceLink::~ServiceLink() {
  forwarders_.clear();
  context_.shutdown();
}

service::Connection ServiceLink::connection_for(service::Role role) const {
  service::Connection c;
  c.endpoints = config_.endpoints;
  if (!config_.server_public_z85.empty()) {
    c.client_keys = config_.keys.at(role);
    c.server_public_z85 = config_.server_public_z85;
  }
  return c;
}

void ServiceLink::set_connected(bool connected) {
  std::lock_guard lock(live_.mutex);
  if (live_.connected == connected) return;
  live_.connected = connected;
  live_.log.append("status", json{{"connected", connected}, {"seq", live_.replica.seq}}.dump());
  std::fprintf(stderr, "erde-gateway: service %s\n", connected ? "connected" : "not answering; retrying");
}

bool ServiceLink::take_snapshot(service::Requester& requester) {
  // Page by page (docs/PROTOCOL.md, "Keeping a replica"); the SUB queue keeps the updates
  // meanwhile, and the browsers keep the old picture until the last page is in.
  service::Replica assembly;
  for (;;) {
    json args = json::object();
    if (assembly.loading()) args["after"] = assembly.next_after();
    auto reply = requester.call("snapshot", args, milliseconds(3000));
    if (!reply) return false;
    if (!reply->value("ok", false)) {
      std::fprintf(stderr, "erde-gateway: snapshot refused: %s\n", reply->dump().c_str());
      return false;
    }
    if (assembly.load_snapshot((*reply)["result"])) break;
    if (!assembly.loading()) {
      std::fprintf(stderr, "erde-gateway: snapshot page malformed or out of order; starting again\n");
      return false;
    }
  }
  {
    std::lock_guard lock(live_.mutex);
    load_entities(live_.replica, assembly.seq, std::move(assembly.entities));
    live_.log.append("resync", json{{"seq", live_.replica.seq}}.dump());
  }
  set_connected(true);
  return true;
}

void ServiceLink::on_message(const std::string& topic, uint64_t seq, const std::string& body_text) {
  std::lock_guard lock(live_.mutex);
  Replica& r = live_.replica;
  if (topic == "HUGZ") {
    if (apply_heartbeat(r, seq) == Applied::stale) {
      json hugz = json::parse(body_text, nullptr, false);
      json time = hugz.is_object() ? hugz.value("time", json()) : json();
      live_.log.append("heartbeat", json{{"seq", seq}, {"time", time}}.dump());
    }
    return;
  }
  json body = json::parse(body_text, nullptr, false);
  if (body.is_discarded()) {
    std::fprintf(stderr, "erde-gateway: update %llu on %s is not JSON; resyncing\n",
                 static_cast<unsigned long long>(seq), topic.c_str());
    r.synced = false;
    return;
  }
  if (apply_update(r, topic, seq, body) != Applied::applied) return;
  bool drill = is_drill(r, topic, body);
  json event = {{"topic", topic}, {"seq", seq}, {"drill", drill}, {"body", std::move(body)}};
  live_.log.append("update", event.dump(-1, ' ', false, json::error_handler_t::replace));
}

void ServiceLink::run(const std::atomic<bool>& stop) {
  service::Connection connection = connection_for(replica_role_);
  zmq::socket_t sub(context_, zmq::socket_type::sub);
  service::configure_client_socket(sub, connection);
  sub.set(zmq::sockopt::rcvhwm, 100000);  // updates queued while a paged snapshot is taken
  sub.set(zmq::sockopt::subscribe, "");
  sub.connect(connection.endpoints.publish);
  service::Requester requester(context_, connection);
  auto last_heard = Steady::now();
  while (!stop) {
    bool synced;
    {
      std::lock_guard lock(live_.mutex);
      synced = live_.replica.synced;
    }
    if (!synced) {
      if (take_snapshot(requester)) last_heard = Steady::now();
      else set_connected(false);
    }
    zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, milliseconds(100)) > 0) {
      std::vector<zmq::message_t> frames;
      while (zmq::recv_multipart(sub, std::back_inserter(frames), zmq::recv_flags::dontwait)) {
        if (frames.size() == 3)
          on_message(frames[0].to_string(), std::strtoull(frames[1].to_string().c_str(), nullptr, 10),
                     frames[2].to_string());
        frames.clear();
        last_heard = Steady::now();
      }
    }
    if (Steady::now() - last_heard > milliseconds(3000)) {  // three heartbeats missed
      set_connected(false);
      std::lock_guard lock(live_.mutex);
      live_.replica.synced = false;
    }
  }
}

std::optional<json> ServiceLink::forward(const Action& action, const std::string& person, milliseconds timeout,
                                         bool& no_key) {
  no_key = false;
  for (auto& [role, forwarder] : forwarders_) {
    if (!service::allows(role, action.needs)) continue;
    std::lock_guard lock(forwarder->mutex);
    auto reply = forwarder->requester->call(action.kind, action.args, timeout, person, action.idempotency_key);
    // A new socket drops the request if it is still queued, so it cannot be carried out
    // later, unseen, when the service comes back.
    if (!reply) forwarder->requester = std::make_unique<service::Requester>(context_, connection_for(role));
    return reply;
  }
  no_key = true;
  return std::nullopt;
}

}  // namespace erde::web
