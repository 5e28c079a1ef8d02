// `erde vocabulary`: lists every accepted enum value with its Chinese term, for data preparers.
#include <cstdio>

#include "cli/command.hpp"
#include "model/vocabulary.hpp"

namespace erde::cli {
namespace {

template <typename E>
void print_vocabulary() {
  std::printf("%s:\n", std::string(EnumTable<E>::label).c_str());
  for (const auto& e : EnumTable<E>::entries)
    std::printf("  %-22s %s\n", std::string(e.en).c_str(), std::string(e.zh).c_str());
}

const Registrar registrar{"vocabulary", [](CLI::App& app) -> std::function<int()> {
  app.add_subcommand("vocabulary", "List every accepted kind, level and status (English and 中文)");
  return [] {
    print_vocabulary<AreaLevel>();
    print_vocabulary<ShelterSetting>();
    print_vocabulary<ShelterType>();
    print_vocabulary<DepotKind>();
    print_vocabulary<TeamKind>();
    print_vocabulary<Capability>();
    print_vocabulary<TeamStatus>();
    print_vocabulary<RiskKind>();
    print_vocabulary<RiskLevel>();
    print_vocabulary<IncidentType>();
    print_vocabulary<Severity>();
    print_vocabulary<ClosureCause>();
    print_vocabulary<MaterialCategory>();
    print_vocabulary<Material>();
    return 0;
  };
}};

}  // namespace
}  // namespace erde::cli
