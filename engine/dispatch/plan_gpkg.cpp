#include "dispatch/plan_gpkg.hpp"

#include <memory>
#include <string>
#include <vector>

#include "geo/vector_writer.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

struct Field {
  const char* name;
  OGRFieldType type;
};

OGRLayer& layer(GDALDataset& ds, const OGRSpatialReference& srs, const char* name, OGRwkbGeometryType type,
                const char* description, std::initializer_list<Field> fields) {
  OGRLayer& l = create_layer(ds, name, &srs, type, description);
  for (const Field& f : fields) add_field(l, f.name, f.type);
  return l;
}

std::unique_ptr<OGRGeometry> point(LonLat p) { return std::make_unique<OGRPoint>(p.lon, p.lat); }

std::unique_ptr<OGRGeometry> line(const std::vector<LonLat>& points) {
  auto l = std::make_unique<OGRLineString>();
  for (LonLat p : points) l->addPoint(p.lon, p.lat);
  return l;
}

std::unique_ptr<OGRGeometry> from_wkb(const Geometry& g) {
  OGRGeometry* out = nullptr;
  if (OGRGeometryFactory::createFromWkb(g.wkb.data(), nullptr, &out, g.wkb.size()) != OGRERR_NONE || !out)
    throw Error("plan export: unreadable zone geometry");
  return std::unique_ptr<OGRGeometry>(out);
}

// Writes one feature: geometry (may be null) and fields set by `fill`.
template <typename Fill>
void put(OGRLayer& l, std::unique_ptr<OGRGeometry> geometry, Fill fill) {
  OGRFeature f(l.GetLayerDefn());
  if (geometry) f.SetGeometryDirectly(geometry.release());
  fill(f);
  write_feature(l, f);
}

template <typename Items, typename Id>
auto find_by_id(const Items& items, const Id& id) -> const typename Items::value_type* {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

template <typename E>
std::string both(E value) {
  return std::string(to_string(value)) + " " + std::string(chinese_name(value));
}

}  // namespace

