#pragma once
// The socket-free heart of the service: decodes a request, checks the caller's role, runs
// queries, and for commands validates → journals → applies → numbers the updates.
// Owns the sequence number: every update gets the next one, starting from 1.
//
// Retries: a command carrying an idempotency key is remembered (with its caller) together with
// its first result, also across restarts (the key is journaled and replay rebuilds the
// results); the same key again returns that result marked "duplicate" and applies nothing.
//
// Durability: by default each command is fsync'ed before it is applied. With group commit on
// (the server), a command is only written; the caller runs a batch, then commit() syncs once,
// and only after that may the batch's replies and updates leave the process.
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "service/journal.hpp"
#include "service/log.hpp"
#include "service/request.hpp"
#include "service/state_machine.hpp"

namespace erde::service {

struct Caller {
  std::string name;
  Role role = Role::viewer;
  bool relay = false;  // may act for a named person (request field on_behalf_of)
};

// Who a request acts as: its caller, or "<person>@<relay>" with the relay's role when a relay
// names the person it acts for. A request naming someone from a client that is not a relay is
// refused (forbidden, field on_behalf_of).
std::variant<Caller, RequestError> acting_caller(const Request& request, const Caller& caller);

struct Published {
  uint64_t seq = 0;
  std::string topic;
  std::string body;  // JSON text
};

// A journal record: the command and the sequence number before it was applied. The record of
// kind kSeqReserved (args {"count", "drill"}) stands for `count` numbers taken by drill events:
// replay only advances the sequence number.
inline constexpr const char* kSeqReserved = "seq.reserved";
// Written by `erde journal recover --skip-damaged` where damaged bytes were left out: its seq is
// where the journal resumes, so replay jumps to it (args name the damaged stretch).
inline constexpr const char* kJournalSkipped = "journal.skipped";
struct JournalEntry {
  uint64_t seq_before = 0;
  Command command;
  std::string idempotency_key = {};  // the request's, when it had one
};
std::string encode_journal_entry(const JournalEntry& entry);
JournalEntry decode_journal_entry(std::string_view payload);  // throws erde::Error

using Clock = std::function<int64_t()>;  // milliseconds since the Unix epoch

// How many first outcomes of keyed commands are remembered (newest first), and in how much text.
inline constexpr size_t kKeyedOutcomesKept = 100000;
inline constexpr size_t kKeyedOutcomeBytes = 32u << 20;
Clock system_clock_ms();

class ServiceCore {
 public:
  // `journal` may be null (nothing is persisted: tests and the fuzz target).
  ServiceCore(StateMachine machine, Journal* journal, Clock clock, Log log,
              size_t max_frame_bytes = kDefaultMaxFrameBytes);

  // Re-applies journal records from a fresh start; throws erde::Error naming the record when
  // one no longer applies (the dataset changed) or its sequence number disagrees.
  void replay(const std::vector<std::string>& records);

  // Handles one request (its body frames); returns the reply frame and appends the updates to
  // publish. Never throws for bad input; throws erde::Error only if the state machine broke its
  // contract after a command was journaled (the state can no longer be trusted).
  std::string handle(const std::vector<std::string_view>& frames, const Caller& caller,
                     std::vector<Published>& out);
  std::string handle_request(const Request& request, const Caller& caller, std::vector<Published>& out);

  // Off: every command is synced on its own. On: commands are only written until commit().
  void set_group_commit(bool on) { group_commit_ = on; }
  // Makes every command handled so far durable (one fsync). Throws erde::Error (after logging)
  // when that fails: the applied state is then ahead of the journal and cannot be trusted.
  void commit();

  // Takes `count` sequence numbers for drill `drill_id`'s events and journals a kSeqReserved
  // marker so replay keeps the numbering; returns the first. Throws erde::Error when the
  // marker cannot be written (nothing is taken then).
  uint64_t reserve_seq(uint64_t count, const std::string& drill_id);

  uint64_t seq() const { return seq_; }
  const StateMachine& machine() const { return machine_; }
  size_t keyed_outcomes() const { return outcomes_.size(); }

 private:
  struct Outcome {
    size_t fingerprint = 0;  // of kind and args: a key reused for another command is refused
    std::string result;      // the first reply's result, as JSON text
  };

  std::string run_command(const Request& request, const Caller& caller,
                          std::vector<Published>& out);
  // Numbers the updates, appends them to `out` (when given) and returns the command's result.
  nlohmann::json number_updates(std::vector<Update>& updates, std::vector<Published>* out);
  void remember(const std::string& by, const std::string& key, const Command& command,
                const nlohmann::json& result);

  StateMachine machine_;
  Journal* journal_;
  Clock clock_;
  Log log_;
  size_t max_frame_bytes_;
  uint64_t seq_ = 0;
  bool group_commit_ = false;
  std::unordered_map<std::string, Outcome> outcomes_;  // by "<by>\n<key>"
  std::deque<std::string> outcome_order_;             // oldest first
  size_t outcome_bytes_ = 0;
};

}  // namespace erde::service
