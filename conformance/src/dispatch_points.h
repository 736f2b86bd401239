// Where each event is dispatched, found from the input bytes alone and independently of the
// reference parser, so that checking dispatch timing does not trust what it checks.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace ssespec {

// The offset of the byte that completes each blank line that dispatches an event, in order. It knows
// only what decides dispatch: one leading BOM (EF BB BF) skipped; lines end in CRLF, LF or CR, and a
// CR completes its line at the CR itself (an LF right after it belongs to that line end); a line
// whose field name (the bytes before the first colon, or the whole line) is exactly `data` adds
// data, and a line starting with a colon is a comment; a blank line dispatches when data was added
// since the previous blank line. Comparing raw bytes is exact because UTF-8 replacement never
// consumes ASCII bytes. An unfinished last line or block dispatches nothing.
std::vector<std::size_t> dispatch_points(std::string_view input);

} // namespace ssespec
