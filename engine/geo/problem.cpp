#include "geo/problem.hpp"

namespace erde {

std::string Problem::to_string() const {
  std::string out = source;
  if (!layer.empty()) out += ": layer '" + layer + "'";
  if (!feature.empty()) out += ", feature '" + feature + "'";
  if (fid >= 0 && feature != "FID " + std::to_string(fid))
    out += " (FID " + std::to_string(fid) + ")";
  if (!field.empty()) out += ", field '" + field + "'";
  out += ": " + reason;
  return out;
}

}  // namespace erde
