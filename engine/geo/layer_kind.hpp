#pragma once
// The kinds of layer erde reads (geodata/SCHEMA.md) and the fields each one has.
#include <optional>
#include <span>
#include <string_view>

namespace erde {

enum class LayerKind { areas, shelters, depots, depot_stock, teams, risk_points, responsibility_areas, roads };

struct FieldSpec {
  std::string_view name;
  bool required = false;
};

std::string_view to_string(LayerKind kind);
// The kind named exactly (ASCII case-insensitively) by `name`, e.g. "Shelters" or "risk_points".
std::optional<LayerKind> layer_kind_named(std::string_view name);
std::span<const LayerKind> all_layer_kinds();
// Attribute fields of a kind, without the geometry. Point layers may instead of a geometry
// carry `lon`/`lat` or `wkt` columns; those names are mappable too (see is_mappable_field).
std::span<const FieldSpec> fields_of(LayerKind kind);
bool is_mappable_field(LayerKind kind, std::string_view erde_field);
bool has_geometry(LayerKind kind);

}  // namespace erde
