#pragma once
// Printing what a load found (layers, kinds, counts, CRS, bounding box), shared by
// `erde inspect` and `erde demo`.
#include <string>

#include "geo/load.hpp"

namespace erde::cli {

std::string bbox_text(const BBox& b);
void print_layers(const LoadResult& r);
void print_dataset(const LoadResult& r);

}  // namespace erde::cli
