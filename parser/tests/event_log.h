// Test support: the parser's output as a readable log, one line per callback, so a failing test
// prints a diff of what came out, and helpers that feed one input in many chunkings.
#pragma once

#include "ssespec/parser.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec::testing {

// Escapes bytes so logs stay on one line: \n, \r, \0 and non-printable bytes as \xHH.
inline std::string escape(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  return out;
}

class EventLog : public EventHandler {
public:
  bool on_event(const Event& event) override {
    lines.push_back("event type=" + escape(event.type) + " data=" + escape(event.data) +
                    " id=" + escape(event.last_event_id));
    dispatch_feeds.push_back(feed_index);
    return events_before_stop < 0 || static_cast<int>(dispatch_feeds.size()) < events_before_stop;
  }
  bool on_retry(std::uint64_t milliseconds) override {
    lines.push_back("retry " + std::to_string(milliseconds));
    return true;
  }
  bool on_comment(std::string_view text) override {
    lines.push_back("comment " + escape(text));
    return true;
  }

  std::vector<std::string> lines;
  std::vector<std::size_t> dispatch_feeds; // the feed during which each event came out
  std::size_t feed_index = 0;
  int events_before_stop = -1; // return false from the n-th on_event; -1: never
};

struct ParseResult {
  std::vector<std::string> lines;
  std::vector<std::size_t> dispatch_feeds;
  ParseError error = ParseError::ok;
  std::uint64_t error_offset = 0;
};

// Feeds `input` cut at `cuts` (sorted offsets), then finishes.
inline ParseResult parse_with_cuts(std::string_view input, const std::vector<std::size_t>& cuts,
                                   ParserLimits limits = {}) {
  EventLog log;
  Parser parser(log, limits);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= cuts.size(); ++i) {
    const std::size_t stop = i < cuts.size() ? cuts[i] : input.size();
    log.feed_index = i;
    parser.feed(input.substr(start, stop - start));
    start = stop;
  }
  log.feed_index = cuts.size() + 1;
  parser.finish();
  return {log.lines, log.dispatch_feeds, parser.error(), parser.error_offset()};
}

inline ParseResult parse_whole(std::string_view input, ParserLimits limits = {}) {
  return parse_with_cuts(input, {}, limits);
}

inline ParseResult parse_byte_by_byte(std::string_view input, ParserLimits limits = {}) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < input.size(); ++i)
    cuts.push_back(i);
  return parse_with_cuts(input, cuts, limits);
}

} // namespace ssespec::testing
