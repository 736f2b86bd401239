// The reference client behind the ssespec-client/1 protocol (`ssespec client-adapter`): commands
// on `in`, records on `out`, one ReferenceClient per open stream id.
#pragma once

#include "reference_client.h"

#include <iosfwd>

namespace ssespec::client {

// Runs until `in` ends, then closes every stream. Returns the process exit code (0).
int serve_client_adapter(std::istream& in, std::ostream& out, ClientOptions options = {});

} // namespace ssespec::client
