// Internal to engine/demo: deterministic fictional Chinese names.
#pragma once
#include <set>
#include <string>

#include "demo/random.hpp"

namespace erde::demo {

// Base names of the 18 streets in index order ("东湖" -> 东湖街道).
const std::string& street_base(int index);

// Unique two-character names drawn from syllable tables, for communities, roads and firms.
class NamePool {
 public:
  std::string draw(Rng& rng);

 private:
  std::set<std::string> used_;
};

}  // namespace erde::demo
