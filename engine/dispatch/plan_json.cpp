#include "dispatch/plan_json.hpp"

#include <cmath>
#include <cstdio>

#include "util/error.hpp"

namespace erde {
namespace {

using nlohmann::json;

template <typename E>
json term(E value) {
  return {{"en", std::string(to_string(value))}, {"zh", std::string(chinese_name(value))}};
}

// Coordinates to 1e-7 degree (about 1 cm): every screen draws the same place, and a plan's text
// is about a third shorter than with all 17 digits.
double degrees(double d) { return std::round(d * 1e7) / 1e7; }

json position(LonLat p) { return {degrees(p.lon), degrees(p.lat)}; }

json point(LonLat p) { return {{"type", "Point"}, {"coordinates", position(p)}}; }

json line(const std::vector<LonLat>& points) {
  if (points.size() < 2) return nullptr;
  json coords = json::array();
  for (LonLat p : points) coords.push_back(position(p));
  return {{"type", "LineString"}, {"coordinates", coords}};
}

json positions(const GeosContext& geos, const GEOSGeometry* g) {
  json out = json::array();
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos.handle(), g);
  unsigned int size = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(geos.handle(), seq, &size)) throw Error("cannot read coordinates: " + geos.last_error());
  for (unsigned int k = 0; k < size; ++k) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(geos.handle(), seq, k, &x, &y);
    out.push_back(position({x, y}));
  }
  return out;
}

json rings(const GeosContext& geos, const GEOSGeometry* polygon) {
  json out = json::array();
  if (GEOSisEmpty_r(geos.handle(), polygon)) return out;
  out.push_back(positions(geos, GEOSGetExteriorRing_r(geos.handle(), polygon)));
  const int holes = GEOSGetNumInteriorRings_r(geos.handle(), polygon);
  for (int k = 0; k < holes; ++k) out.push_back(positions(geos, GEOSGetInteriorRingN_r(geos.handle(), polygon, k)));
  return out;
}

// GeoJSON of a GEOS geometry, built from its coordinates (no text in between).
json geojson_of(const GeosContext& geos, const GEOSGeometry* g) {
  auto parts = [&](auto&& part) {
    json out = json::array();
    const int n = GEOSGetNumGeometries_r(geos.handle(), g);
    for (int k = 0; k < n; ++k) out.push_back(part(GEOSGetGeometryN_r(geos.handle(), g, k)));
    return out;
  };
  switch (GEOSGeomTypeId_r(geos.handle(), g)) {
    case GEOS_POINT: {
      json p = positions(geos, g);
      return {{"type", "Point"}, {"coordinates", p.empty() ? json::array() : p[0]}};
    }
    case GEOS_LINESTRING:
    case GEOS_LINEARRING: return {{"type", "LineString"}, {"coordinates", positions(geos, g)}};
    case GEOS_POLYGON: return {{"type", "Polygon"}, {"coordinates", rings(geos, g)}};
    case GEOS_MULTIPOINT:
      return {{"type", "MultiPoint"}, {"coordinates", parts([&](const GEOSGeometry* p) { return positions(geos, p)[0]; })}};
    case GEOS_MULTILINESTRING:
      return {{"type", "MultiLineString"}, {"coordinates", parts([&](const GEOSGeometry* p) { return positions(geos, p); })}};
    case GEOS_MULTIPOLYGON:
      return {{"type", "MultiPolygon"}, {"coordinates", parts([&](const GEOSGeometry* p) { return rings(geos, p); })}};
    case GEOS_GEOMETRYCOLLECTION:
      return {{"type", "GeometryCollection"}, {"geometries", parts([&](const GEOSGeometry* p) { return geojson_of(geos, p); })}};
    default: throw Error("cannot write GeoJSON: unknown geometry type");
  }
}

json geojson(const GeosContext& geos, const Geometry& g) {
  if (g.empty()) return nullptr;
  return geojson_of(geos, geos.from_wkb(g.wkb).get());
}

