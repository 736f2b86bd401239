// Client results in the runner's results model (conformance/src/results.h), so they flow into the
// same reports (JSON, JUnit, HTML, Markdown) and expectation files as parser-level results. Each
// client scenario becomes a case `clients/<name>` of area `clients`, with one variant: the run.
#pragma once

#include "client_runner.h"
#include "results.h"
#include "scenario.h"

#include <vector>

namespace ssespec::client {

ImplementationReport client_implementation_report(const ClientRun& run, const ClientRunOptions& options,
                                                  const std::vector<mock::Scenario>& scenarios, bool strict);

// A whole RunReport holding only the client run (for `ssespec run-clients --json/--junit/--html`).
RunReport client_run_report(const ClientRun& run, const ClientRunOptions& options,
                            const std::vector<mock::Scenario>& scenarios, bool strict);

} // namespace ssespec::client
