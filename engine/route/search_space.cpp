#include "route/search_space.hpp"

#include <array>

namespace erde {

SearchSpace& thread_search_space(int slot) {
  thread_local std::array<SearchSpace, 2> spaces;
  return spaces[static_cast<size_t>(slot)];
}

}  // namespace erde
