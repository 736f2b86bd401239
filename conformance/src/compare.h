// Judging one response against what a case allows. Only what the implementation says it can expose
// (its capabilities) is compared; the first difference is described for people.
#pragma once

#include "adapter_protocol.h"
#include "expansion.h"
#include "fixtures.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec {

struct Capabilities {
  bool retry = false;         // reports reconnection times
  bool comments = false;      // reports comments
  bool last_event_id = false; // reports the persistent last event ID (else lastEventId is not compared)
  bool chunk_index = false;   // says in which chunk each event came out

  static Capabilities of(const std::vector<std::string>& names);
  bool has(std::string_view capability) const;
};

// Length of the valid UTF-8 sequence starting at text[i], or 0 when none starts there.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Markup text (XML and HTML alike): & < > " ' escaped; invalid UTF-8 and control bytes other than
// tab, LF and CR shown as \xHH, since XML 1.0 cannot carry them at all.
std::string markup_escape(std::string_view text);

// Text for a terminal or a log: lines and tabs kept, valid UTF-8 kept, every other control byte
// (NUL, CR, ESC and the rest) and invalid UTF-8 shown as \xHH, so an adapter's stderr can neither
// cut a log short at a NUL nor drive the terminal.
std::string printable_text(std::string_view text);

// A string for a message: JSON-like quotes and escapes, control bytes and invalid UTF-8 as \xHH,
// cut at `max_bytes` with the full length said.
std::string quote(std::string_view text, std::size_t max_bytes = 120);

// nullopt when `response` is the outcome, else the first difference ("event 1 data: expected ..., got ...").
std::optional<std::string> difference(const Outcome& outcome, const protocol::Response& response,
                                      const Capabilities& capabilities);

// nullopt when each event came out in the chunk holding the byte that completes its blank line
// (`points`, from dispatch_points() over the variant's input). Only meaningful for a response
// that matched the case's `expect`, which has one event per point.
std::optional<std::string> timing_difference(const protocol::Response& response, const Variant& variant,
                                             const std::vector<std::size_t>& points);

} // namespace ssespec
