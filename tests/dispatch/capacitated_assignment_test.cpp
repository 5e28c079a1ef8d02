#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <map>
#include <random>

#include "dispatch/capacitated_assignment.hpp"
#include "dispatch/team_selection.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

CapacitatedProblem make(std::vector<int64_t> supply, std::vector<int64_t> capacity, std::vector<double> cost) {
  CapacitatedProblem p;
  p.supply = std::move(supply);
  p.capacity = std::move(capacity);
  p.cost = TravelMatrix(p.supply.size(), p.capacity.size());
  p.cost.seconds = std::move(cost);
  return p;
}

void expect_feasible(const CapacitatedProblem& p, const CapacitatedResult& r) {
  std::vector<int64_t> in(p.capacity.size(), 0), out(p.supply.size(), 0);
  for (const auto& f : r.flows) {
    EXPECT_GT(f.amount, 0);
    EXPECT_TRUE(reachable(p.cost.at(f.source, f.sink)));
    in[f.sink] += f.amount;
    out[f.source] += f.amount;
  }
  for (size_t j = 0; j < in.size(); ++j) EXPECT_LE(in[j], p.capacity[j]) << "sink " << j << " overfilled";
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i] + r.unplaced[i], p.supply[i]);
}

TEST(CapacitatedAssignment, HandCheckedCase) {
  // Two areas (70 and 50 people), two shelters (60 and 100 places).
  // Area 0: 10 s to S0, 20 s to S1; area 1: 15 s to S0, 100 s to S1.
  // Optimum: area 1 (50) -> S0, area 0: 10 -> S0, 60 -> S1. Cost 50*15 + 10*10 + 60*20 = 2050.
  // (Greedy by nearest would send all 60 of area 0 to S0 first: 600 + 10*20 + 50*100 = 5800.)
  auto p = make({70, 50}, {60, 100}, {10, 20, 15, 100});
  auto r = solve_capacitated_assignment(p);
  expect_feasible(p, r);
  EXPECT_EQ(r.placed, 120);
  EXPECT_DOUBLE_EQ(r.total_cost, 2050);
  ASSERT_EQ(r.flows.size(), 3u);
}

TEST(CapacitatedAssignment, NeverOverfillsAndReportsUnplaced) {
  auto p = make({100, 30}, {40, 25}, {60, 120, kNoRoute, 30});
  auto r = solve_capacitated_assignment(p);
  expect_feasible(p, r);
  EXPECT_EQ(r.placed, 65);
  // Area 1 can only reach S1 (25 places): 5 unplaced; area 0 gets S0 (40) and nothing of S1.
  EXPECT_EQ(r.unplaced[1], 5);
  EXPECT_EQ(r.unplaced[0], 60);
}

TEST(CapacitatedAssignment, PlacesMostPeopleBeforeShortestWalks) {
  // One shelter place left near both areas. Area 0 also reaches a far shelter; area 1 does not.
  // Placing both needs area 0 to walk far: more people placed wins over less walking.
  auto p = make({1, 1}, {1, 1}, {10, 1000, 10, kNoRoute});
  auto r = solve_capacitated_assignment(p);
  EXPECT_EQ(r.placed, 2);
  EXPECT_DOUBLE_EQ(r.total_cost, 1010);
}

TEST(CapacitatedAssignment, RejectsBadInput) {
  EXPECT_THROW(solve_capacitated_assignment(make({-1}, {1}, {1})), Error);
  EXPECT_THROW(solve_capacitated_assignment(make({1}, {1}, {-5})), Error);
  auto p = make({1}, {1}, {1});
  p.cost.cols = 2;
  EXPECT_THROW(solve_capacitated_assignment(p), Error);
}

