#pragma once
// Internal to engine/geo: the checks that need every layer (unique ids, parent areas, the
// depots that stock rows name), the metric fields, and the move into a Dataset.
#include <vector>

#include "geo/geos_context.hpp"
#include "geo/load.hpp"
#include "geo/staging.hpp"

namespace erde {

// Rejects later duplicates of an id, areas whose parent_id names no area and stock rows whose
// depot_id names no depot; adds the accepted stock rows to their depots. In lenient mode an
// area whose parent was rejected, and a stock row whose depot was, are rejected too.
void check_across_layers(Staging& staging, std::vector<LayerSummary>& summaries,
                         std::vector<Problem>& problems, bool lenient);

// Fills AdminArea::area_m2 and centroid, each area in the local projection centred on its own box;
// moves the accepted features into `out` and sets each layer's and the whole bounding box.
void finish_dataset(Staging& staging, std::vector<LayerSummary>& summaries,
                    std::vector<Problem>& problems, const GeosContext& geos, Dataset& out,
                    BBox& bbox);

}  // namespace erde
