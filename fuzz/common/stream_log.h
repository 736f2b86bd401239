// Everything a Parser hands out, copied into one ordered log, each entry tagged with the chunk
// (feed() call) during which it came out. The parser targets compare such logs.
#pragma once

#include "ssespec/parser.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec::fuzz {

struct LogEntry {
  enum class Kind : std::uint8_t { event, retry, comment };
  Kind kind = Kind::event;
  std::string type;
  std::string data; // the event's data, or the comment's text
  std::string last_event_id;
  std::uint64_t retry = 0;
  std::size_t chunk = 0; // not part of equality: runs with different chunkings compare equal

  bool same_content(const LogEntry& other) const {
    return kind == other.kind && type == other.type && data == other.data &&
           last_event_id == other.last_event_id && retry == other.retry;
  }
};

inline bool same_content(const std::vector<LogEntry>& a, const std::vector<LogEntry>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].same_content(b[i])) return false;
  }
  return true;
}

// Records into `log`; set `chunk` before each feed().
class LogHandler : public EventHandler {
public:
  explicit LogHandler(std::vector<LogEntry>& log) : log_(log) {}

  bool on_event(const Event& event) override {
    LogEntry& entry = log_.emplace_back();
    entry.kind = LogEntry::Kind::event;
    entry.type.assign(event.type);
    entry.data.assign(event.data);
    entry.last_event_id.assign(event.last_event_id);
    entry.chunk = chunk;
    return true;
  }
  bool on_retry(std::uint64_t milliseconds) override {
    LogEntry& entry = log_.emplace_back();
    entry.kind = LogEntry::Kind::retry;
    entry.retry = milliseconds;
    entry.chunk = chunk;
    return true;
  }
  bool on_comment(std::string_view text) override {
    LogEntry& entry = log_.emplace_back();
    entry.kind = LogEntry::Kind::comment;
    entry.data.assign(text);
    entry.chunk = chunk;
    return true;
  }

  std::size_t chunk = 0;

private:
  std::vector<LogEntry>& log_;
};

} // namespace ssespec::fuzz
