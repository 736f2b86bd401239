// A deliberately plain, slow model of the WHATWG HTML "Server-sent events" event-stream parsing and
// interpretation (https://html.spec.whatwg.org/multipage/server-sent-events.html): the whole stream
// at once, decoded to code points, cut into lines, each line interpreted step by step as the spec
// words it. It shares no code with parser/; the differential target holds the two against each other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec::model {

// One thing the stream said, in stream order. Strings are UTF-8.
struct ModelRecord {
  enum class Kind { event, retry, comment };
  Kind kind = Kind::event;
  std::string type;          // event
  std::string data;          // event
  std::string last_event_id; // event
  std::uint64_t retry = 0;   // retry
  std::string comment;       // comment: the line after its colon
};

struct ModelResult {
  std::vector<ModelRecord> records;
  std::string last_event_id; // the event source's last event ID string after the stream
  std::optional<std::uint64_t> reconnection_time;
};

// The complete stream, ended by end of file.
ModelResult run_model(std::string_view stream);

} // namespace ssespec::model
