#pragma once
// Internal to engine/geo: finds erde's fields in a source layer (by mapping, by name, or by a
// Shapefile's 10-character truncation) and reads one feature's values with their checks.
#include <ogrsf_frmts.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geo/layer_kind.hpp"
#include "geo/mapping.hpp"
#include "model/enum_table.hpp"

namespace erde {

struct FieldIndex {
  static constexpr int fid_column = -2;  // the layer's FID column holds erde's `id`
  std::map<std::string, int, std::less<>> index;  // erde field -> OGR field index
  std::map<std::string, std::string, std::less<>> source_name;  // erde field -> source field
  bool has(std::string_view field) const { return index.count(field) > 0; }
};

struct FieldProblem {
  std::string field;
  std::string reason;
};

// Resolves every field of the kind (and lon/lat/wkt for geometry kinds); missing required
// fields and mapping entries naming absent fields are reported.
FieldIndex resolve_fields(OGRLayer& layer, LayerKind kind, const LayerMapping* mapping,
                          std::vector<FieldProblem>& problems);

class FeatureFields {
 public:
  FeatureFields(OGRFeature& feature, const FieldIndex& index)
      : feature_(feature), index_(index) {}

  // Trimmed text, or nullopt when the field is absent, null or blank.
  std::optional<std::string> value(std::string_view field) const;
  // Required: a missing or blank value is a problem (and "" is returned).
  std::string text(std::string_view field, bool required);
  std::optional<double> non_negative_real(std::string_view field, bool required);
  std::optional<int64_t> count(std::string_view field, bool required);
  std::vector<std::string> list(std::string_view field) const;

  template <typename E>
  std::optional<E> enumerated(std::string_view field, bool required) {
    std::string v = text(field, required);
    if (v.empty()) return std::nullopt;
    if (auto e = parse_enum<E>(v)) return e;
    add(field, unknown_enum_reason<E>(v));
    return std::nullopt;
  }
  template <typename E>
  static std::string unknown_enum_reason(std::string_view v) {
    return "unknown " + std::string(EnumTable<E>::label) + " '" + std::string(v) +
           "'; allowed: " + allowed_values<E>();
  }

  void add(std::string_view field, std::string reason) {
    problems.push_back({std::string(field), std::move(reason)});
  }
  std::vector<FieldProblem> problems;

 private:
  OGRFeature& feature_;
  const FieldIndex& index_;
};

// Splits a list on ; , | 、 ， and trims the items; empty items are dropped.
std::vector<std::string> split_list(std::string_view text);

}  // namespace erde
