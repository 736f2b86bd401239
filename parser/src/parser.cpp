// The event-stream parser. Quotes in comments are from the WHATWG HTML standard, "Server-sent events"
// (#parsing-an-event-stream, #event-stream-interpretation), at the branch that implements them.
#include "ssespec/parser.h"

#include "line_scan.h"
#include "utf8.h"

#include <cstring>

namespace ssespec {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

constexpr std::string_view kErrorNames[] = {
#define SSESPEC_ERROR_NAME(name, message) #name,
    SSESPEC_PARSE_ERRORS(SSESPEC_ERROR_NAME)
#undef SSESPEC_ERROR_NAME
};

constexpr std::string_view kErrorMessages[] = {
#define SSESPEC_ERROR_MESSAGE(name, message) message,
    SSESPEC_PARSE_ERRORS(SSESPEC_ERROR_MESSAGE)
#undef SSESPEC_ERROR_MESSAGE
};

bool is_ascii_digits(std::string_view value) {
  if (value.empty()) return false;
  for (const char c : value) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

} // namespace

std::string_view parse_error_name(ParseError error) {
  return kErrorNames[static_cast<std::size_t>(error)];
}

std::string_view parse_error_message(ParseError error) {
  return kErrorMessages[static_cast<std::size_t>(error)];
}

Parser::Parser(EventHandler& handler, ParserLimits limits) : handler_(handler), limits_(limits) {}

bool Parser::fail(ParseError error, std::uint64_t offset) {
  error_ = error;
  error_offset_ = offset;
  return false;
}

ParseError Parser::feed(std::string_view bytes) {
  if (error_ != ParseError::ok) return error_;
  const char* begin = bytes.data();
  const char* const end = begin + bytes.size();
  input_begin_ = begin;
  input_offset_ = bytes_fed_;
  bytes_fed_ += bytes.size();
  if (!bom_checked_ && !strip_bom(begin, end)) return error_;
  consume(begin, end);
  copy_data_out_of_input();
  return error_;
}

ParseError Parser::finish() {
  if (error_ != ParseError::ok) return error_;
  // "Once the end of the file is reached, any pending data must be discarded. (If the file ends in
  // the middle of an event, before the final empty line, the incomplete event is not dispatched.)"
  partial_line_.clear();
  partial_line_non_ascii_ = false;
  clear_data();
  event_type_.clear();
  bom_matched_ = 0;
  return ParseError::ok;
}

void Parser::reset() {
  partial_line_.clear();
  partial_line_non_ascii_ = false;
  clear_data();
  event_type_.clear();
  // A new connection's parser starts from the event source's last event ID string, the value the
  // reconnection sent as Last-Event-ID; an id the old stream set but never dispatched is gone.
  last_event_id_buffer_ = last_event_id_;
  bom_matched_ = 0;
  bom_checked_ = false;
  skip_lf_ = false;
  error_ = ParseError::ok;
  error_offset_ = 0;
  bytes_fed_ = 0;
  input_begin_ = nullptr;
  input_offset_ = 0;
  line_start_offset_ = 0;
}

// The UTF-8 decode algorithm strips one leading BOM, and only one. Its bytes may arrive in separate
// feeds, so the prefix seen so far is counted rather than decided on at once.
bool Parser::strip_bom(const char*& begin, const char* end) {
  const char* p = begin;
  std::uint8_t matched = bom_matched_;
  while (p != end && matched < 3 && *p == kBom[matched]) {
    ++p;
    ++matched;
  }
  if (matched == 3) {
    bom_checked_ = true;
    bom_matched_ = 0;
    begin = p;
    return true;
  }
  if (p == end) {
    bom_matched_ = matched; // still a BOM prefix: hold it until the next feed decides
    begin = end;
    return true;
  }
  // Not a BOM. The prefix bytes held from earlier feeds are the start of the first line; this
  // feed's bytes are still in the input and are read from there.
  bom_checked_ = true;
  const std::uint8_t held = bom_matched_;
  bom_matched_ = 0;
  if (held == 0) return true;
  line_start_offset_ = 0;
  return append_partial_line(kBom, kBom + held, /*non_ascii=*/true);
}

bool Parser::append_partial_line(const char* begin, const char* end, bool non_ascii) {
  const auto size = static_cast<std::size_t>(end - begin);
  if (partial_line_.size() + size > limits_.max_line_length) {
    return fail(ParseError::line_too_long, line_start_offset_ + limits_.max_line_length);
  }
  partial_line_.append(begin, size);
  partial_line_non_ascii_ = partial_line_non_ascii_ || non_ascii;
  return true;
}

// "Lines must be separated by either a U+000D CARRIAGE RETURN U+000A LINE FEED (CRLF) character
// pair, a single U+000A LINE FEED (LF) character, or a single U+000D CARRIAGE RETURN (CR)
// character." A CR completes its line at once; an LF right after it is skipped, even when it
// arrives in the next feed.
void Parser::consume(const char* p, const char* end) {
  if (skip_lf_ && p != end) {
    skip_lf_ = false;
    if (*p == '\n') ++p;
  }
  while (p != end) {
    const line_scan::Found found = line_scan::find_line_end(p, end);
    if (partial_line_.empty()) line_start_offset_ = offset_of(p);
    if (found.line_end == end) {
      append_partial_line(p, end, found.non_ascii);
      return;
    }
    bool go_on;
    if (partial_line_.empty()) {
      const auto size = static_cast<std::size_t>(found.line_end - p);
      if (size > limits_.max_line_length) {
        fail(ParseError::line_too_long, line_start_offset_ + limits_.max_line_length);
        return;
      }
      go_on = take_line(std::string_view(p, size), found.non_ascii, LineStore::input);
    } else {
      if (!append_partial_line(p, found.line_end, found.non_ascii)) return;
      go_on = take_line(partial_line_, partial_line_non_ascii_, LineStore::partial_line);
      partial_line_.clear();
      partial_line_non_ascii_ = false;
    }
    if (!go_on) return;
    const char terminator = *found.line_end;
    p = found.line_end + 1;
    if (terminator == '\r') {
      if (p == end) {
        skip_lf_ = true;
        return;
      }
      if (*p == '\n') ++p;
    }
  }
}

// The stream is UTF-8 decoded before it is split into lines. CR and LF never occur inside a
// multi-byte sequence and end any sequence they interrupt, so decoding line by line gives the same
// characters; most lines are valid and are used as they are.
bool Parser::take_line(std::string_view raw_line, bool non_ascii, LineStore store) {
  if (non_ascii && !utf8::is_valid(raw_line)) {
    decoded_line_.clear();
    utf8::decode_replacing(raw_line, decoded_line_);
    return interpret_line(decoded_line_, LineStore::decoded_line);
  }
  return interpret_line(raw_line, store);
}

bool Parser::interpret_line(std::string_view line, LineStore store) {
  // "If the line is empty (a blank line): Dispatch the event, as defined below."
  if (line.empty()) return dispatch();
  // The commonest line of all starts "data:". Its field name is then known without searching for the
  // colon; the general branches below treat it exactly the same way.
  if (line.size() >= 5 && std::memcmp(line.data(), "data:", 5) == 0) {
    std::string_view value = line.substr(5);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return append_data(value, store);
  }
  // "If the line starts with a U+003A COLON character (:): Ignore the line." It is handed to the
  // handler as a comment all the same.
  if (line.front() == ':') {
    if (handler_.on_comment(line.substr(1))) return true;
    return fail(ParseError::stopped_by_handler, line_start_offset_);
  }
  const void* colon = std::memchr(line.data(), ':', line.size());
  // "Otherwise, the string is not empty but does not contain a U+003A COLON character (:): Process
  // the field using the whole line as the field name, and the empty string as the field value."
  // (The empty value is taken at the line's end, so that like every value it points into its line.)
  if (colon == nullptr) return process_field(line, line.substr(line.size()), store);
  // "If the line contains a U+003A COLON character (:): Collect the characters on the line before
  // the first U+003A COLON character (:), and let field be that string. Collect the characters on the
  // line after the first U+003A COLON character (:), and let value be that string. If value starts
  // with a U+0020 SPACE character, remove it from value."
  const auto name_size = static_cast<std::size_t>(static_cast<const char*>(colon) - line.data());
  std::string_view value = line.substr(name_size + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return process_field(line.substr(0, name_size), value, store);
}

bool Parser::process_field(std::string_view name, std::string_view value, LineStore store) {
  switch (name.size()) {
  case 4:
    if (name == "data") return append_data(value, store);
    break;
  case 5:
    // "If the field name is "event": Set the event type buffer to field value."
    if (name == "event") {
      event_type_.assign(value);
      return true;
    }
    if (name == "retry") return set_reconnection_time(value);
    break;
  case 2:
    // "If the field name is "id": If the field value does not contain U+0000 NULL, then set the
    // last event ID buffer to the field value. Otherwise, ignore the field."
    if (name == "id") {
      if (value.find('\0') == std::string_view::npos) last_event_id_buffer_.assign(value);
      return true;
    }
    break;
  default:
    break;
  }
  // "Otherwise: The field is ignored."
  return true;
}

// "If the field name is "data": Append the field value to the data buffer, then append a single
// U+000A LINE FEED (LF) character to the data buffer."
bool Parser::append_data(std::string_view value, LineStore store) {
  const std::size_t buffered = data_is_view_ ? data_view_.size() + 1 : data_.size() - data_offset_;
  if (buffered + value.size() + 1 > limits_.max_event_data) {
    return fail(ParseError::event_too_large, line_start_offset_);
  }
  if (data_is_view_) {
    data_.assign(data_view_);
    data_.push_back('\n');
    data_is_view_ = false;
  } else if (data_.empty()) {
    if (store == LineStore::input) {
      data_view_ = value; // stands for value + LF until a second line or the end of this feed
      data_is_view_ = true;
      return true;
    }
    // The line's own buffer already holds the value: it becomes the data buffer, and the emptied
    // data buffer's storage becomes the line buffer, to be cleared and refilled.
    std::string& line_buffer = store == LineStore::partial_line ? partial_line_ : decoded_line_;
    data_offset_ = static_cast<std::size_t>(value.data() - line_buffer.data());
    data_.swap(line_buffer);
    data_.resize(data_offset_ + value.size());
    data_.push_back('\n');
    return true;
  }
  data_.append(value);
  data_.push_back('\n');
  return true;
}

// "Set the data buffer ... to the empty string."
void Parser::clear_data() {
  data_.clear();
  data_offset_ = 0;
  data_is_view_ = false;
}

// "If the field name is "retry": If the field value consists of only ASCII digits, then interpret
// the field value as an integer in base ten, and set the event stream's reconnection time to that
// integer. Otherwise, ignore the field." An empty value has no digits to interpret and is ignored.
bool Parser::set_reconnection_time(std::string_view value) {
  if (!is_ascii_digits(value)) return true;
  constexpr std::uint64_t kMax = ~std::uint64_t{0};
  std::uint64_t milliseconds = 0;
  for (const char c : value) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (milliseconds > (kMax - digit) / 10) {
      milliseconds = kMax; // the spec sets no range: saturate rather than wrap
      break;
    }
    milliseconds = milliseconds * 10 + digit;
  }
  reconnection_time_ = milliseconds;
  if (handler_.on_retry(milliseconds)) return true;
  return fail(ParseError::stopped_by_handler, line_start_offset_);
}

bool Parser::dispatch() {
  // "Set the last event ID string of the event source to the value of the last event ID buffer.
  // The buffer does not get reset, so the last event ID string of the event source remains set to
  // this value until the next time it is set by the server."
  if (last_event_id_ != last_event_id_buffer_) last_event_id_.assign(last_event_id_buffer_);
  // "If the data buffer is an empty string, set the data buffer and the event type buffer to the
  // empty string and return."
  if (!data_is_view_ && data_.empty()) {
    event_type_.clear();
    return true;
  }
  // "If the data buffer's last character is a U+000A LINE FEED (LF) character, then remove the last
  // character from the data buffer." It always is: every data line appended one.
  const std::string_view data =
      data_is_view_ ? data_view_
                    : std::string_view(data_.data() + data_offset_, data_.size() - data_offset_ - 1);
  // "Initialize event's type attribute to "message", its data attribute to data, ... its
  // lastEventId attribute to the last event ID string of the event source. If the event type
  // buffer has a value other than the empty string, change the type of the newly created event to
  // equal the value of the event type buffer."
  const Event event{event_type_.empty() ? std::string_view("message") : std::string_view(event_type_), data,
                    last_event_id_};
  const bool go_on = handler_.on_event(event);
  // "Set the data buffer and the event type buffer to the empty string."
  clear_data();
  event_type_.clear();
  if (go_on) return true;
  return fail(ParseError::stopped_by_handler, line_start_offset_);
}

void Parser::copy_data_out_of_input() {
  if (!data_is_view_) return;
  data_.assign(data_view_);
  data_.push_back('\n');
  data_is_view_ = false;
}

} // namespace ssespec
