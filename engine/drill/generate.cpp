#include "drill/generate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace erde {
namespace {

struct Draws {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  size_t below(size_t n) { return static_cast<size_t>(unit() * static_cast<double>(n)); }
};

// Everyday calls dominate; a few need evacuation.
constexpr IncidentType kTypes[] = {
    IncidentType::waterlogging, IncidentType::waterlogging, IncidentType::fire, IncidentType::fire,
    IncidentType::fire, IncidentType::traffic_accident, IncidentType::traffic_accident, IncidentType::lift_entrapment,
    IncidentType::lift_entrapment, IncidentType::building_collapse, IncidentType::gas_explosion,
    IncidentType::hazchem_leak, IncidentType::drowning, IncidentType::power_outage};

std::string numbered(const char* prefix, size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%04zu", prefix, n);
  return buf;
}

}  // namespace

Scenario generated_scenario(const Dataset& data, const std::string& data_path, size_t incidents, double hours,
                            uint64_t seed) {
  Draws d{seed};
  Scenario s;
  s.source = "(generated)";
  s.title = "Generated day";
  s.data = s.roads = data_path;
  s.seed = seed;
  s.on_scene_jitter = 0.3;
  s.on_scene_s.fill(30 * 60);
  s.target_s.fill(10 * 60);
  const double span_ms = hours * 3'600'000;
  std::vector<LonLat> places;
  for (const RiskPoint& p : data.risk_points) places.push_back(p.location);
  for (const AdminArea& a : data.areas)
    if (a.level == AreaLevel::community) places.push_back(a.centroid);
  for (size_t k = 0; k < incidents && !places.empty(); ++k) {
    IncidentInject i;
    i.id = numbered("G", k + 1);
    i.type = kTypes[d.below(std::size(kTypes))];
    const double u = d.unit();
    i.severity = u < 0.85 ? Severity::general : u < 0.97 ? Severity::large : Severity::major;
    i.place.at = places[d.below(places.size())];
    s.injects.push_back({std::llround(d.unit() * span_ms), d.unit() < 0.2, 0, i});
  }
  for (size_t k = 0; k < incidents / 50 && !places.empty(); ++k) {
    ClosureInject c;
    c.id = numbered("C", k + 1);
    c.cause = ClosureCause::waterlogging;
    c.centre = DrillPlace{DrillPlace::By::coordinates, places[d.below(places.size())], {}, 0};
    c.radius_m = 60;
    const int64_t at = std::llround(d.unit() * span_ms);
    c.reopen_ms = at + 2 * 3'600'000;
    s.injects.push_back({at, false, 0, c});
  }
  for (size_t k = 0; k < incidents / 100 && !data.teams.empty(); ++k) {
    TeamUnavailableInject t;
    t.team = data.teams[d.below(data.teams.size())].id;
    const int64_t at = std::llround(d.unit() * span_ms);
    t.until_ms = at + 3'600'000;
    s.injects.push_back({at, true, 0, t});
  }
  std::stable_sort(s.injects.begin(), s.injects.end(), [](const Inject& a, const Inject& b) { return a.at_ms < b.at_ms; });
  return s;
}

}  // namespace erde
