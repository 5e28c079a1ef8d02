#pragma once
// erde-console's command line.
#include <optional>
#include <string>
#include <vector>

#include "service/client.hpp"

namespace erde::console {

struct ConsoleOptions {
  std::string connect = "tcp://127.0.0.1:5555/5556";  // as `erde serve --bind`
  std::string cert;        // this client's NAME.key_secret
  std::string server_key;  // the server's NAME.key
  bool insecure = false;
  bool once = false;                    // print the picture once and exit
  std::optional<double> follow_for_s;   // --for: follow in plain text, then print the picture
  size_t width = 100;                   // plain-text width
  double timeout_s = 10;                // to get the first snapshot
  bool help = false;
};

inline constexpr const char* kUsage =
    "erde-console: the command centre's live picture of `erde serve` (docs/PROTOCOL.md)\n"
    "\n"
    "usage: erde-console [--connect tcp://HOST:REQ_PORT/PUB_PORT]\n"
    "                    (--cert NAME.key_secret --server-key SERVER.key | --insecure)\n"
    "                    [--once | --for SECONDS] [--width COLUMNS] [--timeout SECONDS]\n"
    "\n"
    "  --connect   the service's endpoints, written as for `erde serve --bind`, or\n"
    "              REQUEST,PUBLISH (default tcp://127.0.0.1:5555/5556)\n"
    "  --cert      this console's key pair (erde keygen); its role decides what it may do\n"
    "  --server-key  the server's public key file\n"
    "  --insecure  plain TCP, for a server started with --insecure\n"
    "  --once      print the live picture as plain text and exit (for scripts)\n"
    "  --for S     follow for S seconds (or until SIGINT/SIGTERM), printing each change,\n"
    "              then the picture\n"
    "  --width N   columns of plain-text output (default 100)\n"
    "  --timeout S give up when no snapshot comes within S seconds (default 10); exit 1\n"
    "\n"
    "Without --once/--for it runs full-screen in the terminal:\n"
    "  n  submit an incident 新事件   s  change a team's status 队伍状态   r  resync\n"
    "  ↑ ↓ PgUp PgDn Home  scroll     q  quit\n";

// Throws erde::Error on a bad command line.
ConsoleOptions parse_options(const std::vector<std::string>& args);
service::Connection connection_of(const ConsoleOptions& options);

}  // namespace erde::console