json selection_json(const TeamSelection& sel) {
  json assigned = json::array(), shortfall = json::array();
  for (const auto& a : sel.assigned) {
    json entry = {{"capability", term(a.capability)}, {"team_id", a.team_id}, {"team_name", a.team_name},
                  {"eta_s", a.eta_s}, {"filled_by", std::string(to_string(a.filled_by))},
                  {"re_tasked", a.re_tasked}, {"route", line(a.route)}};
    if (a.filled_by == FilledBy::first_due) entry["first_due_area_id"] = a.first_due_area_id;
    if (a.filled_by == FilledBy::preempted) entry["preempted_from"] = a.preempted_from;
    if (a.re_tasked) entry["re_tasked_from"] = a.re_tasked_from.empty() ? json(nullptr) : json(a.re_tasked_from);
    if (a.substitute_by) {
      entry["substitute_by"] = term(*a.substitute_by);
      entry["substitute_note"] = a.substitute_note;
    }
    assigned.push_back(std::move(entry));
  }
  for (const auto& s : sel.shortfall)
    shortfall.push_back({{"capability", term(s.capability)}, {"missing", s.missing}, {"reason", s.reason}});
  return {{"assigned", assigned}, {"shortfall", shortfall}, {"staffed_eta_s", sel.staffed_eta_s},
          {"total_eta_s", sel.total_eta_s}, {"complete", sel.complete()}};
}

json first_due_json(const std::vector<FirstDueTeam>& teams) {
  json out = json::array();
  for (const FirstDueTeam& t : teams)
    out.push_back({{"team_id", t.team_id}, {"team_name", t.team_name}, {"area_id", t.area_id},
                   {"area_name", t.area_name}, {"sent", t.sent}, {"note", t.note}});
  return out;
}

json response_json(const ResponsePlan& r) {
  json teams = json::array(), materials = json::array();
  for (const auto& t : r.teams) teams.push_back({{"capability", term(t.capability)}, {"count", t.count}});
  for (const auto& m : r.materials)
    materials.push_back({{"material", term(m.material)}, {"quantity", m.quantity},
                         {"unit", std::string(default_unit(m.material))}});
  json evac = r.evacuation_radius_m ? json(*r.evacuation_radius_m) : json(nullptr);
  json first_due = r.first_due ? json{{"faster_by_s", r.first_due->faster_by_s}} : json(nullptr);
  json may_take_from = json::array();
  for (Severity s : r.may_take_from) may_take_from.push_back(term(s));
  return {{"teams", teams},
          {"equipment", r.equipment},
          {"materials", materials},
          {"evacuation_radius_m", evac},
          {"warning_radius_m", r.warning_radius_m},
          {"first_due", first_due},
          {"may_take_from", may_take_from}};
}

json evacuation_json(const GeosContext& geos, const IncidentPlan& plan) {
  if (!plan.evacuation) return nullptr;
  const EvacuationPlan& e = *plan.evacuation;
  json areas = json::array(), alloc = json::array(), unplaced = json::array();
  for (const auto& a : e.population.areas)
    areas.push_back({{"area_id", a.area_id}, {"area_name", a.area_name}, {"level", term(a.level)},
                     {"remainder", a.remainder}, {"population", a.population}, {"fraction", a.fraction},
                     {"affected", a.affected}, {"gather_point", point(a.gather_point)}});
  for (const auto& a : e.allocations)
    alloc.push_back({{"area_id", a.area_id}, {"area_name", a.area_name}, {"remainder", a.remainder},
                     {"shelter_id", a.shelter_id}, {"shelter_name", a.shelter_name}, {"people", a.people},
                     {"walk_s", a.walk_s}, {"walk_m", a.route.empty() ? json(nullptr) : json(a.walk_m)},
                     {"route", line(a.route)}});
  for (const auto& u : e.unplaced)
    unplaced.push_back({{"area_id", u.area_id}, {"area_name", u.area_name}, {"remainder", u.remainder},
                        {"people", u.people}});
  return {{"zone", geojson(geos, plan.evacuation_zone)}, {"estimated_population", e.population.total},
          {"people", e.people}, {"placed", e.placed}, {"unplaced_total", e.unplaced_total},
          {"last_arrival_s", e.last_arrival_s}, {"areas", areas}, {"allocations", alloc},
          {"unplaced", unplaced}, {"shelters_in_zone", e.shelters_in_zone}};
}

