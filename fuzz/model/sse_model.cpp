// Quotes are from the WHATWG HTML standard, "Server-sent events": #parsing-an-event-stream,
// #event-stream-interpretation and #dispatchMessage. Nothing here is fast on purpose: each step is
// the spec's sentence, so a disagreement with the reference parser points at one of them.
#include "sse_model.h"

#include "utf8_decoder.h"

namespace ssespec::model {
namespace {

constexpr char32_t kLf = 0x0A;
constexpr char32_t kCr = 0x0D;
constexpr char32_t kColon = 0x3A;
constexpr char32_t kSpace = 0x20;
constexpr char32_t kNull = 0x00;

// "Lines must be separated by either a U+000D CARRIAGE RETURN U+000A LINE FEED (CRLF) character
// pair, a single U+000A LINE FEED (LF) character, or a single U+000D CARRIAGE RETURN (CR)
// character." ... "Once the end of the file is reached, any pending data must be discarded", so a
// last line with no end of line is dropped here.
std::vector<std::u32string> split_lines(const std::u32string& text) {
  std::vector<std::u32string> lines;
  std::u32string line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (c == kCr) {
      if (i + 1 < text.size() && text[i + 1] == kLf) ++i;
      lines.push_back(line);
      line.clear();
    } else if (c == kLf) {
      lines.push_back(line);
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  return lines;
}

bool only_ascii_digits(const std::u32string& value) {
  for (const char32_t c : value) {
    if (c < U'0' || c > U'9') return false;
  }
  return true;
}

// Base ten. The spec sets no range; ssespec reports values past 2^64-1 as 2^64-1, so the model
// compares the digit string with that bound's digits instead of doing arithmetic that could wrap.
std::uint64_t base_ten(const std::u32string& digits) {
  std::size_t first = 0;
  while (first < digits.size() && digits[first] == U'0')
    ++first;
  const std::u32string significant = digits.substr(first);
  const std::u32string max_digits = U"18446744073709551615";
  if (significant.size() > max_digits.size() ||
      (significant.size() == max_digits.size() && significant > max_digits)) {
    return UINT64_MAX;
  }
  std::uint64_t value = 0;
  for (const char32_t c : significant)
    value = value * 10 + static_cast<std::uint64_t>(c - U'0');
  return value;
}

class Interpreter {
public:
  explicit Interpreter(ModelResult& result) : result_(result) {}

  void line(const std::u32string& line) {
    // "If the line is empty (a blank line): Dispatch the event, as defined below."
    if (line.empty()) {
      dispatch();
      return;
    }
    // "If the line starts with a U+003A COLON character (:): Ignore the line." (Reported as a comment.)
    if (line[0] == kColon) {
      ModelRecord record;
      record.kind = ModelRecord::Kind::comment;
      record.comment = utf8_encode(line.substr(1));
      result_.records.push_back(record);
      return;
    }
    const std::size_t colon = line.find(kColon);
    // "If the line contains a U+003A COLON character (:): Collect the characters on the line before
    // the first U+003A COLON character (:), and let field be that string. Collect the characters on
    // the line after the first U+003A COLON character (:), and let value be that string. If value
    // starts with a U+0020 SPACE character, remove it from value. Process the field."
    if (colon != std::u32string::npos) {
      std::u32string value = line.substr(colon + 1);
      if (!value.empty() && value[0] == kSpace) value.erase(0, 1);
      field(line.substr(0, colon), value);
      return;
    }
    // "Otherwise, the string is not empty but does not contain a U+003A COLON character (:): Process
    // the field using the whole line as the field name, and the empty string as the field value."
    field(line, U"");
  }

private:
  void field(const std::u32string& name, const std::u32string& value) {
    if (name == U"event") {
      // "Set the event type buffer to field value."
      event_type_buffer_ = value;
    } else if (name == U"data") {
      // "Append the field value to the data buffer, then append a single U+000A LINE FEED (LF)
      // character to the data buffer."
      data_buffer_ += value;
      data_buffer_.push_back(kLf);
    } else if (name == U"id") {
      // "If the field value does not contain U+0000 NULL, then set the last event ID buffer to the
      // field value. Otherwise, ignore the field."
      if (value.find(kNull) == std::u32string::npos) last_event_id_buffer_ = value;
    } else if (name == U"retry") {
      // "If the field value consists of only ASCII digits, then interpret the field value as an
      // integer in base ten, and set the event stream's reconnection time to that integer.
      // Otherwise, ignore the field." An empty value is no integer, so it is ignored too.
      if (!value.empty() && only_ascii_digits(value)) {
        ModelRecord record;
        record.kind = ModelRecord::Kind::retry;
        record.retry = base_ten(value);
        result_.reconnection_time = record.retry;
        result_.records.push_back(record);
      }
    }
    // "Otherwise: The field is ignored."
  }

  void dispatch() {
    // "1. Set the last event ID string of the event source to the value of the last event ID buffer."
    last_event_id_string_ = last_event_id_buffer_;
    // "2. If the data buffer is an empty string, set the data buffer and the event type buffer to
    // the empty string and return."
    if (data_buffer_.empty()) {
      event_type_buffer_.clear();
      return;
    }
    // "3. If the data buffer's last character is a U+000A LINE FEED (LF) character, then remove the
    // last character from the data buffer."
    if (data_buffer_.back() == kLf) data_buffer_.pop_back();
    // "4. Let event be the result of creating an event using MessageEvent ... 5. Initialize event's
    // type attribute to "message", its data attribute to data, ... its lastEventId attribute to the
    // last event ID string of the event source. 6. If the event type buffer has a value other than
    // the empty string, change the type of the newly created event to equal the value of the event
    // type buffer."
    ModelRecord record;
    record.kind = ModelRecord::Kind::event;
    record.type = event_type_buffer_.empty() ? std::string("message") : utf8_encode(event_type_buffer_);
    record.data = utf8_encode(data_buffer_);
    record.last_event_id = utf8_encode(last_event_id_string_);
    result_.records.push_back(record);
    // "7. Set the data buffer and the event type buffer to the empty string."
    data_buffer_.clear();
    event_type_buffer_.clear();
  }

public:
  std::string last_event_id_string() const { return utf8_encode(last_event_id_string_); }

private:
  ModelResult& result_;
  std::u32string data_buffer_;
  std::u32string event_type_buffer_;
  std::u32string last_event_id_buffer_;
  std::u32string last_event_id_string_;
};

} // namespace

ModelResult run_model(std::string_view stream) {
  ModelResult result;
  // "Event streams are always decoded as UTF-8 ... using the UTF-8 decode algorithm", which strips
  // one leading BOM.
  const DecodedText text = utf8_decode(stream);
  Interpreter interpreter(result);
  for (const std::u32string& line : split_lines(text.code_points))
    interpreter.line(line);
  // "If the file ends in the middle of an event, before the final empty line, the incomplete event
  // is not dispatched": nothing pending is flushed.
  result.last_event_id = interpreter.last_event_id_string();
  return result;
}

} // namespace ssespec::model
