// Reading newline-terminated lines with a bound, so a peer that never sends a newline cannot make
// us buffer without end.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace ssespec {

enum class LineStatus { ok, end_of_input, too_long };

// Reads up to and without the next '\n' (a '\r' before it is dropped). A line longer than
// `max_size` is skipped through its newline and reported as too_long, leaving `line` empty.
LineStatus read_line(std::istream& in, std::string& line, std::size_t max_size);

} // namespace ssespec
