// parser_fuzzer: arbitrary bytes through the reference parser, fed in the pieces and under the small
// limits the control header chooses (common/fuzz_input.h), checking what must hold for any input:
// - every view a callback gets is readable for its whole length (it is copied; ASan checks it);
// - an event type is never empty; no output holds CR; types, ids and comments hold no LF; ids no
//   NUL; every output is valid UTF-8 (the parser decodes with replacement);
// - event data stays under ParserLimits::max_event_data; the event's lastEventId and the retry
//   value agree with last_event_id() and reconnection_time() at the callback;
// - an error comes only from a limit that is set or a callback that said stop; it is sticky (later
//   feeds and finish() return it, nothing more comes out, bytes_fed() stops); its offset lies within
//   the bytes fed, and for line_too_long the max_line_length bytes before it start a line and hold
//   no line end;
// - after reset() a second connection starts clean and from the last event ID string.
#include "common/check.h"
#include "common/fuzz_input.h"
#include "model/utf8_decoder.h"
#include "ssespec/parser.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using ssespec::fuzz::FuzzInput;

bool has(std::string_view text, char c) {
  return text.find(c) != std::string_view::npos;
}

class CheckingHandler : public ssespec::EventHandler {
public:
  CheckingHandler(const FuzzInput& input) : input_(input) {}

  void attach(const ssespec::Parser& parser) { parser_ = &parser; }

  bool on_event(const ssespec::Event& event) override {
    SSESPEC_FUZZ_CHECK(!stopped_, "a callback came after the parser reported an error");
    copy_.assign(event.type);
    SSESPEC_FUZZ_CHECK(!copy_.empty(), "event type is empty");
    SSESPEC_FUZZ_CHECK(!has(copy_, '\r') && !has(copy_, '\n'), "event type holds CR or LF");
    SSESPEC_FUZZ_CHECK(ssespec::model::is_valid_utf8(copy_), "event type is not valid UTF-8");
    copy_.assign(event.data);
    SSESPEC_FUZZ_CHECK(!has(copy_, '\r'), "event data holds CR");
    SSESPEC_FUZZ_CHECK(copy_.size() < input_.limits.max_event_data, "event data reached max_event_data");
    SSESPEC_FUZZ_CHECK(ssespec::model::is_valid_utf8(copy_), "event data is not valid UTF-8");
    copy_.assign(event.last_event_id);
    SSESPEC_FUZZ_CHECK(!has(copy_, '\r') && !has(copy_, '\n') && !has(copy_, '\0'),
                       "lastEventId holds CR, LF or NUL");
    SSESPEC_FUZZ_CHECK(ssespec::model::is_valid_utf8(copy_), "lastEventId is not valid UTF-8");
    SSESPEC_FUZZ_CHECK(copy_ == parser_->last_event_id(), "event lastEventId differs from last_event_id()");
    return go_on();
  }

  bool on_retry(std::uint64_t milliseconds) override {
    SSESPEC_FUZZ_CHECK(!stopped_, "a callback came after the parser reported an error");
    SSESPEC_FUZZ_CHECK(parser_->reconnection_time() == milliseconds,
                       "on_retry value differs from reconnection_time()");
    return go_on();
  }

  bool on_comment(std::string_view text) override {
    SSESPEC_FUZZ_CHECK(!stopped_, "a callback came after the parser reported an error");
    copy_.assign(text);
    SSESPEC_FUZZ_CHECK(!has(copy_, '\r') && !has(copy_, '\n'), "comment holds CR or LF");
    SSESPEC_FUZZ_CHECK(ssespec::model::is_valid_utf8(copy_), "comment is not valid UTF-8");
    return go_on();
  }

  // Once the parser has reported an error, nothing more may come out.
  void parser_stopped() { stopped_ = true; }
  void parser_restarted() { stopped_ = false; }

private:
  bool go_on() {
    ++callbacks_;
    return !(input_.has(ssespec::fuzz::kStopInCallback) && callbacks_ > input_.stop_after_callbacks);
  }

  const FuzzInput& input_;
  const ssespec::Parser* parser_ = nullptr;
  std::string copy_;
  std::size_t callbacks_ = 0;
  bool stopped_ = false;
};

