#include "gateway/http_api.hpp"

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "service/request.hpp"
#include "util/error.hpp"

namespace erde::web {

using nlohmann::json;
using service::Role;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kCommandTimeout{30000};  // planning an incident on a large district takes a while

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& field = {}) {
  send_json(res, status,
            {{"ok", false}, {"error", {{"code", code}, {"message", message}, {"field", field.empty() ? json() : json(field)}}}});
}

std::string token_of(const httplib::Request& req) {
  return cookie_value(req.get_header_value("Cookie"), kSessionCookie);
}

// The caller's session when it holds at least `needs`; otherwise the 401/403 reply is sent.
std::optional<Session> require(HttpContext& ctx, const httplib::Request& req, httplib::Response& res, Role needs) {
  auto session = ctx.sessions.find(token_of(req));
  if (!session) {
    send_error(res, 401, "unauthenticated", "log in first");
    return std::nullopt;
  }
  if (!service::allows(session->role, needs)) {
    send_error(res, 403, "forbidden",
               "a " + std::string(service::role_name(session->role)) + " may not do this; it needs the " +
                   std::string(service::role_name(needs)) + " role");
    return std::nullopt;
  }
  return session;
}

// The JSON body of a POST, or nullopt with a 415/400 reply. Requiring application/json also
// keeps other sites' plain form posts out (they cannot set this type without CORS approval).
std::optional<json> json_body(const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    send_error(res, 415, "bad_request", "send Content-Type: application/json");
    return std::nullopt;
  }
  json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    send_error(res, 400, "bad_json", "the body is not JSON");
    return std::nullopt;
  }
  return body;
}

void run_action(HttpContext& ctx, const httplib::Request& req, httplib::Response& res, Role needs,
                const std::function<Action(const json&)>& make) {
  auto session = require(ctx, req, res, needs);
  if (!session) return;
  auto body = json_body(req, res);
  if (!body) return;
  Action action;
  try {
    action = make(*body);
  } catch (const BadPayload& bad) {
    send_error(res, 400, "bad_request", bad.message, bad.field);
    return;
  }
  action.idempotency_key = req.get_header_value("Idempotency-Key");
  if (action.idempotency_key.size() > service::kMaxIdempotencyKeyBytes ||
      !std::all_of(action.idempotency_key.begin(), action.idempotency_key.end(),
                   [](char c) { return c > 0x20 && c < 0x7f; })) {
    send_error(res, 400, "bad_request", "Idempotency-Key is up to 64 printable ASCII characters",
               "Idempotency-Key");
    return;
  }
  {
    std::lock_guard lock(ctx.live->mutex);
    if (!ctx.live->connected) {
      send_error(res, 503, "service_down", "the service is not answering; nothing was sent");
      return;
    }
  }
  bool no_key = false;
  auto reply = ctx.link->forward(action, session->user, kCommandTimeout, no_key);
  if (no_key) {
    send_error(res, 503, "no_key", "the gateway holds no service key allowed to do " + action.kind);
    return;
  }
  if (!reply) {
    send_error(res, 504, "timeout",
               "the service did not answer in time; the live picture shows whether it was carried out");
    return;
  }
  int status = http_status(*reply);
  std::fprintf(stderr, "erde-gateway: %s (%s) %s -> %d\n", session->user.c_str(),
               std::string(service::role_name(session->role)).c_str(), action.kind.c_str(), status);
  send_json(res, status, *reply);
}

void stream_events(HttpContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto session = require(ctx, req, res, Role::viewer);
  if (!session) return;
  std::string token = token_of(req);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");
  struct Cursor {
    bool started = false;
    uint64_t next = 0;
  };
  auto cursor = std::make_shared<Cursor>();
  res.set_chunked_content_provider(
      "text/event-stream", [&ctx, token, cursor](size_t, httplib::DataSink& sink) {
        auto send_state = [&] {
          std::string state = ctx.live->state_text(cursor->next);
          std::string frame = sse_frame("state", 0, state);
          return sink.write(frame.data(), frame.size());
        };
        if (*ctx.stop || !ctx.sessions.find(token)) return false;
        if (!cursor->started) {
          cursor->started = true;
          std::string retry = "retry: 2000\n\n";
          return sink.write(retry.data(), retry.size()) && send_state();
        }
        auto batch = ctx.live->log.wait_after(cursor->next - 1, milliseconds(5000));
        if (*ctx.stop) return false;
        if (batch.behind) return send_state();
        if (batch.events.empty()) {
          std::string ping = sse_comment("keep-alive");
          return sink.write(ping.data(), ping.size());
        }
        for (const LogEvent& e : batch.events) {
          cursor->next = e.id + 1;
          // After a resync the browser starts again from the whole state.
          if (e.event == "resync") {
            if (!send_state()) return false;
            continue;
          }
          std::string frame = sse_frame(e.event, e.id, e.data);
          if (!sink.write(frame.data(), frame.size())) return false;
        }
        return true;
      });
}

}  // namespace

std::filesystem::path default_web_dir() { return ERDE_WEB_DIR; }

