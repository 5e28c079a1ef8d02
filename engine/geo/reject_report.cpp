#include "geo/reject_report.hpp"

#include <fstream>

namespace erde {

namespace {

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void write_reject_report(const std::string& path, const std::vector<Problem>& problems) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(path + ": cannot write the reject report");
  out << "\xEF\xBB\xBF" << "source,layer,feature,fid,field,reason\r\n";
  for (const Problem& p : problems)
    out << csv_cell(p.source) << ',' << csv_cell(p.layer) << ',' << csv_cell(p.feature) << ','
        << (p.fid >= 0 ? std::to_string(p.fid) : std::string()) << ',' << csv_cell(p.field)
        << ',' << csv_cell(p.reason) << "\r\n";
  out.flush();
  if (!out) throw Error(path + ": cannot write the reject report");
}

}  // namespace erde
