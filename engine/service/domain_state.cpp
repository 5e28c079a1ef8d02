// The domain state's team table: built once from the data set, kept in ascending id order so
// it lists, pages and publishes teams in topic order.
#include <algorithm>
#include <utility>

#include "service/domain_state.hpp"

namespace erde::service {

namespace {
bool id_less(const TeamNow& a, const TeamNow& b) { return a.team.id < b.team.id; }
}  // namespace

DomainState make_domain_state(Dataset data) {
  DomainState state;
  std::vector<TeamNow>& teams = state.live.teams;
  teams = team_table(data.teams);
  std::stable_sort(teams.begin(), teams.end(), id_less);
  // A repeated id is one team: the first of the data set's.
  teams.erase(std::unique(teams.begin(), teams.end(),
                          [](const TeamNow& a, const TeamNow& b) { return a.team.id == b.team.id; }),
              teams.end());
  state.data = std::move(data);
  return state;
}

const TeamNow* find_live_team(const DomainState& state, std::string_view id) {
  const std::vector<TeamNow>& teams = state.live.teams;
  auto it = std::lower_bound(teams.begin(), teams.end(), id,
                             [](const TeamNow& t, std::string_view key) { return t.team.id < key; });
  return it != teams.end() && it->team.id == id ? &*it : nullptr;
}

TeamNow* find_live_team(DomainState& state, std::string_view id) {
  return const_cast<TeamNow*>(find_live_team(std::as_const(state), id));
}

}  // namespace erde::service
