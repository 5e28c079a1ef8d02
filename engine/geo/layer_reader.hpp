#pragma once
// Internal to engine/geo: reads one recognised layer feature by feature into the staging area.
#include <ogrsf_frmts.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "geo/geos_context.hpp"
#include "geo/load.hpp"
#include "geo/mapping.hpp"
#include "geo/staging.hpp"

namespace erde {

struct LayerJob {
  std::string source;
  OGRLayer* layer = nullptr;
  LayerKind kind = LayerKind::areas;
  const LayerMapping* mapping = nullptr;            // may be null
  const OGRSpatialReference* assumed_crs = nullptr;  // LoadOptions::assume_crs, may be null
  size_t summary = 0;                                // index into the summaries
};

// Fills summaries[job.summary]; calls on_feature after every feature read.
void read_layer(const LayerJob& job, std::vector<LayerSummary>& summaries, Staging& staging,
                std::vector<Problem>& problems, const GeosContext& geos,
                const std::function<void()>& on_feature);

}  // namespace erde
