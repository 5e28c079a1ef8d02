#include "geo/layer_kind.hpp"

#include <array>

#include "util/text.hpp"

namespace erde {

namespace {

constexpr std::array kinds{LayerKind::areas,  LayerKind::shelters,    LayerKind::depots,
                           LayerKind::depot_stock, LayerKind::teams, LayerKind::risk_points,
                           LayerKind::responsibility_areas, LayerKind::roads};

constexpr std::array<FieldSpec, 5> area_fields{{
    {"id", true}, {"name", true}, {"level", true}, {"parent_id"}, {"population"}}};
constexpr std::array<FieldSpec, 8> shelter_fields{{{"id", true},
                                                   {"name", true},
                                                   {"setting", true},
                                                   {"type", true},
                                                   {"level"},
                                                   {"effective_area_m2", true},
                                                   {"capacity", true},
                                                   {"street_id"}}};
constexpr std::array<FieldSpec, 5> depot_fields{{
    {"id", true}, {"name", true}, {"kind", true}, {"street_id"}, {"stock"}}};
constexpr std::array<FieldSpec, 4> stock_fields{{
    {"depot_id", true}, {"material", true}, {"quantity", true}, {"unit"}}};
constexpr std::array<FieldSpec, 8> team_fields{{{"id", true},
                                                {"name", true},
                                                {"kind", true},
                                                {"capabilities", true},
                                                {"headcount", true},
                                                {"equipment"},
                                                {"street_id"},
                                                {"status"}}};
constexpr std::array<FieldSpec, 9> risk_fields{{{"id", true},
                                                {"name", true},
                                                {"kind", true},
                                                {"level", true},
                                                {"street_id"},
                                                {"responsible_unit"},
                                                {"hazard_factors"},
                                                {"surroundings_effect"},
                                                {"control_measures"}}};
constexpr std::array<FieldSpec, 3> responsibility_fields{{{"id", true}, {"name", true}, {"team_id", true}}};
constexpr std::array<FieldSpec, 8> road_fields{{{"id"},
                                                {"highway", true},
                                                {"oneway"},
                                                {"maxspeed"},
                                                {"name"},
                                                {"tunnel"},
                                                {"bridge"},
                                                {"access"}}};

}  // namespace

std::string_view to_string(LayerKind kind) {
  switch (kind) {
    case LayerKind::areas: return "areas";
    case LayerKind::shelters: return "shelters";
    case LayerKind::depots: return "depots";
    case LayerKind::depot_stock: return "depot_stock";
    case LayerKind::teams: return "teams";
    case LayerKind::risk_points: return "risk_points";
    case LayerKind::responsibility_areas: return "responsibility_areas";
    case LayerKind::roads: return "roads";
  }
  return "?";
}

std::optional<LayerKind> layer_kind_named(std::string_view name) {
  for (LayerKind k : kinds)
    if (iequals(trim(name), to_string(k))) return k;
  return std::nullopt;
}

std::span<const LayerKind> all_layer_kinds() { return kinds; }

std::span<const FieldSpec> fields_of(LayerKind kind) {
  switch (kind) {
    case LayerKind::areas: return area_fields;
    case LayerKind::shelters: return shelter_fields;
    case LayerKind::depots: return depot_fields;
    case LayerKind::depot_stock: return stock_fields;
    case LayerKind::teams: return team_fields;
    case LayerKind::risk_points: return risk_fields;
    case LayerKind::responsibility_areas: return responsibility_fields;
    case LayerKind::roads: return road_fields;
  }
  return {};
}

bool has_geometry(LayerKind kind) { return kind != LayerKind::depot_stock; }

bool is_mappable_field(LayerKind kind, std::string_view erde_field) {
  for (const FieldSpec& f : fields_of(kind))
    if (f.name == erde_field) return true;
  return has_geometry(kind) && (erde_field == "lon" || erde_field == "lat" || erde_field == "wkt");
}

}  // namespace erde
