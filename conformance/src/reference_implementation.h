// The reference parser as an implementation under test: one protocol request in, one response out.
// The `ssespec adapter` command and the runner's in-process implementation both use it.
#pragma once

#include "adapter_protocol.h"
#include "ssespec/parser.h"

#include <string_view>
#include <vector>

namespace ssespec {

// What the reference implementation claims: everything the protocol can observe.
protocol::Hello reference_hello();

// Feeds each chunk separately, then finishes; records every event with the chunk it came out in.
// A limit error becomes the response's error, naming the limit and the byte offset.
protocol::Response run_reference(const protocol::Request& request, ParserLimits limits = {});
// The same over chunks that are views (the runner's in-process path: no copy of the input per chunking).
protocol::Response run_reference(const std::string& id, const std::vector<std::string_view>& chunks,
                                 ParserLimits limits = {});

} // namespace ssespec
