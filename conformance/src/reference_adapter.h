// `ssespec adapter`: the reference parser behind the ssespec-adapter/1 protocol on stdio.
#pragma once

#include "ssespec/parser.h"

#include <cstddef>
#include <istream>
#include <ostream>

namespace ssespec {

inline constexpr std::size_t kMaxRequestLine = std::size_t{512} << 20;

// Writes the hello line, then answers each request line until the input ends. A malformed line gets
// an error response naming the problem, and the loop carries on. Returns the process exit code.
int serve_reference_adapter(std::istream& in, std::ostream& out, ParserLimits limits = {},
                            std::size_t max_request_line = kMaxRequestLine);

} // namespace ssespec
