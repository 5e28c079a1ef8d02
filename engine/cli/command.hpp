#pragma once
// Subcommand registration: each cmd_*.cpp defines one `static const Registrar` that adds its
// subcommand to the `erde` app. The callback runs the command and returns the exit code.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace erde::cli {

// Called with the app; adds the subcommand and returns the function that runs it.
using Setup = std::function<std::function<int()>(CLI::App& app)>;

struct CommandSpec {
  std::string name;
  Setup setup;
};

std::vector<CommandSpec>& registry();

struct Registrar {
  Registrar(std::string name, Setup setup) {
    registry().push_back({std::move(name), std::move(setup)});
  }
};

}  // namespace erde::cli
