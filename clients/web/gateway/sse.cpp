#include "gateway/sse.hpp"

namespace erde::web {

std::string sse_frame(std::string_view event, uint64_t id, std::string_view data) {
  std::string out;
  out.reserve(data.size() + event.size() + 40);
  if (id != 0) out += "id: " + std::to_string(id) + "\n";
  if (!event.empty()) out.append("event: ").append(event).append("\n");
  size_t pos = 0;
  for (;;) {
    size_t end = data.find('\n', pos);
    std::string_view line = data.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.append("data: ").append(line).append("\n");
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  out += "\n";
  return out;
}

std::string sse_comment(std::string_view text) {
  std::string out(": ");
  for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out + "\n\n";
}

uint64_t EventLog::append(std::string event, std::string data) {
  uint64_t id;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    events_.push_back({id, std::move(event), std::move(data)});
    while (events_.size() > capacity_) events_.pop_front();
  }
  changed_.notify_all();
  return id;
}

uint64_t EventLog::end_id() {
  std::lock_guard lock(mutex_);
  return next_id_;
}

EventLog::Batch EventLog::wait_after(uint64_t after, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  uint64_t wakes = wakes_;
  changed_.wait_for(lock, timeout, [&] { return next_id_ > after + 1 || wakes_ != wakes; });
  Batch batch;
  if (next_id_ <= after + 1) return batch;
  if (events_.empty() || events_.front().id > after + 1) {
    batch.behind = true;
    return batch;
  }
  for (const LogEvent& e : events_)
    if (e.id > after) batch.events.push_back(e);
  return batch;
}

void EventLog::wake() {
  {
    std::lock_guard lock(mutex_);
    ++wakes_;
  }
  changed_.notify_all();
}

}  // namespace erde::web
