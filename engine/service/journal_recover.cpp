#include "service/journal_recover.hpp"

#include "service/journal.hpp"
#include "service/service_core.hpp"
#include "util/error.hpp"

namespace erde::service {

void require_journal_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status))
    throw Error(path.string() + ": no such file (a journal that is not there has nothing to check or recover)");
  if (!std::filesystem::is_regular_file(status)) throw Error(path.string() + ": not a file");
}

RecoverOutcome recover_journal(const std::filesystem::path& in, const std::filesystem::path& out,
                               RecoverMode mode) {
  require_journal_file(in);
  if (std::filesystem::exists(out)) throw Error(out.string() + ": exists already; name a new file");
  const JournalReport report = read_journal_report(in);
  RecoverOutcome outcome;
  outcome.report = describe_journal_report(in, report);
  const size_t prefix = report.damaged.empty() ? report.records.size() : report.damaged.front().valid_before;
  const size_t last = mode == RecoverMode::keep_prefix ? prefix : report.records.size();

  // A recovery that fails half-way leaves no file behind: a prefix with no damage in it would
  // look like a finished recovery to the next `check` and `serve`.
  try {
    Journal journal(out);
    size_t damage = 0;
    for (size_t n = 0; n < last; ++n) {
      if (damage < report.damaged.size() && report.damaged[damage].valid_before == n) {
        const JournalDamage& d = report.damaged[damage++];
        JournalEntry next;
        try {
          next = decode_journal_entry(report.records[n].payload);
        } catch (const Error& e) {
          throw Error(in.string() + ": record at byte " + std::to_string(report.records[n].offset) +
                      " after damaged bytes: " + e.what());
        }
        const nlohmann::json args = {{"source", in.string()}, {"offset", d.offset},
                                     {"bytes", d.bytes},      {"after_record", d.valid_before},
                                     {"reason", d.reason}};
        journal.write(encode_journal_entry({next.seq_before, {kJournalSkipped, args, system_clock_ms()(), "erde journal recover"}}));
        outcome.report += "  skipped " + std::to_string(d.bytes) + " damaged bytes at byte " +
                          std::to_string(d.offset) + "; the journal resumes at sequence " +
                          std::to_string(next.seq_before) + "\n";
        ++outcome.skipped_stretches;
      }
      journal.write(report.records[n].payload);
      ++outcome.kept;
    }
    journal.sync();
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(out, ignored);
    throw;
  }
  outcome.left_out = report.records.size() - last;
  if (outcome.left_out > 0) {
    std::string from;
    try {
      from = ", the first of them at sequence " +
             std::to_string(decode_journal_entry(report.records[last].payload).seq_before + 1);
    } catch (const Error&) {
    }
    outcome.report += "  left out the " + std::to_string(outcome.left_out) +
                      " valid records after the first damage" + from + "; they stay in " +
                      in.string() + "\n";
  }
  outcome.report += "wrote " + out.string() + ": " + std::to_string(outcome.kept) + " records" +
                    (outcome.skipped_stretches
                         ? " and " + std::to_string(outcome.skipped_stretches) + " skip markers"
                         : std::string()) +
                    "; " + in.string() + " is unchanged. Start with erde serve --journal " +
                    out.string() + "\n";
  return outcome;
}

}  // namespace erde::service
