#include "service/snapshot_pages.hpp"

#include "service/args.hpp"
#include "service/replica.hpp"

namespace erde::service {

using nlohmann::json;

namespace {
std::string dump_text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
}  // namespace

SnapshotPage page_of_snapshot(const json& state, std::string_view after, size_t max_bytes) {
  SnapshotPage page;
  page.entities = "{";
  auto entities = snapshot_entities(state);
  std::string last;
  for (auto it = entities.upper_bound(std::string(after)); it != entities.end(); ++it) {
    std::string item = dump_text(json(it->first)) + ":" + dump_text(it->second);
    if (page.count > 0 && page.entities.size() + item.size() + 2 > max_bytes) {
      page.next = last;
      break;
    }
    if (page.count > 0) page.entities += ',';
    page.entities += item;
    ++page.count;
    last = it->first;
  }
  page.entities += '}';
  return page;
}

std::string snapshot_reply(const StateMachine& machine, const Request& request, uint64_t seq) {
  std::string after;
  size_t max_bytes = kDefaultSnapshotPageBytes;
  try {
    allow_only(request.args, {"after", "max_bytes"}, "args");
    if (const json* a = optional(request.args, "after")) after = read_text(*a, "args.after", 1024);
    if (const json* m = optional(request.args, "max_bytes"))
      max_bytes = static_cast<size_t>(read_integer(*m, "args.max_bytes", static_cast<int64_t>(kMinSnapshotPageBytes),
                                                   static_cast<int64_t>(kMaxSnapshotPageBytes)));
  } catch (const Rejected& e) {
    return encode_error(request.id, e.error);
  }
  SnapshotPage page = machine.snapshot_page ? machine.snapshot_page(after, max_bytes)
                                            : page_of_snapshot(machine.snapshot(), after, max_bytes);
  // Written out by hand so the page's entity text is not parsed again; the same shape (and key
  // order) as encode_ok.
  const std::string seq_text = std::to_string(seq);
  std::string reply = "{\"id\":" + dump_text(request.id) + ",\"ok\":true,\"result\":{\"entities\":";
  reply.reserve(reply.size() + page.entities.size() + 128);
  reply += page.entities;
  reply += ",\"next\":";
  reply += page.next ? dump_text(json(*page.next)) : "null";
  reply += ",\"seq\":" + seq_text + "},\"seq\":" + seq_text + "}";
  return reply;
}

}  // namespace erde::service
