// `erde serve`: the command centre's always-on service (protocol in docs/PROTOCOL.md).
#include <csignal>
#include <cstdio>

#include "cli/command.hpp"
#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "service/domain_state.hpp"
#include "service/server.hpp"
#include "util/data_paths.hpp"
#include "util/error.hpp"

namespace erde::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) { g_stop = true; }

struct ServeArgs {
  std::vector<std::string> data;
  std::string roads;
  std::string profiles = data_file("profiles.json");
  double snap_m = 500;
  std::string bind = "tcp://127.0.0.1:5555/5556";
  std::string keys;
  std::string cert;
  std::string journal;
  std::string scenarios = scenarios_dir();
  bool insecure = false;
  int publish_hwm = service::kDefaultPublishHwm;
  size_t max_frame = service::kDefaultMaxFrameBytes;
};

int serve(const ServeArgs& a) {
  service::ServerOptions options;
  options.bind = service::parse_bind(a.bind);
  options.journal = a.journal;
  options.scenarios = a.scenarios;
  options.publish_hwm = a.publish_hwm;
  options.max_frame_bytes = a.max_frame;
  if (a.insecure) {
    std::fprintf(stderr,
                 "\n*** erde serve: INSECURE MODE (--insecure) ***\n"
                 "*** no encryption, no authentication: anyone who reaches %s may act as admin ***\n\n",
                 a.bind.c_str());
  } else {
    if (a.keys.empty() || a.cert.empty())
      throw Error("serve: --keys and --cert are required (or --insecure for a closed test network)");
    options.server_keys = service::load_certificate(a.cert);
    if (options.server_keys->secret_z85.empty())
      throw Error("serve: " + a.cert + " holds no secret-key; pass the NAME.key_secret file");
    options.clients = service::load_client_keys(a.keys);
  }

  Dataset data;
  std::shared_ptr<const RoadIndex> roads;
  if (!a.data.empty()) {
    LoadOptions load;
    data = load_sources(a.data, load).data;
    roads = open_dispatch_index(a.roads.empty() ? a.data.front() : a.roads, a.profiles, a.snap_m);
    std::fprintf(stderr, "erde serve: %zu teams, %zu depots, %zu shelters; roads %u nodes, %u edges, indexed in %.2f s\n",
                 data.teams.size(), data.depots.size(), data.shelters.size(), roads->graph.node_count(),
                 roads->graph.edge_count(), roads->build_seconds);
  } else {
    std::fprintf(stderr, "erde serve: no --data given; serving an empty dataset\n");
  }

  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  const bool secure = options.server_keys.has_value();
  const std::string server_key = secure ? options.server_keys->public_z85 : std::string();
  service::run_server(options, service::make_domain_state_machine(std::move(data), std::move(roads)), g_stop,
                      [&](const service::ServerReady& ready) {
                        std::printf("erde serve: ready request=%s publish=%s seq=%llu replayed=%zu%s%s\n",
                                    ready.bound.request.c_str(), ready.bound.publish.c_str(),
                                    static_cast<unsigned long long>(ready.seq), ready.replayed,
                                    secure ? " server_key=" : " INSECURE", server_key.c_str());
                        std::fflush(stdout);
                      });
  std::fprintf(stderr, "erde serve: stopped\n");
  return 0;
}

const Registrar registrar{"serve", [](CLI::App& app) -> std::function<int()> {
  auto a = std::make_shared<ServeArgs>();
  auto* sub = app.add_subcommand("serve", "Run the always-on dispatch service (ZeroMQ, CURVE, journal)");
  sub->add_option("--data", a->data, "GIS sources with the district's resources (any OGR format)");
  sub->add_option("--roads", a->roads, "Road network for dispatch (default: the first --data source's roads)");
  sub->add_option("--profiles", a->profiles, "Vehicle profiles")->capture_default_str();
  sub->add_option("--snap-m", a->snap_m, "Farthest a place may lie from its road, metres")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 5000.0));
  sub->add_option("--bind", a->bind,
                  "tcp://HOST:REQUEST_PORT/PUBLISH_PORT, or '<request>,<publish>' endpoints")
      ->capture_default_str();
  sub->add_option("--keys", a->keys, "Authorised clients: '<role> <name> <public key>' per line");
  sub->add_option("--cert", a->cert, "The server's secret certificate (NAME.key_secret from erde keygen)");
  sub->add_option("--journal", a->journal,
                  "Command journal (created when missing); a drill writes drill-<id>.journal beside it")
      ->required();
  sub->add_option("--scenarios", a->scenarios, "Folder of the drill scenarios an admin may start (drill.start names a file in it)")
      ->capture_default_str();
  sub->add_flag("--insecure", a->insecure, "Plain TCP without encryption or authentication (tests only)");
  sub->add_option("--publish-hwm", a->publish_hwm,
                  "Updates queued per subscriber before it starts missing them")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  sub->add_option("--max-frame", a->max_frame, "Largest accepted request in bytes")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{64} << 20));
  return [a] { return serve(*a); };
}};

}  // namespace
}  // namespace erde::cli
