#include "coverage/coverage_run.hpp"

#include <chrono>
#include <cmath>
#include <map>

#include "coverage/reach.hpp"
#include "geo/area_metrics.hpp"
#include "route/isochrone.hpp"
#include "route/snapped.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

uint32_t minutes_ms(double minutes, const char* what) {
  if (!(minutes > 0) || minutes > 24 * 60) throw Error(std::string(what) + ": minutes must be in (0, 1440]");
  return static_cast<uint32_t>(std::llround(minutes * 60000));
}

// The live roads by profile name, snapping within the coverage's own limit. Coverage answers
// "within N minutes" questions, so its searches are bounded Dijkstra over network(p).
struct Profiles {
  const LiveRoads& live;
  const RoadGraph& graph;

  explicit Profiles(const LiveRoads& r) : live(r), graph(r.graph()) {}

  size_t of(const std::string& name) const {
    try {
      return live.profile(name);
    } catch (const Error& e) {
      throw Error(std::string("coverage: ") + e.what());
    }
  }
  Network network(const std::string& name) const { return live.network(of(name)); }

  // Invalid RoutePoint when the nearest usable road is farther than max_m.
  // side: where a trip may start (reach::kStart: demand walking out, teams, facilities' service
  // areas) or end (kEnd: shelters, places teams must reach).
  RoutePoint snap(LonLat where, const std::string& profile, double max_m, uint8_t side,
                  double* distance = nullptr) const {
    const std::optional<Snap> s = live.nearest_road(of(profile), where, side);
    if (distance) *distance = s ? s->distance_m : INFINITY;
    if (!s || s->distance_m > max_m) return {};
    return route_point(*s);
  }
};

std::vector<int64_t> capacities(std::span<const Shelter> shelters) {
  std::vector<int64_t> out;
  for (const Shelter& s : shelters) out.push_back(s.capacity);
  return out;
}

void add_service_areas(CoverageReport& r, const Profiles& roads, GeosContext& geos) {
  const CoverageOptions& o = r.options;
  auto one = [&](const char* kind, const std::string& id, const std::string& name, LonLat where,
                 const std::string& profile, double minutes) {
    const RoutePoint p = roads.snap(where, profile, o.max_snap_m, reach::kStart);
    ServiceArea a{kind, id, name, profile, minutes, {}, 0};
    if (p.valid()) {
      const uint32_t limit = minutes_ms(minutes, kind);
      const std::vector<Isochrone> iso = isochrones(roads.network(profile), std::span(&p, 1), std::span(&limit, 1));
      const IsochroneArea poly = isochrone_polygon(geos, roads.graph, iso[0], o.buffer_m, IsochroneShape::hull);
      a.wkb = poly.wkb;
      a.area_m2 = poly.area_m2;
    }
    r.service_areas.push_back(std::move(a));
  };
  for (const Shelter& s : r.data->shelters) one("shelter", s.id, s.name, s.location, o.walk_profile, o.walk_minutes);
  for (const Depot& d : r.data->depots) one("depot", d.id, d.name, d.location, o.depot_profile, o.response_minutes);
  for (const ResponseGroup& g : o.response)
    for (const Team& t : r.data->teams)
      for (TeamKind k : g.kinds)
        if (t.kind == k) one("team", t.id, t.name, t.base, g.profile, o.response_minutes);
}

void choose_new_sites(CoverageReport& r, const Profiles& roads, std::span<const RoutePoint> demand_at,
                      std::span<const RoutePoint> shelter_at) {
  const CoverageOptions& o = r.options;
  SiteResult s;
  s.method = o.method;
  s.k = o.k;
  s.candidates = o.candidates;
  if (s.candidates.empty()) {
    s.candidates = default_candidates(r, o.candidate_capacity);
    s.generated_candidates = true;
  }
  std::vector<RoutePoint> cand_at;
  for (const CandidateSite& c : s.candidates) {
    double d = 0;
    cand_at.push_back(roads.snap(c.where, o.walk_profile, o.max_snap_m, reach::kEnd, &d));
    s.candidate_snap_m.push_back(d);
  }
  const uint32_t walk = minutes_ms(o.walk_minutes, "--walk-minutes");
  const uint32_t horizon = o.method == SiteMethod::pmedian
                               ? std::max(walk, minutes_ms(o.pmedian_horizon_minutes, "p-median horizon"))
                               : walk;
  const Network net = roads.network(o.walk_profile);
  SiteProblem p;
  for (const DemandPoint& d : r.demand) p.demand.push_back(d.people);
  p.existing_capacity = capacities(r.data->shelters);
  for (const CandidateSite& c : s.candidates) p.candidate_capacity.push_back(c.capacity);
  p.existing_s = times_to_facilities(net, demand_at, shelter_at, horizon);
  p.candidate_s = times_to_facilities(net, demand_at, cand_at, horizon);
  p.cover_s = walk / 1000.0;
  s.choice = choose_sites(p, o.method, o.k);
  // Residents served within the walk limit before and after, for the maps and tables.
  auto served = [&](std::span<const size_t> chosen) {
    std::vector<int64_t> cap = p.existing_capacity;
    TravelMatrix m(p.demand.size(), cap.size() + chosen.size());
    for (size_t c : chosen) cap.push_back(p.candidate_capacity[c]);
    for (size_t i = 0; i < m.rows; ++i)
      for (size_t j = 0; j < m.cols; ++j) {
        const double t = j < p.existing_capacity.size() ? p.existing_s.at(i, j)
                                                         : p.candidate_s.at(i, chosen[j - p.existing_capacity.size()]);
        m.at(i, j) = reachable(t) && t <= p.cover_s ? t : kNoRoute;
      }
    return shelter_service(r.demand, cap, m).served;
  };
  s.served_before = r.service.served;
  s.served_after = served(s.choice.chosen);
  r.sites = std::move(s);
}

}  // namespace