// Brute force: each person (unit) picks a sink or none; best by (most placed, least cost).
void brute(const CapacitatedProblem& p, const std::vector<size_t>& person_source, size_t k,
           std::vector<int64_t>& left, int64_t placed, double cost, int64_t& best_placed, double& best_cost) {
  if (k == person_source.size()) {
    if (placed > best_placed || (placed == best_placed && cost < best_cost)) {
      best_placed = placed;
      best_cost = cost;
    }
    return;
  }
  brute(p, person_source, k + 1, left, placed, cost, best_placed, best_cost);
  for (size_t j = 0; j < left.size(); ++j) {
    double c = p.cost.at(person_source[k], j);
    if (left[j] == 0 || !reachable(c)) continue;
    --left[j];
    brute(p, person_source, k + 1, left, placed + 1, cost + c, best_placed, best_cost);
    ++left[j];
  }
}

TEST(CapacitatedAssignment, MatchesBruteForceOnRandomSmallCases) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    size_t ns = 1 + rng() % 3, nk = 1 + rng() % 3;
    std::vector<int64_t> supply(ns), capacity(nk);
    std::vector<size_t> persons;
    for (size_t i = 0; i < ns; ++i) {
      supply[i] = static_cast<int64_t>(rng() % 3);
      for (int64_t k = 0; k < supply[i]; ++k) persons.push_back(i);
    }
    for (auto& c : capacity) c = static_cast<int64_t>(rng() % 4);
    std::vector<double> cost(ns * nk);
    for (auto& c : cost) c = rng() % 5 == 0 ? kNoRoute : static_cast<double>(1 + rng() % 50);
    auto p = make(supply, capacity, cost);
    int64_t best_placed = -1;
    double best_cost = 0;
    std::vector<int64_t> left = capacity;
    brute(p, persons, 0, left, 0, 0.0, best_placed, best_cost);
    auto r = solve_capacitated_assignment(p);
    expect_feasible(p, r);
    EXPECT_EQ(r.placed, best_placed) << "round " << round;
    EXPECT_DOUBLE_EQ(r.total_cost, best_cost) << "round " << round;
  }
}

// Exactness certificate: the flow is maximum (no augmenting path in the residual network) and of
// least cost (no negative cycle in the residual network).
void expect_certified_optimal(const CapacitatedProblem& p, const CapacitatedResult& r, const std::string& what) {
  const size_t ns = p.supply.size(), nk = p.capacity.size();
  // Residual graph: 0 source, 1 sink, 2.. sources, then sinks.
  const size_t n = 2 + ns + nk;
  struct Arc { size_t from, to; double w; };
  std::vector<Arc> arcs;
  std::map<std::pair<size_t, size_t>, int64_t> flow;
  for (const auto& f : r.flows) flow[{f.source, f.sink}] = f.amount;
  std::vector<int64_t> sunk(nk, 0);
  for (size_t i = 0; i < ns; ++i) {
    const int64_t out = p.supply[i] - r.unplaced[i];
    if (out < p.supply[i]) arcs.push_back({0, 2 + i, 0});
    if (out > 0) arcs.push_back({2 + i, 0, 0});
    for (size_t j = 0; j < nk; ++j) {
      const double c = p.cost.at(i, j);
      if (!reachable(c)) continue;
      arcs.push_back({2 + i, 2 + ns + j, c});  // uncapacitated from the area side
      const auto it = flow.find({i, j});
      if (it != flow.end() && it->second > 0) {
        arcs.push_back({2 + ns + j, 2 + i, -c});
        sunk[j] += it->second;
      }
    }
  }
  for (size_t j = 0; j < nk; ++j) {
    if (sunk[j] < p.capacity[j]) arcs.push_back({2 + ns + j, 1, 0});
    if (sunk[j] > 0) arcs.push_back({1, 2 + ns + j, 0});
  }
  std::vector<std::vector<size_t>> out_arcs(n);
  for (size_t a = 0; a < arcs.size(); ++a) out_arcs[arcs[a].from].push_back(a);
  // No augmenting path 0 -> 1.
  std::vector<bool> seen(n, false);
  std::vector<size_t> stack = {0};
  seen[0] = true;
  while (!stack.empty()) {
    const size_t u = stack.back();
    stack.pop_back();
    for (size_t a : out_arcs[u])
      if (!seen[arcs[a].to]) {
        seen[arcs[a].to] = true;
        stack.push_back(arcs[a].to);
      }
  }
  EXPECT_FALSE(seen[1]) << what << ": flow is not maximum";
  // No negative cycle (Bellman-Ford from a virtual root at distance 0 to all).
  std::vector<double> dist(n, 0.0);
  bool changed = true;
  for (size_t it = 0; it < n && changed; ++it) {
    changed = false;
    for (const auto& a : arcs)
      if (dist[a.from] + a.w < dist[a.to] - 1e-9) {
        dist[a.to] = dist[a.from] + a.w;
        changed = true;
      }
  }
  EXPECT_FALSE(changed) << what << ": a cheaper assignment exists";
}

