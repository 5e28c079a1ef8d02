// erde-gateway: the browser map console's bridge to `erde serve` (docs/WEB_CONSOLE.md).
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "gateway/district.hpp"
#include "gateway/http_api.hpp"
#include "geo/load.hpp"
#include "graph/import.hpp"
#include "service/server.hpp"
#include "util/error.hpp"

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

struct Options {
  std::string service = "tcp://127.0.0.1:5555/5556";
  std::string server_key;
  std::vector<std::string> keys;
  bool insecure = false;
  std::string users;
  std::vector<std::string> data;
  std::string roads;
  std::string listen = "127.0.0.1:8080";
  std::string web = erde::web::default_web_dir().string();
};

std::pair<std::string, int> parse_listen(const std::string& text) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw erde::Error("--listen wants HOST:PORT, e.g. 127.0.0.1:8080");
  int port = -1;
  try {
    port = std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
  }
  if (port < 0 || port > 65535) throw erde::Error("--listen: port must be 0…65535 (0 picks a free one)");
  return {text.substr(0, colon), port};
}

erde::web::LinkConfig link_config(const Options& o) {
  erde::web::LinkConfig config;
  config.endpoints = erde::service::parse_bind(o.service);
  if (o.insecure) {
    if (!o.keys.empty() || !o.server_key.empty())
      throw erde::Error("--insecure takes no --key or --server-key");
    return config;
  }
  if (o.server_key.empty()) throw erde::Error("--server-key is required (or --insecure for a test server)");
  config.server_public_z85 = erde::service::load_certificate(o.server_key).public_z85;
  for (const std::string& spec : o.keys) {
    size_t eq = spec.find('=');
    auto role = eq == std::string::npos ? std::nullopt : erde::service::parse_role(spec.substr(0, eq));
    if (!role) throw erde::Error("--key wants ROLE=FILE with ROLE viewer, dispatcher or admin: '" + spec + "'");
    auto keys = erde::service::load_certificate(spec.substr(eq + 1));
    if (keys.secret_z85.empty())
      throw erde::Error("--key " + spec + ": the file holds no secret-key; pass NAME.key_secret");
    if (!config.keys.emplace(*role, keys).second) throw erde::Error("--key: role given twice: " + spec);
  }
  if (config.keys.empty()) throw erde::Error("give at least one --key ROLE=FILE");
  return config;
}

int serve(const Options& o) {
  using namespace erde;
  auto [host, port] = parse_listen(o.listen);
  web::HttpContext ctx;
  ctx.users = web::load_users(o.users);
  if (ctx.users.empty()) throw Error("the users file " + o.users + " lists nobody");

  LoadOptions load;
  load.progress = false;
  Dataset data = load_sources(o.data, load).data;
  RoadGraph roads = open_roads(o.roads.empty() ? o.data.front() : o.roads);
  GeosContext geos;
  ctx.district_text = web::district_geojson(data, roads, geos).dump();
  ctx.vocabulary_text = web::vocabulary_json().dump();
  std::fprintf(stderr, "erde-gateway: district of %zu areas, %zu risk points, %u road segments; %zu users\n",
               data.areas.size(), data.risk_points.size(), roads.segment_count(), ctx.users.size());

  web::Live live;
  web::ServiceLink link(link_config(o), live);
  ctx.live = &live;
  ctx.link = &link;
  ctx.stop = &g_stop;

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };  // each open stream holds one
  server.set_keep_alive_timeout(30);
  server.set_payload_max_length(1 << 20);
  std::filesystem::path web_dir = o.web;
  web::install_routes(server, ctx, web_dir / "app", web_dir / "node_modules" / "leaflet" / "dist");
  if (port == 0) port = server.bind_to_any_port(host);
  else if (!server.bind_to_port(host, port)) port = -1;
  if (port < 0) throw Error("cannot listen on " + o.listen);

  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  std::thread replica([&] { link.run(g_stop); });
  std::thread http([&] { server.listen_after_bind(); });
  std::printf("erde-gateway: ready http://%s:%d/ replica_role=%s\n", host.c_str(), port,
              std::string(service::role_name(link.replica_role())).c_str());
  std::fflush(stdout);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  live.log.wake();
  server.stop();
  http.join();
  replica.join();
  std::fprintf(stderr, "erde-gateway: stopped\n");
  return 0;
}

int hash_password_command() {
  std::string password;
  if (!std::getline(std::cin, password) || password.empty()) {
    std::fprintf(stderr, "erde-gateway hash-password: give the password on standard input\n");
    return 2;
  }
  std::printf("%s\n", erde::web::hash_password(password).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"erde-gateway: the browser map console for `erde serve` (docs/WEB_CONSOLE.md)"};
  Options o;
  app.add_option("--service", o.service, "The service's endpoints, as `erde serve --bind` printed them: "
                                         "tcp://HOST:REQ_PORT/PUB_PORT or REQ,PUB")->capture_default_str();
  app.add_option("--server-key", o.server_key, "The server's public key file (server.key)");
  app.add_option("--key", o.keys, "ROLE=NAME.key_secret: the gateway's own key for a role "
                                  "(viewer, dispatcher, admin); repeat per role");
  app.add_flag("--insecure", o.insecure, "The service runs --insecure (closed test network only)");
  app.add_option("--users", o.users, "Users file: <role> <name> <hash> per line");
  app.add_option("--data", o.data, "The district's layers (as given to erde serve --data)");
  app.add_option("--roads", o.roads, "Road source (default: the first --data)");
  app.add_option("--listen", o.listen, "HOST:PORT for the browser (port 0 picks a free one)")->capture_default_str();
  app.add_option("--web", o.web, "Folder with app/ and node_modules/leaflet")->capture_default_str();
  auto* hash = app.add_subcommand("hash-password", "Read a password on standard input; print its hash for the users file");
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  try {
    if (hash->parsed()) return hash_password_command();
    if (o.users.empty() || o.data.empty()) {
      std::fprintf(stderr, "erde-gateway: --users and --data are required\n%s", app.help().c_str());
      return 2;
    }
    return serve(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "erde-gateway: %s\n", e.what());
    return 1;
  }
}
