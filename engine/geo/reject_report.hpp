#pragma once
// The report of a lenient load: one CSV row per problem, UTF-8 with a byte-order mark so that
// spreadsheet programs show Chinese text; columns source,layer,feature,fid,field,reason.
#include <string>
#include <vector>

#include "geo/problem.hpp"

namespace erde {

// Throws erde::Error when the file cannot be written.
void write_reject_report(const std::string& path, const std::vector<Problem>& problems);

}  // namespace erde
