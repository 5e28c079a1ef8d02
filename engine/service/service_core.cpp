#include "service/service_core.hpp"
#include "service/snapshot_pages.hpp"

#include "util/error.hpp"

namespace erde::service {

using nlohmann::json;

ServiceCore::ServiceCore(StateMachine machine, Journal* journal, Clock clock, Log log,
                         size_t max_frame_bytes)
    : machine_(std::move(machine)),
      journal_(journal),
      clock_(std::move(clock)),
      log_(log ? std::move(log) : Log([](const std::string&) {})),
      max_frame_bytes_(max_frame_bytes) {}

void ServiceCore::replay(const std::vector<std::string>& records) {
  for (size_t n = 0; n < records.size(); ++n) {
    std::string where = "journal record " + std::to_string(n + 1) + ": ";
    JournalEntry e;
    try {
      e = decode_journal_entry(records[n]);
    } catch (const Error& ex) {
      throw Error(where + ex.what());
    }
    if (e.command.kind == kJournalSkipped && e.seq_before >= seq_) {
      log_(where + "damaged bytes were skipped here by erde journal recover (" +
           e.command.args.dump(-1, ' ', false, json::error_handler_t::replace) +
           "); sequence jumps from " + std::to_string(seq_) + " to " + std::to_string(e.seq_before));
      seq_ = e.seq_before;
      continue;
    }
    if (e.seq_before != seq_)
      throw Error(where + "expected sequence " + std::to_string(seq_) + ", found " +
                  std::to_string(e.seq_before));
    if (e.command.kind == kSeqReserved) {
      const json& count = e.command.args.is_object() ? e.command.args.value("count", json()) : json();
      if (!count.is_number_unsigned()) throw Error(where + kSeqReserved + " without a count");
      seq_ += count.get<uint64_t>();
      continue;
    }
    const KindInfo* info = find_kind(machine_, e.command.kind);
    if (!info || !info->mutates) throw Error(where + "unknown command '" + e.command.kind + "'");
    if (auto problem = machine_.validate(e.command))
      throw Error(where + e.command.kind + " no longer applies (was the dataset changed?): " +
                  problem->field + ": " + problem->message);
    auto updates = machine_.apply(e.command);
    if (e.idempotency_key.empty()) {
      seq_ += updates.size();
    } else {
      remember(e.command.by, e.idempotency_key, e.command, number_updates(updates, nullptr));
    }
  }
}

namespace {

size_t fingerprint_of(const Command& c) {
  return std::hash<std::string>{}(c.kind + '\n' + c.args.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string outcome_scope(const std::string& by, const std::string& key) { return by + '\n' + key; }

// A retry's reply: the first outcome's result as it was, marked as a duplicate.
std::string encode_duplicate(const json& id, uint64_t seq, const std::string& result) {
  return "{\"id\":" + id.dump(-1, ' ', false, json::error_handler_t::replace) +
         ",\"ok\":true,\"seq\":" + std::to_string(seq) + ",\"duplicate\":true,\"result\":" + result + "}";
}

}  // namespace

json ServiceCore::number_updates(std::vector<Update>& updates, std::vector<Published>* out) {
  json topics = json::array();
  for (auto& u : updates) {
    ++seq_;
    topics.push_back({{"topic", u.topic}, {"seq", seq_}});
    if (out) out->push_back({seq_, u.topic, update_text(u)});
  }
  json result = {{"updates", topics}};
  result["entity"] = updates.empty() ? json(nullptr) : updates.front().body;
  return result;
}

void ServiceCore::remember(const std::string& by, const std::string& key, const Command& command,
                           const json& result) {
  std::string scope = outcome_scope(by, key);
  Outcome outcome{fingerprint_of(command), result.dump(-1, ' ', false, json::error_handler_t::replace)};
  auto [it, fresh] = outcomes_.try_emplace(scope, std::move(outcome));
  if (!fresh) return;  // a key is remembered once: its first outcome
  outcome_bytes_ += it->second.result.size();
  outcome_order_.push_back(std::move(scope));
  while (!outcome_order_.empty() &&
         (outcomes_.size() > kKeyedOutcomesKept || outcome_bytes_ > kKeyedOutcomeBytes)) {
    auto oldest = outcomes_.find(outcome_order_.front());
    outcome_bytes_ -= oldest->second.result.size();
    outcomes_.erase(oldest);
    outcome_order_.pop_front();
  }
}

std::variant<Caller, RequestError> acting_caller(const Request& request, const Caller& caller) {
  if (request.on_behalf_of.empty()) return caller;
  if (!caller.relay)
    return RequestError{code::forbidden, caller.name + " is not a relay and may not act for someone else",
                        "on_behalf_of"};
  return Caller{request.on_behalf_of + "@" + caller.name, caller.role, false};
}

std::string ServiceCore::handle(const std::vector<std::string_view>& frames, const Caller& caller,
                                std::vector<Published>& out) {
  auto decoded = decode_request(frames, max_frame_bytes_);
  if (auto* refusal = std::get_if<DecodeRefusal>(&decoded)) return encode_error(refusal->id, refusal->error);
  const Request& request = std::get<Request>(decoded);
  auto acting = acting_caller(request, caller);
  if (auto* error = std::get_if<RequestError>(&acting)) {
    log_("refused " + request.kind + " from " + caller.name + ": " + error->message);
    return encode_error(request.id, *error);
  }
  return handle_request(request, std::get<Caller>(acting), out);
}

std::string ServiceCore::handle_request(const Request& request, const Caller& caller,
                                std::vector<Published>& out) {
  try {
    if (request.kind == "ping") {
      json pong = {{"pong", true}, {"seq", seq_}, {"time", clock_()}};
      if (journal_)
        pong["journal"] = journal_->broken()
                              ? json{{"ok", false}, {"error", journal_->failure()}}
                              : json{{"ok", true}};
      return encode_ok(request.id, seq_, pong);
    }
    if (request.kind == "snapshot") return snapshot_reply(machine_, request, seq_);  // one page
    const KindInfo* info = find_kind(machine_, request.kind);
    if (!info)
      return encode_error(request.id, {code::unknown_kind, "unknown kind '" + request.kind + "'",
                                       "kind"});
    if (!allows(caller.role, info->role)) {
      log_("refused " + request.kind + " from " + caller.name + " (" +
           std::string(role_name(caller.role)) + "; needs " + std::string(role_name(info->role)) +
           ")");
      return encode_error(request.id, {code::forbidden,
                                       request.kind + " needs the " +
                                           std::string(role_name(info->role)) + " role",
                                       "kind"});
    }
    if (!info->mutates) {
      auto result = machine_.query(request.kind, request.args);
      if (auto* error = std::get_if<RequestError>(&result)) return encode_error(request.id, *error);
      return encode_ok(request.id, seq_, std::get<json>(result));
    }
  } catch (const std::exception& e) {
    log_(std::string("internal error on ") + request.kind + ": " + e.what());
    return encode_error(request.id, {code::internal, "internal error", ""});
  }
  return run_command(request, caller, out);
}

std::string ServiceCore::run_command(const Request& request, const Caller& caller,
                                     std::vector<Published>& out) {
  Command command{request.kind, request.args, clock_(), caller.name};
  const std::string& key = request.idempotency_key;
  if (!key.empty()) {
    if (auto it = outcomes_.find(outcome_scope(caller.name, key)); it != outcomes_.end()) {
      if (it->second.fingerprint != fingerprint_of(command))
        return encode_error(request.id, {code::conflict,
                                         "this idempotency_key was already used for a different command",
                                         "idempotency_key"});
      return encode_duplicate(request.id, seq_, it->second.result);
    }
  }
  try {
    if (auto problem = machine_.validate(command)) return encode_error(request.id, *problem);
  } catch (const std::exception& e) {
    log_(std::string("internal error validating ") + request.kind + ": " + e.what());
    return encode_error(request.id, {code::internal, "internal error", ""});
  }
  if (journal_) {
    try {
      auto entry = encode_journal_entry({seq_, command, key});
      if (group_commit_) journal_->write(entry);
      else journal_->append(entry);
    } catch (const std::exception& e) {
      log_(std::string("journal: ") + e.what());
      return encode_error(request.id, {code::journal_failure,
                                       "the command could not be made durable and was not applied",
                                       ""});
    }
  }
  std::vector<Update> updates;
  try {
    updates = machine_.apply(command);
  } catch (const std::exception& e) {
    throw Error("internal: " + request.kind + " failed after it was journaled: " + e.what());
  }
  json result = number_updates(updates, &out);
  if (!key.empty()) remember(caller.name, key, command, result);
  return encode_ok(request.id, seq_, result);
}

void ServiceCore::commit() {
  if (!journal_) return;
  try {
    journal_->sync();
  } catch (const std::exception& e) {
    log_(std::string("journal: ") + e.what() + "; the applied state is not stored: stopping");
    throw Error(std::string("journal sync failed, state no longer trusted: ") + e.what());
  }
}

uint64_t ServiceCore::reserve_seq(uint64_t count, const std::string& drill_id) {
  if (journal_) {
    Command marker{kSeqReserved, {{"count", count}, {"drill", drill_id}}, clock_(), "drill"};
    auto entry = encode_journal_entry({seq_, marker});
    if (group_commit_) journal_->write(entry);
    else journal_->append(entry);
  }
  uint64_t first = seq_ + 1;
  seq_ += count;
  return first;
}

}  // namespace erde::service
