#pragma once
// `erde coverage` as a library call: every planner figure for one district from its Dataset and
// road graph — shelter area per resident, per-street checks, capacity-aware shelter service
// coverage, response-time coverage per vehicle profile, service areas and, when asked, where to
// build the next shelters.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "coverage/area_tree.hpp"
#include "coverage/demand.hpp"
#include "coverage/response_coverage.hpp"
#include "coverage/shelter_area.hpp"
#include "coverage/shelter_service.hpp"
#include "coverage/site_selection.hpp"
#include "coverage/street_checks.hpp"
#include "graph/profile.hpp"
#include "graph/road_graph.hpp"
#include "model/dataset.hpp"
#include "model/vocabulary.hpp"
#include "route/live_roads.hpp"

namespace erde {

struct ResponseGroup {
  std::string profile;          // vehicle profile name
  std::vector<TeamKind> kinds;  // teams whose bases count
  std::string label;
};

struct CandidateSite {
  std::string name;
  LonLat where;
  int64_t capacity = 0;
};

struct CoverageOptions {
  double target_m2 = 1.5;         // shelter area per resident
  double walk_minutes = 15;       // shelter service
  double response_minutes = 5;    // fire/rescue reach (建标152)
  double grid_m = 0;              // demand: 0 = one point per community, else grid cell size (m)
  double max_snap_m = 500;        // farther from a usable road = cannot be reached
  double buffer_m = 30;           // service-area polygons around reachable roads
  bool service_areas = true;
  std::string walk_profile = "walking";
  std::string depot_profile = "rescue_truck";
  std::vector<ResponseGroup> response = {
      {"fire_engine", {TeamKind::fire_rescue, TeamKind::micro_fire_station}, "fire rescue and micro fire stations"},
      {"rescue_truck", {TeamKind::professional, TeamKind::street_parttime, TeamKind::enterprise, TeamKind::volunteer},
       "professional, street, enterprise and volunteer teams"}};
  // Where to build next (only when k > 0).
  size_t k = 0;
  SiteMethod method = SiteMethod::mclp;
  std::vector<CandidateSite> candidates;  // empty: generated (default_candidates)
  int64_t candidate_capacity = 5000;      // places of a new shelter when a candidate gives none
  double pmedian_horizon_minutes = 60;    // p-median: walks up to this count
};

struct ServiceArea {
  std::string kind;  // shelter, depot, team
  std::string id, name, profile;
  double minutes = 0;
  std::string wkb;   // WGS84 polygon; empty when nothing is reachable
  double area_m2 = 0;
};

struct SiteResult {
  SiteMethod method = SiteMethod::mclp;
  size_t k = 0;
  bool generated_candidates = false;
  std::vector<CandidateSite> candidates;
  std::vector<double> candidate_snap_m;
  SiteChoice choice;
  std::vector<int64_t> served_before, served_after;  // per demand point, within the walk limit
};

struct CoverageReport {
  const Dataset* data = nullptr;
  AreaTree tree;
  CoverageOptions options;
  std::vector<DemandPoint> demand;
  std::vector<double> demand_snap_m;   // distance to the walking network; > max_snap_m = unreachable
  std::vector<size_t> shelter_street, depot_street;
  std::vector<ShelterAreaRow> shelter_area;
  std::vector<StreetCheck> checks;
  ServiceResult service;
  std::vector<AreaShare> service_shares;  // streets, communities, district
  std::vector<ResponseCoverage> response;
  std::vector<std::vector<AreaShare>> response_shares;  // per response group
  std::vector<ServiceArea> service_areas;
  std::optional<SiteResult> sites;
  std::vector<std::string> notes;
  double seconds = 0;
  std::vector<std::pair<std::string, double>> stage_seconds;  // where the time went
};

// Throws erde::Error when a profile named in the options is missing, or the data has no
// populated areas.
CoverageReport analyse_coverage(const Dataset& data, const LiveRoads& roads,
                                const CoverageOptions& options);

// Candidates when none are given: each street's point on surface, then the demand point of every
// community with unserved residents; all at `capacity`.
std::vector<CandidateSite> default_candidates(const CoverageReport& report, int64_t capacity);

}  // namespace erde