TEST(CapacitatedAssignment, ResidualNetworkHasNoAugmentingPathOrNegativeCycle) {
  std::mt19937 rng(11);
  for (int round = 0; round < 30; ++round) {
    size_t ns = 3 + rng() % 6, nk = 2 + rng() % 5;
    std::vector<int64_t> supply(ns), capacity(nk);
    for (auto& s : supply) s = static_cast<int64_t>(rng() % 200);
    for (auto& c : capacity) c = static_cast<int64_t>(rng() % 300);
    std::vector<double> cost(ns * nk);
    for (auto& c : cost) c = rng() % 6 == 0 ? kNoRoute : static_cast<double>(1 + rng() % 900);
    auto p = make(supply, capacity, cost);
    auto r = solve_capacitated_assignment(p);
    expect_feasible(p, r);
    expect_certified_optimal(p, r, "round " + std::to_string(round));
  }
}

// Second algorithm as the oracle: Boost.Graph's min-cost max-flow on the plain bipartite network
// (super source -> sources -> sinks -> super sink), costs in whole milliseconds as the solver.
struct Reference {
  int64_t placed = 0;
  double total_cost = 0;
};

Reference boost_reference(const CapacitatedProblem& p) {
  using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using Graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<boost::edge_capacity_t, int64_t,
          boost::property<boost::edge_residual_capacity_t, int64_t,
              boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                  boost::property<boost::edge_weight_t, double>>>>>;
  using Edge = boost::graph_traits<Graph>::edge_descriptor;
  const size_t ns = p.supply.size(), nk = p.capacity.size();
  Graph g(2 + ns + nk);
  auto add = [&](size_t from, size_t to, int64_t capacity, double weight) {
    Edge e = boost::add_edge(from, to, g).first, r = boost::add_edge(to, from, g).first;
    boost::put(boost::edge_capacity, g, e, capacity);
    boost::put(boost::edge_capacity, g, r, 0);
    boost::put(boost::edge_weight, g, e, weight);
    boost::put(boost::edge_weight, g, r, -weight);
    boost::put(boost::edge_reverse, g, e, r);
    boost::put(boost::edge_reverse, g, r, e);
    return e;
  };
  struct Arc { size_t source, sink; Edge edge; };
  std::vector<Arc> arcs;
  for (size_t i = 0; i < ns; ++i) {
    add(0, 2 + i, p.supply[i], 0);
    for (size_t j = 0; j < nk; ++j)
      if (reachable(p.cost.at(i, j)))
        arcs.push_back({i, j, add(2 + i, 2 + ns + j, p.supply[i], static_cast<double>(to_millis(p.cost.at(i, j))))});
  }
  for (size_t j = 0; j < nk; ++j) add(2 + ns + j, 1, p.capacity[j], 0);
  boost::successive_shortest_path_nonnegative_weights(g, boost::vertex(0, g), boost::vertex(1, g));
  auto cap = boost::get(boost::edge_capacity, g);
  auto res = boost::get(boost::edge_residual_capacity, g);
  Reference out;
  for (const Arc& a : arcs) {
    const int64_t amount = cap[a.edge] - res[a.edge];
    out.placed += amount;
    out.total_cost += static_cast<double>(amount) * p.cost.at(a.source, a.sink);
  }
  return out;
}

