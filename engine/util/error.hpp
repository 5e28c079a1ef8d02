#pragma once
// erde::Error: the one exception type the engine throws for bad input or failed operations.
// Its message is a single line meant for the user ("<where>: <reason>").
#include <stdexcept>
#include <string>

namespace erde {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace erde
