#pragma once
// The operator's way out of a damaged journal (`erde journal recover`): the damaged file is
// only read; a new journal is written next to it for `erde serve --journal NEW`.
#include <cstddef>
#include <filesystem>
#include <string>

namespace erde::service {

enum class RecoverMode {
  keep_prefix,   // the records before the first damage; everything after it is left out
  skip_damaged,  // every valid record; each damaged stretch becomes a kJournalSkipped marker
};

struct RecoverOutcome {
  size_t kept = 0;          // records written to the new file (markers not counted)
  size_t left_out = 0;      // valid records of the old file not written
  size_t skipped_stretches = 0;
  std::string report;       // what was kept, skipped and left out, for the operator
};

// Throws erde::Error unless `path` is an existing regular file: the journal reader treats a
// missing file as a fresh, empty journal, which `check` and `recover` must not.
void require_journal_file(const std::filesystem::path& path);

// Throws erde::Error when `in` is missing (require_journal_file), `out` exists, the input is unreadable or not a journal, or a record
// next to a damaged stretch is not a journal entry; a failed recovery removes `out`.
RecoverOutcome recover_journal(const std::filesystem::path& in, const std::filesystem::path& out,
                               RecoverMode mode);

}  // namespace erde::service
