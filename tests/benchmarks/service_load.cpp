// Load on `erde serve`'s engine over loopback with CURVE on (docs/PROTOCOL.md): a dispatcher
// submits incidents at a fixed rate, closing each one N requests later (so at most N are open, as
// in a real shift), while M subscribers follow the PUB stream. Measures each
// request's latency from its scheduled send time (so a stalled server is not hidden), checks that
// every subscriber received every update exactly once and in order, and samples the server's
// RSS. The server runs in a forked child process so its memory is its own.
//
//   bench_service_load [--seconds 60] [--rate 1000] [--subscribers 20] [--close-after 50]
//                      [--data geodata/demo/demo.gpkg | --data none] [--journal-dir DIR]
//                      [--no-group-commit]
//
// --rate counts requests: the default 1000/s is 500 incident submissions and 500 closes a
// second. --close-after 0 never closes; --no-group-commit fsyncs every command on its own.
//
// A stand-alone program (Google Benchmark's repeated timing loop fits an open-loop rate test
// poorly); exit status 1 when an update was lost or a request failed.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "dispatch/road_times.hpp"
#include "geo/load.hpp"
#include "service/client.hpp"
#include "service/domain_state.hpp"
#include "service/keys.hpp"
#include "service/server.hpp"

namespace {

using namespace erde;
using nlohmann::json;
using Steady = std::chrono::steady_clock;

struct LoadTest {
  double seconds = 60;
  double rate = 1000;  // requests: with --close-after, half submit and half close incidents
  int subscribers = 20;
  std::string data = ERDE_SOURCE_DIR "/geodata/demo/demo.gpkg";  // "none": no dispatch planning
  std::string journal_dir;  // default: a fresh folder under the temporary directory
  int close_after = 50;     // requests after its submission an incident is closed; 0: never
  bool group_commit = true;
};

LoadTest parse(int argc, char** argv) {
  LoadTest o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--seconds") o.seconds = std::stod(value());
    else if (a == "--rate") o.rate = std::stod(value());
    else if (a == "--subscribers") o.subscribers = std::stoi(value());
    else if (a == "--data") o.data = value();
    else if (a == "--journal-dir") o.journal_dir = value();
    else if (a == "--close-after") o.close_after = std::stoi(value());
    else if (a == "--no-group-commit") o.group_commit = false;
    else {
      std::fprintf(stderr,
                   "usage: bench_service_load [--seconds S] [--rate PER_S] [--subscribers N] "
                   "[--close-after N] [--data GPKG|none] [--journal-dir DIR] [--no-group-commit]\n");
      std::exit(2);
    }
  }
  if (o.seconds <= 0 || o.rate <= 0 || o.subscribers < 1 || o.close_after < 0) {
    std::fprintf(stderr, "--seconds, --rate and --subscribers must be positive\n");
    std::exit(2);
  }
  return o;
}

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::atomic<bool> g_stop{false};
extern "C" void on_term(int) { g_stop = true; }

// The child: loads the district, serves until SIGTERM; writes "request publish" to `ready_fd`.
[[noreturn]] void serve_child(const LoadTest& o, const service::KeyPair& server_keys,
                              const std::vector<service::ClientKey>& clients,
                              const std::filesystem::path& journal, int ready_fd) {
  struct sigaction action {};
  action.sa_handler = on_term;
  sigaction(SIGTERM, &action, nullptr);
  try {
    Dataset data;
    std::shared_ptr<const RoadIndex> roads;
    if (o.data != "none") {
      data = load_sources({o.data}, {}).data;
      roads = open_dispatch_index(o.data, ERDE_SOURCE_DIR "/geodata/profiles.json", 500);
    }
    service::ServerOptions options;
    options.bind = service::parse_bind("tcp://127.0.0.1:*/*");
    options.journal = journal;
    options.server_keys = server_keys;
    options.clients = clients;
    options.group_commit = o.group_commit;
    options.log = [](const std::string& line) { std::fprintf(stderr, "server: %s\n", line.c_str()); };
    service::run_server(options, service::make_domain_state_machine(std::move(data), std::move(roads)),
                        g_stop, [&](const service::ServerReady& ready) {
                          std::string line = ready.bound.request + " " + ready.bound.publish + "\n";
                          if (::write(ready_fd, line.data(), line.size()) < 0) std::_Exit(3);
                          ::close(ready_fd);
                        });
  } catch (const std::exception& e) {
    std::fprintf(stderr, "server: %s\n", e.what());
    std::_Exit(1);
  }
  std::_Exit(0);
}

