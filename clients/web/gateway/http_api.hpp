#pragma once
// The gateway's HTTP side (docs/WEB_CONSOLE.md): the page and Leaflet from disk, login with a
// session cookie, the district and vocabulary, the live stream (Server-Sent Events) and the
// actions forwarded to the service by role.
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include <httplib.h>

#include "gateway/login_throttle.hpp"
#include "gateway/service_link.hpp"
#include "gateway/sessions.hpp"
#include "gateway/users.hpp"

namespace erde::web {

struct HttpContext {
  std::vector<User> users;
  SessionStore sessions;
  LoginThrottle throttle;
  Live* live = nullptr;
  ServiceLink* link = nullptr;
  std::string district_text;    // /api/district
  std::string vocabulary_text;  // /api/vocabulary
  std::atomic<bool>* stop = nullptr;
};

// The clients/web folder of the source tree the gateway was built from (app/, node_modules/).
std::filesystem::path default_web_dir();

// Mounts app_dir at / and leaflet_dir at /vendor/leaflet, and the /api routes.
// Throws erde::Error when a folder is missing.
void install_routes(httplib::Server& server, HttpContext& context, const std::filesystem::path& app_dir,
                    const std::filesystem::path& leaflet_dir);

}  // namespace erde::web
