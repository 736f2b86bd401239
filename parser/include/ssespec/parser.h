// The ssespec reference parser: the WHATWG HTML "Server-sent events" event-stream format
// (https://html.spec.whatwg.org/multipage/server-sent-events.html), parsed and interpreted exactly,
// over bytes fed in arbitrary pieces.
//
// A push parser: feed() bytes as they arrive, finish() at end of stream, reset() before a reconnection.
// Results come out through an EventHandler. Every std::string_view handed to a callback points into
// the caller's input or into one of the parser's reused buffers: it is valid only during the callback.
// Copy what must outlive it.
//
// The spec accepts every byte sequence, so an error only ever means a configured limit was hit or a
// callback asked to stop. Errors are sticky: once feed() reports one, every later feed() and finish()
// returns it without looking at input, until reset().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ssespec {

// Each error once: the enum and its messages are generated from this list, so they never drift.
#define SSESPEC_PARSE_ERRORS(X)                                                                              \
  X(ok, "no error")                                                                                          \
  X(line_too_long, "a line is longer than ParserLimits::max_line_length")                                    \
  X(event_too_large, "an event's data is larger than ParserLimits::max_event_data")                          \
  X(stopped_by_handler, "a handler callback returned false")

enum class ParseError : std::uint8_t {
#define SSESPEC_ERROR_ENUM(name, message) name,
  SSESPEC_PARSE_ERRORS(SSESPEC_ERROR_ENUM)
#undef SSESPEC_ERROR_ENUM
};

// "line_too_long" and so on.
std::string_view parse_error_name(ParseError error);
// A sentence for people.
std::string_view parse_error_message(ParseError error);

// One dispatched event (the spec's MessageEvent: type, data, lastEventId).
struct Event {
  std::string_view type;          // "message" when the stream set no event type
  std::string_view data;          // the data buffer without its final LF
  std::string_view last_event_id; // the last event ID string at dispatch
};

// Receives what the stream says. Return false from any callback to stop parsing: feed() then
// returns ParseError::stopped_by_handler at once.
class EventHandler {
public:
  virtual ~EventHandler() = default;
  virtual bool on_event(const Event& event) = 0;
  // A `retry` field whose value is ASCII digits only: the new reconnection time in milliseconds.
  // Values past 2^64-1 saturate (the spec leaves the range to the implementation).
  virtual bool on_retry(std::uint64_t milliseconds) {
    (void)milliseconds;
    return true;
  }
  // A line starting with a colon: the text after the colon, nothing stripped.
  virtual bool on_comment(std::string_view text) {
    (void)text;
    return true;
  }
};

// Explicit bounds on memory. Whatever the input, the parser never holds more than about
// max_line_length bytes of an unfinished line plus max_event_data bytes of event data.
struct ParserLimits {
  std::size_t max_line_length = std::size_t{16} << 20; // bytes of one line, before decoding
  std::size_t max_event_data = std::size_t{64} << 20;  // bytes of the data buffer (values + LFs)
};

class Parser {
public:
  explicit Parser(EventHandler& handler, ParserLimits limits = {});
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Parses the next piece of the stream. Every line completed by these bytes is interpreted before
  // this returns, including a line ended by a CR that is the last byte (a following LF is skipped).
  ParseError feed(std::string_view bytes);
  ParseError feed(const void* bytes, std::size_t size) {
    return feed(std::string_view(static_cast<const char*>(bytes), size));
  }

  // End of stream: an unfinished line and an undispatched event are discarded, as the spec says.
  // Call reset() before feeding the next connection's stream.
  ParseError finish();

  // Ready for a new connection's stream: buffers, BOM detection and errors are cleared; the last
  // event ID string is kept (it is what a reconnection sends as Last-Event-ID) and becomes the last
  // event ID buffer the new stream starts from. The reconnection time is kept too.
  void reset();

  ParseError error() const { return error_; }
  // Stream offset (bytes fed since construction or reset()) at which error() was detected: for
  // line_too_long the first byte past the limit; for event_too_large and stopped_by_handler the
  // first byte of the line whose data crossed the limit or whose callback returned false. The same
  // whatever the chunking.
  std::uint64_t error_offset() const { return error_offset_; }
  // Bytes fed since construction or reset().
  std::uint64_t bytes_fed() const { return bytes_fed_; }
  // The last event ID string: the last event ID buffer as it was at the most recent blank line.
  std::string_view last_event_id() const { return last_event_id_; }
  // The most recent reconnection time the stream set, if any.
  std::optional<std::uint64_t> reconnection_time() const { return reconnection_time_; }
  const ParserLimits& limits() const { return limits_; }

private:
  bool fail(ParseError error, std::uint64_t offset);
  bool strip_bom(const char*& begin, const char* end);
  void consume(const char* begin, const char* end);
  // Where the line being interpreted lives: it decides whether its data may be referenced in place
  // (the caller's input) or its buffer taken over as the data buffer (the parser's own line buffers).
  enum class LineStore : std::uint8_t { input, partial_line, decoded_line };
  bool append_partial_line(const char* begin, const char* end, bool non_ascii);
  bool take_line(std::string_view raw_line, bool non_ascii, LineStore store);
  bool interpret_line(std::string_view line, LineStore store);
  bool process_field(std::string_view name, std::string_view value, LineStore store);
  bool append_data(std::string_view value, LineStore store);
  void clear_data();
  bool set_reconnection_time(std::string_view value);
  bool dispatch();
  void copy_data_out_of_input();
  std::uint64_t offset_of(const char* p) const {
    return input_offset_ + static_cast<std::uint64_t>(p - input_begin_);
  }

  EventHandler& handler_;
  ParserLimits limits_;

  // "data buffer". While an event has exactly one data line that lies wholly in the current input,
  // the buffer is that line's value, referenced in place (data_view_) rather than copied: the common
  // one-line event is then never copied. Otherwise data_ holds value + LF per line, as the spec has
  // it. copy_data_out_of_input() copies a referenced value before feed() returns. When the first
  // data line is in one of the parser's own line buffers, that buffer becomes data_ (the two swap)
  // and the buffer's first data_offset_ bytes, the field name and colon, are not part of it: a long
  // line that spans feeds is then copied once, not twice.
  std::string data_;
  std::size_t data_offset_ = 0;
  std::string_view data_view_;
  bool data_is_view_ = false;
  // "event type buffer"
  std::string event_type_;
  // "last event ID buffer", and the event source's "last event ID string"
  std::string last_event_id_buffer_;
  std::string last_event_id_;
  std::optional<std::uint64_t> reconnection_time_;

  // Raw bytes of a line that began in an earlier feed() and is not finished yet.
  std::string partial_line_;
  bool partial_line_non_ascii_ = false;
  // Where a line with invalid UTF-8 is decoded to, U+FFFD replacing each maximal subpart.
  std::string decoded_line_;

  // How many bytes of a BOM (EF BB BF) the stream has begun with, while a BOM split across feeds
  // is still possible; bom_checked_ once the stream is past that point.
  std::uint8_t bom_matched_ = 0;
  bool bom_checked_ = false;
  // The previous line ended in CR at the end of a feed: an LF that comes next is its second half.
  bool skip_lf_ = false;

  ParseError error_ = ParseError::ok;
  std::uint64_t error_offset_ = 0;
  std::uint64_t bytes_fed_ = 0;
  // The current feed's bytes and their stream offset, so that pointers map to stream offsets.
  const char* input_begin_ = nullptr;
  std::uint64_t input_offset_ = 0;
  // Stream offset of the first byte of the line being interpreted, for error offsets.
  std::uint64_t line_start_offset_ = 0;
};

} // namespace ssespec