struct Subscriber {
  zmq::socket_t socket;
  uint64_t last = 0;      // last update sequence received
  uint64_t received = 0;  // updates (not heartbeats)
  uint64_t out_of_order = 0;
  bool heard = false;     // got at least one message (subscription live)
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

// Places to report incidents at: the district's risk points (or a fixed area without data).
std::vector<std::pair<double, double>> incident_places(const LoadTest& o) {
  std::vector<std::pair<double, double>> places;
  if (o.data != "none")
    for (const RiskPoint& p : load_sources({o.data}, {}).data.risk_points)
      places.emplace_back(p.location.lon, p.location.lat);
  if (places.empty()) places.emplace_back(113.27, 23.13);
  return places;
}

}  // namespace

int main(int argc, char** argv) {
  LoadTest o = parse(argc, argv);
  std::filesystem::path dir = o.journal_dir;
  bool own_dir = dir.empty();
  if (own_dir) {
    std::string pattern = (std::filesystem::temp_directory_path() / "erde-load-XXXXXX").string();
    dir = ::mkdtemp(pattern.data());
  }
  std::filesystem::path journal = dir / "load.journal";
  std::filesystem::remove(journal);

  service::KeyPair server_keys = service::generate_keypair();
  service::KeyPair duty = service::generate_keypair();
  service::KeyPair wall = service::generate_keypair();
  std::vector<service::ClientKey> clients = {{"duty", service::Role::dispatcher, duty.public_z85},
                                             {"wall", service::Role::viewer, wall.public_z85}};
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return 3;
  pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_fds[0]);
    serve_child(o, server_keys, clients, journal, pipe_fds[1]);
  }
  ::close(pipe_fds[1]);
  char buffer[512] = {};
  ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer - 1);
  ::close(pipe_fds[0]);
  if (n <= 0) {
    std::fprintf(stderr, "the server did not start\n");
    ::waitpid(child, nullptr, 0);
    return 1;
  }
  char request_ep[256], publish_ep[256];
  if (std::sscanf(buffer, "%255s %255s", request_ep, publish_ep) != 2) return 1;
  service::Endpoints endpoints{request_ep, publish_ep};
  auto places = incident_places(o);  // after the fork: the child starts with no GDAL state

  zmq::context_t context(2);
  service::Connection wall_connection{endpoints, wall, server_keys.public_z85, 0};
  std::vector<Subscriber> subs;
  for (int i = 0; i < o.subscribers; ++i) {
    subs.push_back({zmq::socket_t(context, zmq::socket_type::sub)});
    auto& s = subs.back().socket;
    service::configure_client_socket(s, wall_connection);
    s.set(zmq::sockopt::rcvhwm, 0);  // the test judges the server's queue, not ours
    s.set(zmq::sockopt::subscribe, "");
    s.connect(endpoints.publish);
  }
  std::atomic<bool> subscribers_stop{false};
  std::atomic<int> heard_count{0};
  std::thread follower([&] {
    std::vector<zmq::pollitem_t> items;
    for (auto& s : subs) items.push_back({s.socket.handle(), 0, ZMQ_POLLIN, 0});
    std::vector<zmq::message_t> frames;
    while (!subscribers_stop) {
      zmq::poll(items.data(), items.size(), std::chrono::milliseconds(100));
      for (size_t k = 0; k < subs.size(); ++k) {
        if (!(items[k].revents & ZMQ_POLLIN)) continue;
        Subscriber& s = subs[k];
        for (int m = 0; m < 500; ++m) {
          frames.clear();
          if (!zmq::recv_multipart(s.socket, std::back_inserter(frames), zmq::recv_flags::dontwait)) break;
          if (frames.size() != 3) {
            ++s.out_of_order;
            continue;
          }
          if (!s.heard) {
            s.heard = true;
            ++heard_count;
          }
          if (frames[0].to_string_view() == "HUGZ") continue;
          uint64_t seq = std::strtoull(frames[1].to_string().c_str(), nullptr, 10);
          if (s.received > 0 && seq != s.last + 1) ++s.out_of_order;
          if (s.received == 0 && seq != 1) ++s.out_of_order;  // every update from the first
          s.last = seq;
          ++s.received;
        }
      }
    }
  });
  // Every subscription live (a heartbeat arrived on each) before the load starts.
  auto wait_start = Steady::now();
  while (heard_count < o.subscribers && Steady::now() - wait_start < std::chrono::seconds(20))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (heard_count < o.subscribers) {
    std::fprintf(stderr, "only %d of %d subscribers heard the server\n", heard_count.load(), o.subscribers);
    subscribers_stop = true;
    follower.join();
    ::kill(child, SIGTERM);
    ::waitpid(child, nullptr, 0);
    return 1;
  }

  zmq::socket_t dealer(context, zmq::socket_type::dealer);
  service::configure_client_socket(dealer, {endpoints, duty, server_keys.public_z85, 0});
  dealer.connect(endpoints.request);

  const auto total = static_cast<uint64_t>(o.seconds * o.rate);
  const auto interval = std::chrono::duration<double>(1.0 / o.rate);
  std::vector<Steady::time_point> scheduled(total);
  std::vector<double> latency_ms;
  latency_ms.reserve(total);
  std::mt19937_64 random(20261123);
  const char* types[] = {"fire", "waterlogging", "traffic_accident", "gas_explosion", "hazchem_leak"};
  const char* severities[] = {"general", "large"};
  uint64_t sent = 0, replied = 0, refused = 0, last_seq = 0, closes = 0;
  std::deque<std::string> open_incidents;  // acknowledged, not yet closed, oldest first
  size_t submitted_since_close = 0;
  long rss_start = rss_kib(child), rss_middle = -1, rss_end = -1;
  size_t bytes_sent = 0;
  const auto start = Steady::now();
  const auto give_up = start + std::chrono::duration_cast<Steady::duration>(
                                   std::chrono::duration<double>(o.seconds + 60));
  std::vector<zmq::message_t> reply;
  while (replied < total && Steady::now() < give_up) {
    auto now = Steady::now();
    while (sent < total && start + std::chrono::duration_cast<Steady::duration>(interval * static_cast<double>(sent)) <= now) {
      std::string text;
      if (o.close_after > 0 && !open_incidents.empty() &&
          (open_incidents.size() >= static_cast<size_t>(o.close_after) ||
           submitted_since_close >= static_cast<size_t>(o.close_after))) {
        json args = {{"id", open_incidents.front()}, {"reason", "resolved"}};
        open_incidents.pop_front();
        submitted_since_close = 0;
        ++closes;
        text = json{{"id", sent}, {"kind", "incident.close"}, {"args", args}}.dump();
      } else {
        auto [lon, lat] = places[random() % places.size()];
        double jitter_lon = static_cast<double>(random() % 2001) * 1e-6 - 1e-3;
        double jitter_lat = static_cast<double>(random() % 2001) * 1e-6 - 1e-3;
        json args = {{"type", types[random() % 5]}, {"severity", severities[random() % 2]},
                     {"location", {{"lon", lon + jitter_lon}, {"lat", lat + jitter_lat}}}};
        text = json{{"id", sent}, {"kind", "incident.submit"}, {"args", args}}.dump();
        ++submitted_since_close;
      }
      bytes_sent += text.size();
      scheduled[sent] = start + std::chrono::duration_cast<Steady::duration>(interval * static_cast<double>(sent));
      dealer.send(zmq::buffer(text), zmq::send_flags::none);
      ++sent;
    }
    if (rss_middle < 0 && now - start >= std::chrono::duration<double>(o.seconds / 2)) rss_middle = rss_kib(child);
    auto next_due = sent < total ? start + std::chrono::duration_cast<Steady::duration>(interval * static_cast<double>(sent))
                                 : now + std::chrono::milliseconds(100);
    // Rounded up: a request may leave up to 1 ms late (and counts that in its latency), but the
    // generator does not spin on the two cores it shares with the server.
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(next_due - Steady::now());
    zmq::pollitem_t item{dealer.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::max(wait, std::chrono::milliseconds(0)));
    while (true) {
      reply.clear();
      if (!zmq::recv_multipart(dealer, std::back_inserter(reply), zmq::recv_flags::dontwait)) break;
      auto got = Steady::now();
      json r = json::parse(reply.back().to_string(), nullptr, false);
      if (!r.is_object() || !r.contains("id") || !r["id"].is_number_unsigned()) continue;
      uint64_t id = r["id"].get<uint64_t>();
      if (id >= sent) continue;
      latency_ms.push_back(std::chrono::duration<double, std::milli>(got - scheduled[id]).count());
      ++replied;
      if (!r.value("ok", false)) {
        if (refused++ < 3) std::fprintf(stderr, "refused: %s\n", r.dump().substr(0, 300).c_str());
      } else {
        last_seq = std::max(last_seq, r["seq"].get<uint64_t>());
        const json& entity = r["result"]["entity"];
        if (entity.is_object() && entity.value("status", "") == "open" && entity["id"].is_string())
          open_incidents.push_back(entity["id"].get<std::string>());
      }
    }
  }
  double elapsed = std::chrono::duration<double>(Steady::now() - start).count();
  rss_end = rss_kib(child);

  // Let the subscribers drain up to the last sequence the server reported.
  auto drain_start = Steady::now();
  auto all_caught_up = [&] {
    for (const auto& s : subs)
      if (s.last < last_seq) return false;
    return true;
  };
  while (!all_caught_up() && Steady::now() - drain_start < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  double drain_s = std::chrono::duration<double>(Steady::now() - drain_start).count();
  subscribers_stop = true;
  follower.join();

  ::kill(child, SIGTERM);
  int status = 0;
  ::waitpid(child, &status, 0);
  auto journal_bytes = std::filesystem::exists(journal) ? std::filesystem::file_size(journal) : 0;
  if (own_dir) std::filesystem::remove_all(dir);

  bool lost = false;
  uint64_t min_received = UINT64_MAX, max_received = 0, disorder = 0;
  for (const auto& s : subs) {
    min_received = std::min(min_received, s.received);
    max_received = std::max(max_received, s.received);
    disorder += s.out_of_order;
    if (s.received != last_seq || s.out_of_order != 0) lost = true;
  }
  std::printf("service load: %s, CURVE on, loopback, %d subscribers, %.0f requests/s for %.0f s, "
              "close after %d, %s\n",
              o.data == "none" ? "no dispatch planning (empty dataset)" : ("dispatch planning on " + o.data).c_str(),
              o.subscribers, o.rate, o.seconds, o.close_after,
              o.group_commit ? "group commit" : "one fsync per command");
  std::printf("requests: %llu incident.submit (%.0f/s) and %llu incident.close (%.0f/s)\n",
              static_cast<unsigned long long>(sent - closes), static_cast<double>(sent - closes) / o.seconds,
              static_cast<unsigned long long>(closes), static_cast<double>(closes) / o.seconds);
  std::printf("requests: %llu sent, %llu replied, %llu refused in %.1f s (%.0f/s achieved)\n",
              static_cast<unsigned long long>(sent), static_cast<unsigned long long>(replied),
              static_cast<unsigned long long>(refused), elapsed, static_cast<double>(replied) / elapsed);
  std::printf("request latency from scheduled send: p50 %.2f ms  p99 %.2f ms  max %.2f ms  (target p99 <= 20 ms)\n",
              percentile(latency_ms, 0.5), percentile(latency_ms, 0.99), percentile(latency_ms, 1.0));
  std::printf("updates: %llu published (seq 1..%llu, %.1f per request); per subscriber received min %llu max %llu, "
              "out of order/missing %llu; drained %.1f s after the last reply\n",
              static_cast<unsigned long long>(last_seq), static_cast<unsigned long long>(last_seq),
              replied ? static_cast<double>(last_seq) / static_cast<double>(replied - refused) : 0.0,
              static_cast<unsigned long long>(min_received), static_cast<unsigned long long>(max_received),
              static_cast<unsigned long long>(disorder), drain_s);
  std::printf("server RSS: start %.1f MiB, middle %.1f MiB, end %.1f MiB; journal %.1f MiB\n",
              static_cast<double>(rss_start) / 1024.0, static_cast<double>(rss_middle) / 1024.0,
              static_cast<double>(rss_end) / 1024.0,
              static_cast<double>(journal_bytes) / (1024.0 * 1024.0));
  std::printf("every subscriber received every update in order: %s\n", lost ? "NO" : "yes");
  return lost || refused > 0 || replied < total ? 1 : 0;
}
