// erde: the one command with subcommands; a failure prints one line and exits non-zero.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>

#include "cli/command.hpp"
#include "util/error.hpp"

namespace erde::cli {
std::vector<CommandSpec>& registry() {
  static std::vector<CommandSpec> commands;
  return commands;
}
}  // namespace erde::cli

int main(int argc, char** argv) {
  using namespace erde::cli;
  CLI::App app{"erde: emergency-response dispatch engine for district command centres"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "erde 0.1.0");

  auto& commands = registry();
  std::sort(commands.begin(), commands.end(),
            [](const CommandSpec& a, const CommandSpec& b) { return a.name < b.name; });
  std::map<std::string, std::function<int()>> runners;
  for (auto& spec : commands) runners[spec.name] = spec.setup(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    for (auto* sub : app.get_subcommands())
      if (auto it = runners.find(sub->get_name()); it != runners.end()) return it->second();
    return 0;
  } catch (const erde::Error& e) {
    std::fprintf(stderr, "erde: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "erde: internal error: %s\n", e.what());
    return 70;
  }
}