json warnings_json(const GeosContext& geos, const IncidentPlan& plan) {
  const WarningList& w = plan.warnings;
  json risks = json::array(), areas = json::array(), shelters = json::array();
  for (const auto& r : w.risk_points)
    risks.push_back({{"id", r.id}, {"name", r.name}, {"kind", term(r.kind)}, {"level", term(r.level)},
                     {"responsible_unit", r.responsible_unit}, {"distance_m", r.distance_m}});
  for (const auto& a : w.areas) areas.push_back({{"id", a.id}, {"name", a.name}, {"level", term(a.level)}});
  for (const auto& s : w.shelters) shelters.push_back({{"id", s.id}, {"name", s.name}, {"distance_m", s.distance_m}});
  return {{"zone", geojson(geos, plan.warning_zone)}, {"risk_points", risks}, {"areas", areas}, {"shelters", shelters}};
}

std::string minutes(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f min", seconds / 60.0);
  return buf;
}

std::string quantity(double q) {
  char buf[32];
  if (std::fabs(q - std::round(q)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", q);
  else std::snprintf(buf, sizeof buf, "%.2f", q);
  return buf;
}

template <typename E>
std::string both(E value) {
  return std::string(to_string(value)) + " (" + std::string(chinese_name(value)) + ")";
}

void append_selection(std::string& out, const TeamSelection& sel) {
  for (const auto& a : sel.assigned) {
    out += "  " + both(a.capability) + ": " + a.team_name + " [" + a.team_id + "], ETA " + minutes(a.eta_s);
    if (a.substitute_by)
      out += ", SUBSTITUTE (" + both(*a.substitute_by) + (a.substitute_note.empty() ? "" : ": " + a.substitute_note) + ")";
    if (a.filled_by == FilledBy::first_due) out += ", FIRST-DUE 辖区 (" + a.first_due_area_id + ")";
    if (a.filled_by == FilledBy::preempted) out += ", PRE-EMPTED 抽调 from " + a.preempted_from;
    if (a.re_tasked)
      out += ", RE-TASKED 改派 from where it is" + (a.re_tasked_from.empty() ? "" : " (returning from " + a.re_tasked_from + ")");
    out += "\n";
  }
  for (const auto& s : sel.shortfall)
    out += "  SHORT " + std::to_string(s.missing) + " x " + both(s.capability) + ": " + s.reason + "\n";
}

json mutual_aid_json(const IncidentPlan& plan) {
  const Incident& inc = plan.incident;
  json areas = json::array();
  for (const AreaName& a : plan.incident_areas) areas.push_back({{"id", a.id}, {"name", a.name}, {"level", term(a.level)}});
  json out = json::array();
  for (const MutualAidRequest& r : plan.mutual_aid) {
    json needs = json::array();
    for (const AidNeed& n : r.needs) {
      switch (n.kind) {
        case AidNeed::Kind::team:
          needs.push_back({{"kind", "team"}, {"capability", term(n.capability)}, {"missing", n.missing}, {"unit", "team"},
                           {"reason", n.reason}});
          break;
        case AidNeed::Kind::material:
          needs.push_back({{"kind", "material"}, {"material", term(n.material)}, {"missing", n.missing},
                           {"unit", std::string(default_unit(n.material))}, {"reason", n.reason}});
          break;
        case AidNeed::Kind::shelter_places:
          needs.push_back({{"kind", "shelter_places"}, {"missing", n.missing}, {"unit", "people"}, {"reason", n.reason}});
          break;
      }
    }
    out.push_back({{"format", "erde.mutual_aid/1"},
                   {"to", r.to ? json(r.to->to) : json(nullptr)},
                   {"contact", r.to ? r.to->contact : std::string()},
                   {"incident",
                    {{"id", inc.id}, {"type", term(inc.type)}, {"severity", term(inc.severity)},
                     {"location", point(inc.location)}, {"areas", areas}}},
                   {"needs", needs}});
  }
  return out;
}

json preemption_json(const std::vector<PreemptionOption>& options) {
  json out = json::array();
  for (const PreemptionOption& o : options) {
    json entry = {{"capability", term(o.capability)}, {"team_id", o.team_id},      {"team_name", o.team_name},
                  {"eta_s", o.eta_s},                 {"from_incident", o.from_incident},
                  {"from_severity", term(o.from_severity)}};
    if (o.substitute_by) {
      entry["substitute_by"] = term(*o.substitute_by);
      entry["substitute_note"] = o.substitute_note;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

json teams_json(const IncidentPlan& plan) {
  json out = selection_json(plan.teams);
  out["first_due"] = first_due_json(plan.first_due);
  out["preemption"] = preemption_json(plan.preemption);
  return out;
}

void append_preemption(std::string& out, const IncidentPlan& plan) {
  for (const PreemptionOption& o : plan.preemption)
    out += "  PRE-EMPT 抽调 for " + both(o.capability) + " (on confirmation): " + o.team_name + " [" + o.team_id +
           "] from " + o.from_incident + " (" + both(o.from_severity) + "), ETA " + minutes(o.eta_s) +
           (o.substitute_by ? ", as SUBSTITUTE (" + both(*o.substitute_by) + ")" : "") + "\n";
}

void append_mutual_aid(std::string& out, const IncidentPlan& plan) {
  if (plan.mutual_aid.empty()) return;
  std::string where;
  for (const AreaName& a : plan.incident_areas) where += (where.empty() ? "" : " / ") + a.name + " [" + a.id + "]";
  for (const MutualAidRequest& r : plan.mutual_aid) {
    out += "Mutual aid 增援请求 to ";
    out += r.to ? r.to->to + (r.to->contact.empty() ? "" : " (" + r.to->contact + ")")
                : "(the response plans name no contact for this)";
    out += ":\n";
    for (const AidNeed& n : r.needs) {
      switch (n.kind) {
        case AidNeed::Kind::team:
          out += "  " + quantity(n.missing) + " x " + both(n.capability) + " team: " + n.reason + "\n";
          break;
        case AidNeed::Kind::material:
          out += "  " + quantity(n.missing) + " " + std::string(default_unit(n.material)) + " " + both(n.material) + "\n";
          break;
        case AidNeed::Kind::shelter_places:
          out += "  shelter places for " + quantity(n.missing) + " people\n";
          break;
      }
    }
    if (!where.empty()) out += "  for incident " + plan.incident.id + " in " + where + "\n";
  }
}

json concessions_json(const std::vector<Concession>& gave_up) {
  json out = json::array();
  for (const Concession& c : gave_up) {
    switch (c.kind) {
      case Concession::Kind::team:
        out.push_back({{"kind", "team"},
                       {"team_id", c.team_id},
                       {"capability", term(c.capability)},
                       {"to", c.to},
                       {"instead", c.instead.empty() ? json(nullptr) : json(c.instead)}});
        break;
      case Concession::Kind::material:
        out.push_back({{"kind", "material"}, {"material", term(c.material)}, {"quantity", c.quantity},
                       {"unit", std::string(default_unit(c.material))}, {"to", c.to}});
        break;
      case Concession::Kind::shelter_places:
        out.push_back({{"kind", "shelter_places"}, {"quantity", c.quantity}, {"unit", "people"}, {"to", c.to}});
        break;
    }
  }
  return out;
}

void append_gave_up(std::string& out, const IncidentPlan& plan) {
  for (const Concession& c : plan.gave_up) {
    std::string to;
    for (const std::string& id : c.to) to += (to.empty() ? "" : ", ") + id;
    out += "Gave up 让出: ";
    switch (c.kind) {
      case Concession::Kind::team: out += "team " + c.team_id + " (" + both(c.capability) + ")"; break;
      case Concession::Kind::material:
        out += quantity(c.quantity) + " " + std::string(default_unit(c.material)) + " " + both(c.material);
        break;
      case Concession::Kind::shelter_places: out += "shelter places for " + quantity(c.quantity) + " people"; break;
    }
    if (!to.empty()) out += " to " + to;
    if (c.kind == Concession::Kind::team) out += c.instead.empty() ? "; the slot stays short" : "; " + c.instead + " fills the slot instead";
    out += "\n";
  }
}

}  // namespace

json plan_to_json(const GeosContext& geos, const IncidentPlan& plan) {
  const Incident& inc = plan.incident;
  json materials_picks = json::array(), materials_short = json::array();
  for (const auto& p : plan.materials.picks)
    materials_picks.push_back({{"material", term(p.material)}, {"depot_id", p.depot_id}, {"depot_name", p.depot_name},
                               {"quantity", p.quantity}, {"unit", std::string(default_unit(p.material))},
                               {"eta_s", p.eta_s}});
  for (const auto& s : plan.materials.shortfall)
    materials_short.push_back({{"material", term(s.material)}, {"missing", s.missing},
                               {"unit", std::string(default_unit(s.material))}});
  return {
      {"format", "erde.plan/1"},
      {"incident",
       {{"id", inc.id}, {"type", term(inc.type)}, {"severity", term(inc.severity)}, {"location", point(inc.location)},
        {"hazard_zone", geojson(geos, inc.hazard_zone)}}},
      {"response_plan", response_json(plan.response)},
      {"teams", teams_json(plan)},
      {"materials",
       {{"picks", materials_picks}, {"shortfall", materials_short}, {"ready_eta_s", plan.materials.ready_eta_s},
        {"complete", plan.materials.complete()}}},
      {"evacuation", evacuation_json(geos, plan)},
      {"warnings", warnings_json(geos, plan)},
      {"mutual_aid", mutual_aid_json(plan)},
      {"gave_up", concessions_json(plan.gave_up)},
      {"complete", plan.complete()},
  };
}

json event_to_json(const GeosContext& geos, const EventPlan& event) {
  const std::span<const BatchIncident> incidents = event.teams_problem;
  auto result = [&](const BatchResult& r) {
    json per = json::array();
    for (size_t i = 0; i < incidents.size(); ++i) {
      json s = selection_json(r.selections[i]);
      s["incident_id"] = incidents[i].id;
      s["severity"] = term(incidents[i].severity);
      per.push_back(s);
    }
    return json{{"incidents", per}, {"missing_slots", r.missing_slots}, {"weighted_missing", r.weighted_missing},
                {"weighted_eta_s", r.weighted_eta_s}};
  };
  json plans = json::array();
  for (size_t i = 0; i < event.plans.size(); ++i) {
    plans.push_back(plan_to_json(geos, event.plans[i]));
  }
  return {{"format", "erde.batch/1"}, {"priority", event.priority}, {"plans", plans},
          {"optimal", result(event.joint)}, {"greedy", result(event.greedy)}};
}

std::string plan_to_text(const IncidentPlan& plan) {
  const Incident& inc = plan.incident;
  char loc[64];
  std::snprintf(loc, sizeof loc, "%.6f,%.6f", inc.location.lon, inc.location.lat);
  std::string out = "Incident " + inc.id + ": " + both(inc.type) + ", " + both(inc.severity) + " at " + loc + "\n";

  out += "Teams";
  if (!plan.teams.assigned.empty()) out += " (scene fully staffed in " + minutes(plan.teams.staffed_eta_s) + ")";
  out += ":\n";
  append_selection(out, plan.teams);
  append_preemption(out, plan);
  for (const FirstDueTeam& t : plan.first_due)
    if (!t.sent) out += "  first-due 辖区 " + t.area_name + " [" + t.area_id + "]: " + t.team_name + " [" + t.team_id + "] not sent: " + t.note + "\n";
  if (plan.response.teams.empty()) out += "  none required\n";

  out += "Materials";
  if (!plan.materials.picks.empty()) out += " (all arrive within " + minutes(plan.materials.ready_eta_s) + ")";
  out += ":\n";
  for (const auto& p : plan.materials.picks)
    out += "  " + both(p.material) + ": " + quantity(p.quantity) + " " + std::string(default_unit(p.material)) +
           " from " + p.depot_name + " [" + p.depot_id + "], ETA " + minutes(p.eta_s) + "\n";
  for (const auto& s : plan.materials.shortfall)
    out += "  SHORT " + quantity(s.missing) + " " + std::string(default_unit(s.material)) + " " + both(s.material) + "\n";
  if (plan.response.materials.empty()) out += "  none required\n";
  if (!plan.response.equipment.empty()) {
    out += "Equipment:";
    for (size_t i = 0; i < plan.response.equipment.size(); ++i) out += (i ? "; " : " ") + plan.response.equipment[i];
    out += "\n";
  }

  if (plan.evacuation) {
    const EvacuationPlan& e = *plan.evacuation;
    out += "Evacuation";
    if (!inc.hazard_zone.empty()) out += " (given hazard zone)";
    else if (plan.response.evacuation_radius_m) out += " (radius " + quantity(*plan.response.evacuation_radius_m) + " m)";
    out += ": " + std::to_string(e.people) + " people, " + std::to_string(e.placed) + " placed";
    if (e.placed > 0) out += ", last arrival " + minutes(e.last_arrival_s);
    out += "\n";
    for (const auto& a : e.allocations)
      out += "  " + a.area_name + " [" + a.area_id + (a.remainder ? ", rest" : "") + "] -> " + a.shelter_name + " [" +
             a.shelter_id + "]: " + std::to_string(a.people) + " people, walk " + minutes(a.walk_s) +
             (a.route.empty() ? "" : ", " + quantity(std::round(a.walk_m)) + " m") + "\n";
    for (const auto& u : e.unplaced)
      out += "  UNPLACED " + std::to_string(u.people) + " people from " + u.area_name + " [" + u.area_id + "]\n";
    if (!e.shelters_in_zone.empty()) {
      out += "  not used (inside the zone):";
      for (const auto& s : e.shelters_in_zone) out += " " + s;
      out += "\n";
    }
  } else {
    out += "Evacuation: none\n";
  }

  const WarningList& w = plan.warnings;
  out += "Warnings";
  if (plan.response.warning_radius_m > 0.0) out += " (radius " + quantity(plan.response.warning_radius_m) + " m)";
  out += ": " + std::to_string(w.risk_points.size()) + " risk points, " + std::to_string(w.areas.size()) +
         " areas, " + std::to_string(w.shelters.size()) + " shelters\n";
  for (const auto& r : w.risk_points)
    out += "  [" + both(r.level) + "] " + both(r.kind) + " " + r.name + " [" + r.id + "], " +
           quantity(std::round(r.distance_m)) + " m\n";
  for (const auto& a : w.areas) out += "  " + both(a.level) + " " + a.name + " [" + a.id + "]\n";
  for (const auto& s : w.shelters)
    out += "  shelter " + s.name + " [" + s.id + "], " + quantity(std::round(s.distance_m)) + " m\n";
  append_mutual_aid(out, plan);
  append_gave_up(out, plan);
  out += plan.complete() ? "Plan complete.\n" : "Plan INCOMPLETE: see SHORT / UNPLACED above.\n";
  return out;
}

std::string event_to_text(const EventPlan& event) {
  std::string out;
  std::string order;
  for (const std::string& id : event.priority) order += (order.empty() ? "" : ", ") + id;
  out += "Whole-event plan: " + std::to_string(event.plans.size()) + " incidents; stock and shelter places shared in " +
         "the order " + order + " (most severe first)\n\n";
  for (size_t i = 0; i < event.plans.size(); ++i) {
    out += plan_to_text(event.plans[i]);
    out += "\n";
  }
  auto summary = [](const char* name, const BatchResult& r) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%s: weighted arrival %.1f min, %d slots unfilled (weighted %lld)\n", name,
                  r.weighted_eta_s / 60.0, r.missing_slots, static_cast<long long>(r.weighted_missing));
    return std::string(buf);
  };
  out += summary("joint assignment", event.joint);
  out += summary("one-by-one greedy", event.greedy);
  return out;
}

}  // namespace erde
