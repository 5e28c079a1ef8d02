// `erde journal check FILE` and `erde journal recover FILE --out NEW [--skip-damaged]`: what an
// operator runs when `erde serve` refuses a damaged journal. Neither changes FILE.
#include <cstdio>

#include "cli/command.hpp"
#include "service/journal.hpp"
#include "service/journal_recover.hpp"

namespace erde::cli {
namespace {

struct JournalArgs {
  std::string file;
  std::string out;
  bool skip_damaged = false;
};

constexpr int kDamaged = 3;  // `check` found damage that valid records follow

const Registrar registrar{"journal", [](CLI::App& app) -> std::function<int()> {
  auto args = std::make_shared<JournalArgs>();
  auto* sub = app.add_subcommand("journal", "Check or recover the service's command journal");
  sub->require_subcommand(1);
  auto* check = sub->add_subcommand(
      "check", "Report every valid record and damaged stretch (exit 3 when damage is followed by valid records)");
  check->add_option("file", args->file, "The journal")->required();
  auto* recover = sub->add_subcommand(
      "recover", "Write a new journal from a damaged one, which stays untouched");
  recover->add_option("file", args->file, "The damaged journal")->required();
  recover->add_option("--out", args->out, "The new journal (must not exist)")->required();
  recover->add_flag("--skip-damaged", args->skip_damaged,
                    "Keep the valid records after damaged stretches too, marking each stretch "
                    "(replay then jumps its sequence numbers); default: keep only the valid prefix");
  return [args, check] {
    if (check->parsed()) {
      service::require_journal_file(args->file);
      auto report = service::read_journal_report(args->file);
      std::fputs(service::describe_journal_report(args->file, report).c_str(), stdout);
      return report.damaged.empty() ? 0 : kDamaged;
    }
    auto outcome = service::recover_journal(
        args->file, args->out,
        args->skip_damaged ? service::RecoverMode::skip_damaged : service::RecoverMode::keep_prefix);
    std::fputs(outcome.report.c_str(), stdout);
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