void write_plan_gpkg(const IncidentPlan& plan, const Dataset& data,
                     const std::filesystem::path& file) {
  DatasetPtr ds = create_vector_file(file);
  const OGRSpatialReference srs = epsg_srs(4326);
  const Incident& inc = plan.incident;

  OGRLayer& incident = layer(*ds, srs, "incident", wkbPoint, "The incident",
                             {{"id", OFTString}, {"type", OFTString}, {"severity", OFTString},
                              {"complete", OFTInteger}, {"staffed_min", OFTReal}});
  put(incident, point(inc.location), [&](OGRFeature& f) {
    f.SetField("id", inc.id.c_str());
    f.SetField("type", both(inc.type).c_str());
    f.SetField("severity", both(inc.severity).c_str());
    f.SetField("complete", plan.complete() ? 1 : 0);
    f.SetField("staffed_min", plan.teams.staffed_eta_s / 60.0);
  });

  OGRLayer& routes = layer(*ds, srs, "team_routes", wkbLineString, "Assigned teams, base to scene",
                           {{"team_id", OFTString}, {"team_name", OFTString}, {"capability", OFTString},
                            {"eta_min", OFTReal}, {"filled_by", OFTString}, {"first_due_area_id", OFTString},
                            {"substitute_by", OFTString}, {"substitute_note", OFTString},
                            {"re_tasked_from", OFTString}, {"preempted_from", OFTString}});
  for (const TeamAssignment& a : plan.teams.assigned)
    put(routes, a.route.size() >= 2 ? line(a.route) : nullptr, [&](OGRFeature& f) {
      f.SetField("team_id", a.team_id.c_str());
      f.SetField("team_name", a.team_name.c_str());
      f.SetField("capability", both(a.capability).c_str());
      f.SetField("eta_min", a.eta_s / 60.0);
      f.SetField("filled_by", std::string(to_string(a.filled_by)).c_str());
      if (!a.first_due_area_id.empty()) f.SetField("first_due_area_id", a.first_due_area_id.c_str());
      if (a.substitute_by) {  // null for a team with the slot's own capability
        f.SetField("substitute_by", both(*a.substitute_by).c_str());
        f.SetField("substitute_note", a.substitute_note.c_str());
      }
      // Null for a team sent from standing; a re-tasked one names the incident it left ("" when none).
      if (a.re_tasked) f.SetField("re_tasked_from", a.re_tasked_from.c_str());
      if (a.filled_by == FilledBy::preempted) f.SetField("preempted_from", a.preempted_from.c_str());
    });

  OGRLayer& preemption = layer(*ds, srs, "preemption_options", wkbNone,
                               "Teams the incident may take from less severe ones, on confirmation",
                               {{"capability", OFTString}, {"team_id", OFTString}, {"team_name", OFTString},
                                {"eta_min", OFTReal}, {"from_incident", OFTString}, {"from_severity", OFTString},
                                {"substitute_by", OFTString}});
  for (const PreemptionOption& o : plan.preemption)
    put(preemption, nullptr, [&](OGRFeature& f) {
      f.SetField("capability", both(o.capability).c_str());
      f.SetField("team_id", o.team_id.c_str());
      f.SetField("team_name", o.team_name.c_str());
      f.SetField("eta_min", o.eta_s / 60.0);
      f.SetField("from_incident", o.from_incident.c_str());
      f.SetField("from_severity", both(o.from_severity).c_str());
      if (o.substitute_by) f.SetField("substitute_by", both(*o.substitute_by).c_str());
    });

  OGRLayer& picks = layer(*ds, srs, "material_picks", wkbPoint, "Materials and the depots they come from",
                          {{"material", OFTString}, {"quantity", OFTReal}, {"unit", OFTString},
                           {"depot_id", OFTString}, {"depot_name", OFTString}, {"eta_min", OFTReal}});
  for (const MaterialPick& p : plan.materials.picks) {
    const Depot* depot = find_by_id(data.depots, p.depot_id);
    put(picks, depot ? point(depot->location) : nullptr, [&](OGRFeature& f) {
      f.SetField("material", both(p.material).c_str());
      f.SetField("quantity", p.quantity);
      f.SetField("unit", std::string(default_unit(p.material)).c_str());
      f.SetField("depot_id", p.depot_id.c_str());
      f.SetField("depot_name", p.depot_name.c_str());
      f.SetField("eta_min", p.eta_s / 60.0);
    });
  }

  OGRLayer& shortfalls = layer(*ds, srs, "shortfalls", wkbNone, "What the plan could not meet",
                               {{"what", OFTString}, {"missing", OFTReal}, {"reason", OFTString}});
  for (const TeamShortfall& s : plan.teams.shortfall)
    put(shortfalls, nullptr, [&](OGRFeature& f) {
      f.SetField("what", both(s.capability).c_str());
      f.SetField("missing", s.missing);
      f.SetField("reason", s.reason.c_str());
    });
  for (const MaterialShortfall& s : plan.materials.shortfall)
    put(shortfalls, nullptr, [&](OGRFeature& f) {
      f.SetField("what", both(s.material).c_str());
      f.SetField("missing", s.missing);
      f.SetField("reason", "not enough free stock in reachable depots");
    });
  if (plan.evacuation && plan.evacuation->unplaced_total > 0)
    put(shortfalls, nullptr, [&](OGRFeature& f) {
      f.SetField("what", "shelter places");
      f.SetField("missing", static_cast<double>(plan.evacuation->unplaced_total));
      f.SetField("reason", "people without a reachable shelter place");
    });

  OGRLayer& aid = layer(*ds, srs, "mutual_aid", wkbPoint, "Mutual-aid requests 增援请求: what the district asks others for, at the incident",
                        {{"to", OFTString}, {"contact", OFTString}, {"what", OFTString}, {"missing", OFTReal},
                         {"unit", OFTString}, {"reason", OFTString}});
  for (const MutualAidRequest& r : plan.mutual_aid)
    for (const AidNeed& n : r.needs)
      put(aid, point(inc.location), [&](OGRFeature& f) {
        if (r.to) {  // null: the response plans name no one for this need
          f.SetField("to", r.to->to.c_str());
          f.SetField("contact", r.to->contact.c_str());
        }
        const std::string what = n.kind == AidNeed::Kind::team       ? both(n.capability) + " team"
                                 : n.kind == AidNeed::Kind::material ? both(n.material)
                                                                     : std::string("shelter places");
        f.SetField("what", what.c_str());
        f.SetField("missing", n.missing);
        f.SetField("unit", n.kind == AidNeed::Kind::team       ? "team"
                           : n.kind == AidNeed::Kind::material ? std::string(default_unit(n.material)).c_str()
                                                               : "people");
        f.SetField("reason", n.reason.c_str());
      });

  OGRLayer& zones = layer(*ds, srs, "zones", wkbMultiPolygon, "Evacuation and warning zones",
                          {{"zone", OFTString}});
  auto zone = [&](const Geometry& g, const char* name) {
    if (g.empty()) return;
    std::unique_ptr<OGRGeometry> geom(OGRGeometryFactory::forceToMultiPolygon(from_wkb(g).release()));
    put(zones, std::move(geom), [&](OGRFeature& f) { f.SetField("zone", name); });
  };
  zone(plan.evacuation_zone, "evacuation");
  zone(plan.warning_zone, "warning");

  OGRLayer& flows = layer(*ds, srs, "evacuation", wkbLineString, "People walking from an area to a shelter",
                          {{"area_id", OFTString}, {"area_name", OFTString}, {"shelter_id", OFTString},
                           {"shelter_name", OFTString}, {"people", OFTInteger64}, {"walk_min", OFTReal}});
  if (plan.evacuation)
    for (const ShelterAllocation& a : plan.evacuation->allocations) {
      const AdminArea* area = find_by_id(data.areas, a.area_id);
      const Shelter* shelter = find_by_id(data.shelters, a.shelter_id);
      put(flows, area && shelter ? line({area->centroid, shelter->location}) : nullptr, [&](OGRFeature& f) {
        f.SetField("area_id", a.area_id.c_str());
        f.SetField("area_name", a.area_name.c_str());
        f.SetField("shelter_id", a.shelter_id.c_str());
        f.SetField("shelter_name", a.shelter_name.c_str());
        f.SetField("people", static_cast<GIntBig>(a.people));
        f.SetField("walk_min", a.walk_s / 60.0);
      });
    }

  OGRLayer& walks = layer(*ds, srs, "evacuation_routes", wkbLineString,
                          "Walking routes along the roads, from an area's gather point to a shelter",
                          {{"area_id", OFTString}, {"area_name", OFTString}, {"remainder", OFTInteger},
                           {"shelter_id", OFTString}, {"shelter_name", OFTString}, {"people", OFTInteger64},
                           {"walk_min", OFTReal}, {"walk_m", OFTReal}});
  if (plan.evacuation)
    for (const ShelterAllocation& a : plan.evacuation->allocations) {
      if (a.route.size() < 2) continue;
      put(walks, line(a.route), [&](OGRFeature& f) {
        f.SetField("area_id", a.area_id.c_str());
        f.SetField("area_name", a.area_name.c_str());
        f.SetField("remainder", a.remainder ? 1 : 0);
        f.SetField("shelter_id", a.shelter_id.c_str());
        f.SetField("shelter_name", a.shelter_name.c_str());
        f.SetField("people", static_cast<GIntBig>(a.people));
        f.SetField("walk_min", a.walk_s / 60.0);
        f.SetField("walk_m", a.walk_m);
      });
    }

  OGRLayer& warned = layer(*ds, srs, "warned_risk_points", wkbPoint, "Risk points inside the warning zone",
                           {{"id", OFTString}, {"name", OFTString}, {"kind", OFTString}, {"level", OFTString},
                            {"responsible_unit", OFTString}, {"distance_m", OFTReal}});
  for (const RiskWarning& w : plan.warnings.risk_points) {
    const RiskPoint* rp = find_by_id(data.risk_points, w.id);
    put(warned, rp ? point(rp->location) : nullptr, [&](OGRFeature& f) {
      f.SetField("id", w.id.c_str());
      f.SetField("name", w.name.c_str());
      f.SetField("kind", both(w.kind).c_str());
      f.SetField("level", both(w.level).c_str());
      f.SetField("responsible_unit", w.responsible_unit.c_str());
      f.SetField("distance_m", w.distance_m);
    });
  }
}

}  // namespace erde
