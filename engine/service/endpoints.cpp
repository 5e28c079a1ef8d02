#include "service/server.hpp"
#include "util/error.hpp"

namespace erde::service {

Endpoints parse_bind(const std::string& spec) {
  if (auto comma = spec.find(','); comma != std::string::npos) {
    Endpoints e{spec.substr(0, comma), spec.substr(comma + 1)};
    if (e.request.empty() || e.publish.empty() || e.request == e.publish)
      throw Error("--bind: expected two different endpoints '<request>,<publish>'");
    return e;
  }
  auto slash = spec.rfind('/');
  auto colon = spec.rfind(':');
  if (spec.rfind("tcp://", 0) != 0 || slash == std::string::npos || colon == std::string::npos ||
      slash < colon)
    throw Error("--bind: expected tcp://HOST:REQUEST_PORT/PUBLISH_PORT or '<request>,<publish>', got '" +
                spec + "'");
  std::string base = spec.substr(0, colon + 1);
  std::string request_port = spec.substr(colon + 1, slash - colon - 1);
  std::string publish_port = spec.substr(slash + 1);
  auto numeric = [](const std::string& p) {
    if (p == "*") return true;  // any free port; the bound one is reported at start
    return !p.empty() && p.size() <= 5 && p.find_first_not_of("0123456789") == std::string::npos &&
           std::stoi(p) <= 65535;
  };
  if (!numeric(request_port) || !numeric(publish_port) || (request_port == publish_port && request_port != "*"))
    throw Error("--bind: the request and publish ports must be two different numbers, got '" +
                spec + "'");
  return {base + request_port, base + publish_port};
}

}  // namespace erde::service
