// The client-level scenarios (mockserver/scenarios) against a client adapter, run on the mock server
// and turned into the runner's results model: `ssespec run-clients` and `ssespec run --clients`.
#pragma once

#include "client_runner.h"
#include "results.h"
#include "scenario_loader.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ssespec::cli {

struct ClientSuiteOptions {
  std::string adapter; // a shell command speaking ssespec-client/1; empty: the reference client
  std::string scenarios_dir = mock::default_scenario_directory();
  std::vector<std::string> only; // scenario name prefixes
  bool strict = false;
  double extra_timeout_ms = 0;
  bool verbose = false;
};

struct ClientSuiteRun {
  client::ClientRunOptions run_options;
  client::ClientRun run;
  RunReport report; // one implementation; its cases are `clients/<scenario>`
};

// Registers the options that choose the client suite on `command`. In `ssespec run`, where --adapter
// names parser-level adapters, they are prefixed: --client-adapter, --client-only, --client-scenarios.
void add_client_suite_options(CLI::App& command, ClientSuiteOptions& options, bool prefixed);

// Loads the scenarios, runs them with a progress line per scenario on `out`, and returns the run.
// nullopt after saying why on stderr: a bad scenario, an empty selection or a server that would not
// start (all usage or configuration errors: exit 2).
std::optional<ClientSuiteRun> run_client_suite(const ClientSuiteOptions& options, std::ostream& out);

} // namespace ssespec::cli
