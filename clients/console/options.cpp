#include "options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "service/keys.hpp"
#include "service/server.hpp"
#include "util/error.hpp"

namespace erde::console {

namespace {

double number_option(const std::string& name, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || errno != 0 || end != text.c_str() + text.size() || !std::isfinite(v) || v <= 0)
    throw Error(name + " needs a positive number, got '" + text + "'");
  return v;
}

}  // namespace

ConsoleOptions parse_options(const std::vector<std::string>& args) {
  ConsoleOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw Error(a + " needs a value");
      return args[++i];
    };
    if (a == "--help" || a == "-h") o.help = true;
    else if (a == "--connect") o.connect = value();
    else if (a == "--cert") o.cert = value();
    else if (a == "--server-key") o.server_key = value();
    else if (a == "--insecure") o.insecure = true;
    else if (a == "--once") o.once = true;
    else if (a == "--for") o.follow_for_s = number_option(a, value());
    else if (a == "--width") o.width = static_cast<size_t>(number_option(a, value()));
    else if (a == "--timeout") o.timeout_s = number_option(a, value());
    else throw Error("unknown option '" + a + "' (see --help)");
  }
  if (o.help) return o;
  if (o.once && o.follow_for_s) throw Error("--once and --for exclude each other");
  if (o.insecure && (!o.cert.empty() || !o.server_key.empty()))
    throw Error("--insecure goes without --cert and --server-key");
  if (!o.insecure && (o.cert.empty() || o.server_key.empty()))
    throw Error("--cert and --server-key are required (or --insecure for a server started so)");
  if (o.width < 40) throw Error("--width must be at least 40");
  return o;
}

service::Connection connection_of(const ConsoleOptions& options) {
  service::Connection c;
  try {
    c.endpoints = service::parse_bind(options.connect);
  } catch (const Error& e) {  // its message names serve's --bind
    std::string message = e.what();
    if (message.rfind("--bind", 0) == 0) message = "--connect" + message.substr(6);
    throw Error(message);
  }
  if (!options.insecure) {
    c.client_keys = service::load_certificate(options.cert);
    if (c.client_keys->secret_z85.empty())
      throw Error(options.cert + " holds no secret-key; pass this console's NAME.key_secret file");
    c.server_public_z85 = service::load_certificate(options.server_key).public_z85;
  }
  return c;
}

}  // namespace erde::console
