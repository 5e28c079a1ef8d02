#pragma once
// Rescue team (救援队伍): kind, capabilities, head-count, equipment, base and live status.
#include <string>
#include <vector>

#include "model/geometry.hpp"
#include "model/vocabulary.hpp"

namespace erde {

struct Team {
  std::string id;
  std::string name;
  TeamKind kind = TeamKind::street_parttime;
  std::vector<Capability> capabilities;
  int headcount = 0;
  std::vector<std::string> equipment;
  std::string street_id;
  LonLat base;
  TeamStatus status = TeamStatus::available;

  bool has(Capability c) const {
    for (Capability own : capabilities)
      if (own == c) return true;
    return false;
  }
};

}  // namespace erde
