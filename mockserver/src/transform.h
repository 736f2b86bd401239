// Whole-scenario transforms: line endings (every LF of the text written becomes CRLF or CR) and
// chunking (how the bytes of each run of consecutive send steps are cut into writes).
#pragma once

#include "chunking.h"
#include "expansion.h"
#include "scenario.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ssespec::mock {

struct Transform {
  // The runner's line-ending rewrite (conformance/src/expansion.h), so a served case has the
  // same bytes as the variant the runner reported.
  LineEnding line_endings = LineEnding::lf;
  // How the bytes of each run of consecutive send/retry steps are cut into writes, in the runner's
  // own terms (conformance/src/chunking.h: whole, bytes, at:3,9, random:SEED:COUNT); none: the
  // scenario's chunks as written.
  std::optional<ssespec::Chunking> chunking;
  bool identity() const { return line_endings == LineEnding::lf && !chunking; }
};

// "as-written" (nullopt inside the optional), or a chunking's textual form; false with `error` set
// when `text` is neither.
bool parse_chunking(std::string_view text, std::optional<ssespec::Chunking>& out, std::string& error);

// The same scenario with every connection's steps transformed. Retry and heartbeat steps become
// text like any other, so the line-ending transform reaches them; base64 chunks are left as they are.
Scenario apply_transform(const Scenario& scenario, const Transform& transform);

} // namespace ssespec::mock
