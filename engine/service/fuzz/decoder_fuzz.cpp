// libFuzzer target: arbitrary bytes as a request (split into frames at 0x00 0x01) through the
// decoder, role checks, validation and, when accepted, the state machine (no journal).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "service/domain_state.hpp"
#include "service/sample_dataset.hpp"
#include "service/service_core.hpp"

namespace {

using erde::service::ServiceCore;

std::optional<ServiceCore>& core() {
  static std::optional<ServiceCore> c;
  static int uses = 0;
  if (!c || ++uses > 2000) {  // bounded state growth, still covering follow-up commands
    uses = 0;
    c.emplace(erde::service::make_domain_state_machine(erde::service::sample_dataset()), nullptr,
              [] { return int64_t{1700000000000}; }, [](const std::string&) {});
  }
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> frames;
  for (;;) {
    size_t cut = input.find(std::string_view("\x00\x01", 2));
    frames.push_back(input.substr(0, cut));
    if (cut == std::string_view::npos) break;
    input.remove_prefix(cut + 2);
  }
  std::vector<erde::service::Published> out;
  erde::service::Caller admin{"fuzz", erde::service::Role::admin};
  core()->handle(frames, admin, out);
  return 0;
}