std::vector<CandidateSite> default_candidates(const CoverageReport& r, int64_t capacity) {
  std::vector<CandidateSite> out;
  GeosContext geos;
  for (size_t s : r.tree.streets) {
    const AdminArea& a = r.tree.areas[s];
    if (a.boundary.empty()) continue;
    out.push_back({a.name.empty() ? a.id : a.name, point_on_surface(a.boundary.wkb, geos), capacity});
  }
  std::map<size_t, int64_t> unserved;  // by area
  for (size_t i = 0; i < r.demand.size(); ++i)
    if (r.service.served.size() == r.demand.size() && r.service.served[i] < r.demand[i].people)
      unserved[r.demand[i].area] += r.demand[i].people - r.service.served[i];
  for (size_t i = 0; i < r.demand.size(); ++i) {
    auto it = unserved.find(r.demand[i].area);
    if (it == unserved.end()) continue;
    const AdminArea& a = r.tree.areas[r.demand[i].area];
    out.push_back({a.name.empty() ? a.id : a.name, r.demand[i].where, capacity});
    unserved.erase(it);  // one candidate per area
  }
  return out;
}

CoverageReport analyse_coverage(const Dataset& data, const LiveRoads& live,
                                const CoverageOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  auto lap_start = t0;
  CoverageReport r;
  auto lap = [&](const char* stage) {
    const auto now = std::chrono::steady_clock::now();
    r.stage_seconds.push_back({stage, std::chrono::duration<double>(now - lap_start).count()});
    lap_start = now;
  };
  r.data = &data;
  r.options = options;
  r.tree = make_area_tree(data.areas);
  GeosContext geos;
  r.demand = make_demand(r.tree, geos, options.grid_m);
  if (r.demand.empty()) throw Error("coverage: no area has a population (field 'population' of layer 'areas')");

  const StreetLocator locate(r.tree, geos);
  for (const Shelter& s : data.shelters) r.shelter_street.push_back(locate.locate(s.street_id, s.location));
  for (const Depot& d : data.depots) r.depot_street.push_back(locate.locate(d.street_id, d.location));
  r.shelter_area = shelter_area_per_resident(r.tree, data.shelters, r.shelter_street, options.target_m2);
  r.checks = street_checks(r.tree, data.shelters, r.shelter_street, data.depots, r.depot_street);
  lap("demand and street figures");

  const Profiles roads(live);
  const uint32_t walk = minutes_ms(options.walk_minutes, "--walk-minutes");
  std::vector<RoutePoint> demand_at, shelter_at;
  int far = 0;
  for (const DemandPoint& d : r.demand) {
    double dist = 0;
    demand_at.push_back(roads.snap(d.where, options.walk_profile, options.max_snap_m, reach::kStart, &dist));
    r.demand_snap_m.push_back(dist);
    far += demand_at.back().valid() ? 0 : 1;
  }
  if (far > 0)
    r.notes.push_back(std::to_string(far) + " demand point(s) farther than " +
                      std::to_string(static_cast<int>(options.max_snap_m)) + " m from a walkable road count as unserved");
  for (const Shelter& s : data.shelters) {
    shelter_at.push_back(roads.snap(s.location, options.walk_profile, options.max_snap_m, reach::kEnd));
    if (!shelter_at.back().valid()) r.notes.push_back("shelter " + s.id + " is not near a walkable road; not used");
  }
  const TravelMatrix walk_s = times_to_facilities(roads.network(options.walk_profile), demand_at, shelter_at, walk);
  lap("snapping and walking times");
  r.service = shelter_service(r.demand, capacities(data.shelters), walk_s);
  r.service_shares = roll_up(r.tree, r.demand, r.service.served);
  lap("capacitated assignment");

  const uint32_t reach = minutes_ms(options.response_minutes, "--response-minutes");
  for (const ResponseGroup& g : options.response) {
    std::vector<RoutePoint> bases, at, risk_at;
    for (const Team& t : data.teams)
      for (TeamKind k : g.kinds)
        if (t.kind == k) bases.push_back(roads.snap(t.base, g.profile, options.max_snap_m, reach::kStart));
    for (const DemandPoint& d : r.demand) at.push_back(roads.snap(d.where, g.profile, options.max_snap_m, reach::kEnd));
    for (const RiskPoint& p : data.risk_points) risk_at.push_back(roads.snap(p.location, g.profile, options.max_snap_m, reach::kEnd));
    ResponseCoverage rc = response_coverage(roads.network(g.profile), bases, r.demand, at, data.risk_points, risk_at, reach);
    rc.profile = g.profile;
    rc.teams = g.label;
    std::vector<int64_t> reached;
    for (size_t i = 0; i < r.demand.size(); ++i) reached.push_back(rc.demand_ms[i] <= reach ? r.demand[i].people : 0);
    r.response_shares.push_back(roll_up(r.tree, r.demand, reached));
    r.response.push_back(std::move(rc));
  }
  lap("response coverage");
  if (options.service_areas) add_service_areas(r, roads, geos);
  lap("service areas");
  if (options.k > 0) choose_new_sites(r, roads, demand_at, shelter_at);
  lap("site selection");
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace erde