// Random transportation problems; few distinct costs make many ties, sparse makes unreachable pairs.
CapacitatedProblem random_problem(std::mt19937& rng, size_t ns, size_t nk, int distinct_costs, int reach_percent) {
  std::vector<int64_t> supply(ns), capacity(nk);
  for (auto& s : supply) s = rng() % 7 == 0 ? 0 : static_cast<int64_t>(rng() % 40);
  for (auto& c : capacity) c = rng() % 9 == 0 ? 0 : static_cast<int64_t>(rng() % 400);
  std::vector<double> cost(ns * nk);
  for (auto& c : cost)
    c = static_cast<int>(rng() % 100) < reach_percent ? 0.5 * static_cast<double>(rng() % static_cast<unsigned>(distinct_costs)) : kNoRoute;
  return make(supply, capacity, cost);
}

void expect_matches_reference(const CapacitatedProblem& p, const std::string& what) {
  const CapacitatedResult r = solve_capacitated_assignment(p);
  expect_feasible(p, r);
  const Reference ref = boost_reference(p);
  EXPECT_EQ(r.placed, ref.placed) << what;
  EXPECT_NEAR(r.total_cost, ref.total_cost, 1e-6 * std::max(1.0, ref.total_cost)) << what;
  for (size_t k = 1; k < r.flows.size(); ++k) {
    const auto& a = r.flows[k - 1];
    const auto& b = r.flows[k];
    EXPECT_TRUE(a.source < b.source || (a.source == b.source && a.sink < b.sink)) << what << ": flows not in order";
  }
}

TEST(CapacitatedAssignment, MatchesBoostMinCostFlowOnRandomCases) {
  std::mt19937 rng(23);
  for (int round = 0; round < 60; ++round) {
    // Many sources and few sinks (the coverage shape), and the transpose (few areas, many shelters).
    const size_t many = 20 + rng() % 300, few = 1 + rng() % 25;
    const bool wide = round % 3 == 2;
    const int distinct = round % 2 == 0 ? 4 : 2000;
    const int reach = 20 + static_cast<int>(rng() % 81);
    const CapacitatedProblem p = wide ? random_problem(rng, few, many, distinct, reach)
                                      : random_problem(rng, many, few, distinct, reach);
    expect_matches_reference(p, "round " + std::to_string(round));
  }
}

TEST(CapacitatedAssignment, OptimalWithMoreThanAThousandSinksEachSide) {
  // Both sides above the solver's cached-row limit: the uncached path, certified optimal.
  std::mt19937 rng(5);
  const CapacitatedProblem p = random_problem(rng, 1100, 1100, 600, 1);
  const CapacitatedResult r = solve_capacitated_assignment(p);
  expect_feasible(p, r);
  EXPECT_GT(r.placed, 0);
  expect_certified_optimal(p, r, "1100 x 1100");
}

TEST(CapacitatedAssignment, ScarceCapacityFillsEveryReachableSinkExactly) {
  // Far more people than places: every sink somebody reaches ends up exactly full.
  std::mt19937 rng(3);
  CapacitatedProblem p = random_problem(rng, 400, 12, 50, 60);
  for (auto& s : p.supply) s += 100;
  const CapacitatedResult r = solve_capacitated_assignment(p);
  expect_feasible(p, r);
  std::vector<int64_t> load(p.capacity.size(), 0);
  for (const auto& f : r.flows) load[f.sink] += f.amount;
  for (size_t j = 0; j < p.capacity.size(); ++j) {
    bool reached = false;
    for (size_t i = 0; i < p.supply.size(); ++i) reached = reached || (p.supply[i] > 0 && reachable(p.cost.at(i, j)));
    EXPECT_EQ(load[j], reached ? p.capacity[j] : 0) << "sink " << j;
  }
  EXPECT_EQ(r.placed, boost_reference(p).placed);
}

}  // namespace
}  // namespace erde
