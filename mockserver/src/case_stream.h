// One parser-level fixture case (corpus/spec, docs/fixture-format.md) as a one-connection scenario,
// so `ssespec serve --case ID --split SPEC` lets any browser or curl see the exact writes a failing
// run used.
#pragma once

#include "chunking.h"
#include "fixtures.h"
#include "scenario.h"
#include "transform.h"

#include <optional>
#include <string>

namespace ssespec::mock {

// The case's input, in `endings` (an error for a case with fixed line endings unless lf), cut by
// `split` into writes with `pause_ms` between them, then a clean end. The scenario is named "case";
// a second connection gets 204, so an EventSource stops after one pass.
std::optional<Scenario> scenario_for_case(const SpecCase& spec, LineEnding endings,
                                          const ssespec::Chunking& split, double pause_ms,
                                          std::string& error);

} // namespace ssespec::mock
