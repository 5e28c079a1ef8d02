// `erde keygen --out NAME`: a CURVE key pair as NAME.key (public) and NAME.key_secret (0600).
#include <cstdio>

#include "cli/command.hpp"
#include "service/keys.hpp"

namespace erde::cli {
namespace {

struct KeygenArgs {
  std::string out;
};

const Registrar registrar{"keygen", [](CLI::App& app) -> std::function<int()> {
  auto args = std::make_shared<KeygenArgs>();
  auto* sub = app.add_subcommand(
      "keygen", "Make a CURVE key pair for the service or a client (NAME.key, NAME.key_secret)");
  sub->add_option("--out", args->out, "Path and base name of the two files")->required();
  return [args] {
    auto keys = service::generate_keypair();
    service::write_certificates(args->out, keys);
    std::printf("wrote %s.key (public; hand it out) and %s.key_secret (keep it private)\n"
                "public key: %s\n",
                args->out.c_str(), args->out.c_str(), keys.public_z85.c_str());
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
