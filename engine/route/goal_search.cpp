#include "route/goal_search.hpp"

#include <algorithm>
#include <queue>

#include "route/access.hpp"

namespace erde {
namespace {

struct GoalAccess {
  NodeId node;
  uint32_t goal;
  uint32_t cost;
  uint8_t access;
};

using Candidate = std::pair<uint32_t, uint32_t>;  // cost, goal
using CandidateQueue = std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>>;

Accesses start_accesses(const Network& net, const GoalSearch& s) {
  return s.direction == Direction::forward ? departures(net, s.origin) : arrivals(net, s.origin);
}
Accesses goal_accesses(const Network& net, const GoalSearch& s, const RoutePoint& goal) {
  return s.direction == Direction::forward ? arrivals(net, goal) : departures(net, goal);
}

template <Direction kDir>
void run(const Network& net, SearchSpace& space, const GoalSearch& s, std::vector<GoalHit>& hits,
         const std::vector<GoalAccess>& access, CandidateQueue& queue, std::vector<uint32_t>& order,
         size_t wanted) {
  auto finalize_upto = [&](uint32_t d) {
    while (!queue.empty() && queue.top().first <= d && order.size() < wanted) {
      auto [cost, goal] = queue.top();
      queue.pop();
      GoalHit& h = hits[goal];
      if (h.final || h.cost != cost) continue;
      h.final = true;
      order.push_back(goal);
    }
  };
  run_dijkstra<kDir>(net, space, [&](NodeId u, uint32_t d) {
    if (d > s.limit_ms) return false;
    finalize_upto(d);
    if (order.size() >= wanted) return false;
    for (uint32_t i = space.tag(u); i != kInvalidId && i < access.size() && access[i].node == u; ++i) {
      const GoalAccess& a = access[i];
      const uint64_t cost = uint64_t{d} + a.cost;
      GoalHit& h = hits[a.goal];
      if (cost < h.cost) {
        h = {static_cast<uint32_t>(cost), u, a.access, false};
        queue.push({h.cost, a.goal});
      }
    }
    finalize_upto(d);
    return order.size() < wanted;
  });
  finalize_upto(s.limit_ms);
}

}  // namespace

std::vector<uint32_t> search_goals(const Network& net, SearchSpace& space, const GoalSearch& s,
                                   std::vector<GoalHit>& hits) {
  const auto goal_count = static_cast<uint32_t>(s.goals.size());
  hits.assign(goal_count, GoalHit{});
  std::vector<uint32_t> order;
  space.start(net.graph.node_count());

  CandidateQueue queue;
  std::vector<GoalAccess> access;
  size_t wanted = 0;
  for (uint32_t g = 0; g < goal_count; ++g) {
    if (!s.enabled.empty() && !s.enabled[g]) continue;
    const RoutePoint& goal = s.goals[g];
    if (!goal.valid()) continue;
    ++wanted;
    uint8_t index = 0;
    for (const Access& a : goal_accesses(net, s, goal)) access.push_back({a.node, g, a.cost, index++});
    const DirectTrip direct = s.direction == Direction::forward ? direct_trip(net, s.origin, goal)
                                                                : direct_trip(net, goal, s.origin);
    if (direct.cost != kUnreachable) {
      hits[g] = {direct.cost, kInvalidId, 0, false};
      queue.push({direct.cost, g});
    }
  }
  wanted = std::min(wanted, s.stop_after);
  if (wanted == 0) return order;
  std::sort(access.begin(), access.end(), [](const GoalAccess& a, const GoalAccess& b) {
    return a.node != b.node ? a.node < b.node : a.goal < b.goal;
  });
  for (uint32_t i = static_cast<uint32_t>(access.size()); i-- > 0;) space.set_tag(access[i].node, i);

  for (const Access& a : start_accesses(net, s)) space.push(a.node, a.cost, kInvalidId);
  if (s.direction == Direction::forward)
    run<Direction::forward>(net, space, s, hits, access, queue, order, wanted);
  else
    run<Direction::reverse>(net, space, s, hits, access, queue, order, wanted);
  for (GoalHit& h : hits)
    if (!h.final) h.cost = kUnreachable;
  return order;
}

Route goal_route(const Network& net, const SearchSpace& space, const GoalSearch& s, uint32_t goal,
                 const GoalHit& hit, bool with_geometry) {
  const RoadGraph& g = net.graph;
  const RoutePoint& target = s.goals[goal];
  const RoutePoint& from = s.direction == Direction::forward ? s.origin : target;
  const RoutePoint& to = s.direction == Direction::forward ? target : s.origin;
  Route r;
  if (hit.cost == kUnreachable) return r;
  r.reachable = true;
  r.time_ms = hit.cost;
  if (hit.node == kInvalidId) {
    const DirectTrip d = direct_trip(net, from, to);
    if (d.edge != kInvalidId) {
      r.edges = {d.edge};
      r.first_from = d.from;
      r.last_to = d.to;
    }
  } else {
    const Access goal_access = goal_accesses(net, s, target).items[hit.access];
    // Walk the search tree from the goal's node back to a start node.
    std::vector<EdgeId> chain;
    NodeId v = hit.node;
    for (EdgeId e = space.parent(v); e != kInvalidId; e = space.parent(v)) {
      chain.push_back(e);
      v = s.direction == Direction::forward ? g.tail[e] : g.head[e];
    }
    Access start_access;
    for (const Access& a : start_accesses(net, s))
      if (a.node == v && a.cost == space.dist(v)) {
        start_access = a;
        break;
      }
    const Access& first = s.direction == Direction::forward ? start_access : goal_access;
    const Access& last = s.direction == Direction::forward ? goal_access : start_access;
    if (s.direction == Direction::forward) std::reverse(chain.begin(), chain.end());
    if (first.edge != kInvalidId) r.edges.push_back(first.edge);
    r.edges.insert(r.edges.end(), chain.begin(), chain.end());
    if (last.edge != kInvalidId) r.edges.push_back(last.edge);
    r.first_from = first.edge != kInvalidId ? first.fraction : 0.0;
    r.last_to = last.edge != kInvalidId ? last.fraction : 1.0;
  }
  complete_route(g, from, to, r, with_geometry);
  return r;
}

}  // namespace erde
