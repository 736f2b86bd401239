#include "compare.h"

#include <algorithm>
#include <cstdio>

namespace ssespec {

Capabilities Capabilities::of(const std::vector<std::string>& names) {
  Capabilities caps;
  for (const std::string& name : names) {
    if (name == "retry") caps.retry = true;
    if (name == "comments") caps.comments = true;
    if (name == "last-event-id") caps.last_event_id = true;
    if (name == "chunk-index") caps.chunk_index = true;
  }
  return caps;
}

bool Capabilities::has(std::string_view capability) const {
  if (capability == "retry") return retry;
  if (capability == "comments") return comments;
  if (capability == "last-event-id") return last_event_id;
  if (capability == "chunk-index") return chunk_index;
  return false;
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char c = byte(i + k);
    if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xBF)) return 0;
  }
  return length;
}

namespace {

std::string list_of_numbers(const std::vector<std::uint64_t>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + std::to_string(values[i]);
  return out + "]";
}

std::string list_of_texts(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + quote(values[i], 60);
  return out + "]";
}

// Appends the character at text[i] (a whole UTF-8 sequence, or one byte shown as \xHH when it is a
// control byte other than tab and LF, or CR unless kept, or not valid UTF-8); returns the bytes used.
std::size_t append_printable(std::string_view text, std::size_t i, std::string& out, bool keep_cr) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c >= 0x80) {
    if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
      out.append(text.substr(i, length));
      return length;
    }
  }
  const bool kept = c == '\t' || c == '\n' || (c == '\r' && keep_cr);
  if (c >= 0x80 || (c < 0x20 && !kept) || c == 0x7F) {
    char escape[8];
    std::snprintf(escape, sizeof escape, "\\x%02X", c);
    out += escape;
  } else {
    out += static_cast<char>(c);
  }
  return 1;
}

} // namespace

std::string markup_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    switch (text[i]) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      i += append_printable(text, i, out, /*keep_cr=*/true);
      continue;
    }
    ++i;
  }
  return out;
}

std::string printable_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();)
    i += append_printable(text, i, out, /*keep_cr=*/false);
  return out;
}

std::string quote(std::string_view text, std::size_t max_bytes) {
  std::string out = "\"";
  const std::size_t shown = std::min(text.size(), max_bytes);
  for (std::size_t i = 0; i < shown;) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    char escape[8];
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(escape, sizeof escape, "\\x%02X", c);
      out += escape;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    } else {
      std::snprintf(escape, sizeof escape, "\\x%02X", c);
      out += escape;
    }
    ++i;
  }
  out += '"';
  if (shown < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::optional<std::string> difference(const Outcome& outcome, const protocol::Response& response,
                                      const Capabilities& capabilities) {
  if (response.error) return "the implementation reported an error: " + *response.error;
  const std::size_t common = std::min(outcome.events.size(), response.events.size());
  for (std::size_t i = 0; i < common; ++i) {
    const ExpectedEvent& want = outcome.events[i];
    const protocol::ObservedEvent& got = response.events[i];
    const std::string at = "event " + std::to_string(i) + " ";
    if (got.type != want.type) return at + "type: expected " + quote(want.type) + ", got " + quote(got.type);
    if (got.data != want.data) return at + "data: expected " + quote(want.data) + ", got " + quote(got.data);
    if (capabilities.last_event_id && got.last_event_id != want.last_event_id) {
      return at + "lastEventId: expected " + quote(want.last_event_id) + ", got " + quote(got.last_event_id);
    }
  }
  if (outcome.events.size() != response.events.size()) {
    std::string message = "expected " + std::to_string(outcome.events.size()) + " event(s), got " +
                          std::to_string(response.events.size());
    if (response.events.size() > common) {
      message += "; the first extra one has data " + quote(response.events[common].data);
    } else {
      message += "; the first missing one has data " + quote(outcome.events[common].data);
    }
    return message;
  }
  if (capabilities.retry && response.retry != outcome.retry) {
    return "retry: expected " + list_of_numbers(outcome.retry) + ", got " + list_of_numbers(response.retry);
  }
  if (capabilities.comments && outcome.comments) {
    if (!response.comments)
      return "comments: expected " + list_of_texts(*outcome.comments) + ", got none reported";
    if (*response.comments != *outcome.comments) {
      return "comments: expected " + list_of_texts(*outcome.comments) + ", got " +
             list_of_texts(*response.comments);
    }
  }
  return std::nullopt;
}

std::optional<std::string> timing_difference(const protocol::Response& response, const Variant& variant,
                                             const std::vector<std::size_t>& points) {
  if (points.size() != response.events.size()) return std::nullopt; // not comparable: judged elsewhere
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::size_t want = chunk_holding(variant.cuts, points[i]);
    const std::optional<std::size_t>& got = response.events[i].chunk;
    const std::string at = "event " + std::to_string(i) + " ";
    if (!got) return at + "has no chunk index, though the implementation claims chunk-index";
    if (*got == want) continue;
    const std::string when =
        *got >= variant.chunk_count() ? "at the end of the stream" : "in chunk " + std::to_string(*got);
    return at + "came out " + when + ", expected in chunk " + std::to_string(want) +
           " (its blank line completes at byte " + std::to_string(points[i]) +
           "): " + (*got > want ? "late" : "early");
  }
  return std::nullopt;
}

} // namespace ssespec