// Where the first line starts: after a leading BOM, if the stream has one.
std::uint64_t first_line_start(std::string_view stream) {
  return stream.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

void check_error(const FuzzInput& input, const ssespec::Parser& parser) {
  const ssespec::ParseError error = parser.error();
  const std::uint64_t offset = parser.error_offset();
  SSESPEC_FUZZ_CHECK(offset < parser.bytes_fed(), "error offset is not within the bytes fed");
  switch (error) {
  case ssespec::ParseError::line_too_long: {
    SSESPEC_FUZZ_CHECK(input.has(ssespec::fuzz::kLimitLine), "line_too_long with no line limit set");
    const std::uint64_t max = input.limits.max_line_length;
    SSESPEC_FUZZ_CHECK(offset >= max, "line_too_long offset before the limit");
    const std::uint64_t start = offset - max;
    const std::string_view line = input.stream.substr(start, max + 1);
    SSESPEC_FUZZ_CHECK(!has(line, '\r') && !has(line, '\n'), "line_too_long for a line within the limit");
    const bool at_line_start = start == 0 || start == first_line_start(input.stream) ||
                               input.stream[start - 1] == '\r' || input.stream[start - 1] == '\n';
    SSESPEC_FUZZ_CHECK(at_line_start, "line_too_long offset does not follow a line start");
    break;
  }
  case ssespec::ParseError::event_too_large:
    SSESPEC_FUZZ_CHECK(input.has(ssespec::fuzz::kLimitData), "event_too_large with no data limit set");
    break;
  case ssespec::ParseError::stopped_by_handler:
    SSESPEC_FUZZ_CHECK(input.has(ssespec::fuzz::kStopInCallback), "stopped_by_handler with no stop asked");
    break;
  case ssespec::ParseError::ok:
    SSESPEC_FUZZ_CHECK(false, "check_error called without an error");
  }
  SSESPEC_FUZZ_CHECK(!ssespec::parse_error_name(error).empty() &&
                         !ssespec::parse_error_message(error).empty(),
                     "error without a name or message");
}

// Feeds the stream in the chosen chunks, then finishes; checks errors as they come.
void run_stream(const FuzzInput& input, ssespec::Parser& parser, CheckingHandler& handler) {
  ssespec::ParseError first_error = ssespec::ParseError::ok;
  std::uint64_t first_offset = 0;
  std::uint64_t fed_at_error = 0;
  ssespec::fuzz::for_each_chunk(input, [&](std::string_view chunk, std::size_t) {
    const ssespec::ParseError error = parser.feed(chunk);
    SSESPEC_FUZZ_CHECK(error == parser.error(), "feed() result differs from error()");
    if (first_error != ssespec::ParseError::ok) {
      SSESPEC_FUZZ_CHECK(error == first_error, "error is not sticky");
      SSESPEC_FUZZ_CHECK(parser.error_offset() == first_offset, "error offset changed after the error");
      SSESPEC_FUZZ_CHECK(parser.bytes_fed() == fed_at_error, "bytes were taken after the error");
      return;
    }
    if (error != ssespec::ParseError::ok) {
      handler.parser_stopped();
      check_error(input, parser);
      first_error = error;
      first_offset = parser.error_offset();
      fed_at_error = parser.bytes_fed();
    }
  });
  const ssespec::ParseError finished = parser.finish();
  SSESPEC_FUZZ_CHECK(finished == first_error, "finish() differs from the error feed() reported");
  if (first_error == ssespec::ParseError::ok) {
    SSESPEC_FUZZ_CHECK(parser.bytes_fed() == input.stream.size(), "bytes_fed() differs from the stream size");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const FuzzInput input = ssespec::fuzz::read_fuzz_input(data, size);
  CheckingHandler handler(input);
  ssespec::Parser parser(handler, input.limits);
  handler.attach(parser);
  run_stream(input, parser, handler);
  if (!input.has(ssespec::fuzz::kReconnect)) return 0;

  // A second connection: reset() clears the error and the counters and keeps the last event ID
  // string, which the new stream's events carry until an id field changes it.
  const std::string last_event_id(parser.last_event_id());
  const auto reconnection_time = parser.reconnection_time();
  parser.reset();
  handler.parser_restarted();
  SSESPEC_FUZZ_CHECK(parser.error() == ssespec::ParseError::ok && parser.bytes_fed() == 0,
                     "reset() left an error or a byte count");
  SSESPEC_FUZZ_CHECK(parser.last_event_id() == last_event_id, "reset() changed the last event ID string");
  SSESPEC_FUZZ_CHECK(parser.reconnection_time() == reconnection_time,
                     "reset() changed the reconnection time");
  run_stream(input, parser, handler);
  return 0;
}