void install_routes(httplib::Server& server, HttpContext& ctx, const std::filesystem::path& app_dir,
                    const std::filesystem::path& leaflet_dir) {
  if (!std::filesystem::is_regular_file(app_dir / "index.html"))
    throw Error("gateway: no index.html in " + app_dir.string());
  if (!std::filesystem::is_regular_file(leaflet_dir / "leaflet.js"))
    throw Error("gateway: Leaflet not found in " + leaflet_dir.string() +
                "; run `npm ci` in clients/web (or pass --web DIR)");
  server.set_mount_point("/", app_dir.string());
  server.set_mount_point("/vendor/leaflet", leaflet_dir.string());

  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "connect-src 'self'; frame-ancestors 'none'");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string message = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "erde-gateway: internal error: %s\n", message.c_str());
    send_error(res, 500, "internal", "internal error");
  });

  server.Post("/api/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    if (!body->is_object() || !body->contains("name") || !(*body)["name"].is_string() ||
        !body->contains("password") || !(*body)["password"].is_string()) {
      send_error(res, 400, "bad_request", "send {\"name\", \"password\"}");
      return;
    }
    const std::string name = (*body)["name"];
    const auto now = LoginThrottle::Clock::now();
    if (const auto wait = ctx.throttle.wait(req.remote_addr, name, now); wait.count() > 0) {
      std::fprintf(stderr, "erde-gateway: login for '%s' from %s held back %llds after failures\n", name.c_str(),
                   req.remote_addr.c_str(), static_cast<long long>(wait.count()));
      res.set_header("Retry-After", std::to_string(wait.count()));
      send_error(res, 429, "too_many_attempts",
                 "too many failed logins; try again in " + std::to_string(wait.count()) + " s");
      return;
    }
    static std::mutex hashing;  // each check takes 64 MiB: one at a time
    std::optional<User> user;
    {
      std::lock_guard lock(hashing);
      user = authenticate(ctx.users, name, (*body)["password"]);
    }
    if (!user) {
      ctx.throttle.failed(req.remote_addr, name, LoginThrottle::Clock::now());  // after the slow hash
      std::fprintf(stderr, "erde-gateway: failed login for '%s' from %s\n", name.c_str(), req.remote_addr.c_str());
      send_error(res, 401, "bad_login", "wrong name or password");
      return;
    }
    ctx.throttle.succeeded(req.remote_addr, name);
    std::string token = ctx.sessions.open({user->name, user->role});
    res.set_header("Set-Cookie", session_cookie(token));
    send_json(res, 200, {{"name", user->name}, {"role", service::role_name(user->role)}});
  });
  server.Post("/api/logout", [&ctx](const httplib::Request& req, httplib::Response& res) {
    ctx.sessions.close(token_of(req));
    res.set_header("Set-Cookie", session_cookie(""));
    send_json(res, 200, {{"ok", true}});
  });
  server.Get("/api/me", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto session = require(ctx, req, res, Role::viewer);
    if (!session) return;
    send_json(res, 200, {{"name", session->user}, {"role", service::role_name(session->role)}});
  });
  server.Get("/api/district", [&ctx](const httplib::Request& req, httplib::Response& res) {
    if (!require(ctx, req, res, Role::viewer)) return;
    res.set_content(ctx.district_text, "application/json");
  });
  server.Get("/api/vocabulary", [&ctx](const httplib::Request& req, httplib::Response& res) {
    if (!require(ctx, req, res, Role::viewer)) return;
    res.set_content(ctx.vocabulary_text, "application/json");
  });
  server.Get("/api/state", [&ctx](const httplib::Request& req, httplib::Response& res) {
    if (!require(ctx, req, res, Role::viewer)) return;
    uint64_t next = 0;
    res.set_content(ctx.live->state_text(next), "application/json");
  });
  server.Get("/api/events", [&ctx](const httplib::Request& req, httplib::Response& res) {
    stream_events(ctx, req, res);
  });
  server.Post("/api/incidents", [&ctx](const httplib::Request& req, httplib::Response& res) {
    run_action(ctx, req, res, Role::dispatcher, incident_action);
  });
  server.Post(R"(/api/incidents/([A-Za-z0-9._:-]+)/close)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    run_action(ctx, req, res, Role::dispatcher, [&](const json& b) { return incident_close_action(id, b); });
  });
  server.Post(R"(/api/incidents/([A-Za-z0-9._:-]+)/preempt)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    run_action(ctx, req, res, Role::dispatcher, [&](const json& b) { return incident_preempt_action(id, b); });
  });
  server.Post("/api/event/share", [&ctx](const httplib::Request& req, httplib::Response& res) {
    run_action(ctx, req, res, Role::dispatcher, event_share_action);
  });
  server.Post(R"(/api/teams/([A-Za-z0-9._:-]+)/status)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    run_action(ctx, req, res, Role::dispatcher, [&](const json& b) { return team_status_action(id, b); });
  });
  server.Post("/api/closures", [&ctx](const httplib::Request& req, httplib::Response& res) {
    run_action(ctx, req, res, Role::admin, closure_action);
  });
  server.Post(R"(/api/closures/([A-Za-z0-9._:-]+)/remove)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    run_action(ctx, req, res, Role::admin, [&](const json&) { return closure_remove_action(id); });
  });
}

}  // namespace erde::web
