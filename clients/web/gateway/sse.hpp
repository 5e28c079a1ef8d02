#pragma once
// Server-Sent Events (the browser's EventSource): framing, and the event log every open
// stream reads from. The log keeps the latest events; a stream that falls behind it is sent
// the whole state again instead of the events it missed.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace erde::web {

// "id: 7\nevent: update\ndata: ...\n\n"; a multi-line `data` becomes several data lines.
// An id of 0 is left out.
std::string sse_frame(std::string_view event, uint64_t id, std::string_view data);
// ": text\n\n" — ignored by browsers, keeps proxies and dead-connection checks honest.
std::string sse_comment(std::string_view text);

struct LogEvent {
  uint64_t id = 0;
  std::string event;  // "update", "heartbeat", "status", "resync"
  std::string data;   // JSON text
};

class EventLog {
 public:
  explicit EventLog(size_t capacity = 4096) : capacity_(capacity) {}
  uint64_t append(std::string event, std::string data);  // returns the event's id
  // The id the next event will get.
  uint64_t end_id();
  struct Batch {
    bool behind = false;  // events after `after` were dropped from the log
    std::vector<LogEvent> events;
  };
  // Events with id > after, waiting up to `timeout` for one to arrive (or `wake()`).
  Batch wait_after(uint64_t after, std::chrono::milliseconds timeout);
  void wake();  // ends every wait, e.g. when shutting down

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<LogEvent> events_;
  uint64_t next_id_ = 1;
  uint64_t wakes_ = 0;
};

}  // namespace erde::web
