#pragma once
// A small fixed district (3 teams, 2 shelters, 1 depot) for the service tests and fuzz target.
#include "model/dataset.hpp"

namespace erde::service {

Dataset sample_dataset();

}  // namespace erde::service
