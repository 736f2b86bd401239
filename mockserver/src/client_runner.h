// Client-level conformance: runs client scenarios (those with a "client" section) against a client
// adapter speaking ssespec-client/1, on a mock server it starts on an ephemeral loopback port, and
// checks what the client reported and what the server recorded. A hanging, crashing or garbling
// adapter is an error result with its stderr attached; the run carries on with the next scenario.
#pragma once

#include "client_protocol.h"
#include "scenario.h"

#include <chrono>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ssespec::client {

enum class ClientVerdict { pass, fail, error, skip };
std::string_view client_verdict_name(ClientVerdict verdict);

struct ClientResult {
  std::string scenario;
  std::string description;
  std::string level;
  ClientVerdict verdict = ClientVerdict::pass;
  std::vector<std::string> problems; // each failed check, or why it is an error / skipped
  std::string diagnostics;           // the adapter's stderr when it failed or erred
  std::vector<Record> records;       // what the adapter reported (event data cut to 200 bytes)
  double duration_ms = 0;
};

struct ClientRunOptions {
  std::string adapter; // the command, run through /bin/sh -c, once per scenario
  std::chrono::milliseconds hello_timeout{10'000};
  std::chrono::milliseconds close_timeout{5'000};
  // How long a client may take, after the open command, to show up (its first record or its first
  // request to the server): starting a browser and a page on a loaded machine takes seconds. A
  // scenario's own timeout counts from then, so it measures the client, not its start.
  std::chrono::milliseconds start_timeout{30'000};
  std::size_t max_record_line = std::size_t{64} << 20;
  // Extra milliseconds on every scenario's timeout (for slow adapters); the scenarios' own lower
  // bounds never change.
  double extra_timeout_ms = 0;
};

struct ClientRun {
  std::optional<Hello> hello; // from the first scenario's adapter
  std::vector<ClientResult> results;
  std::string server_error; // the mock server could not start
};

using ClientProgress = std::function<void(const ClientResult& result, std::size_t done, std::size_t total)>;

// Runs every scenario in `scenarios` that has a client section (all are served, so redirects may
// point anywhere among them).
ClientRun run_client_scenarios(const std::vector<mock::Scenario>& scenarios, const ClientRunOptions& options,
                               const ClientProgress& progress = {});

// 0 when every must-level scenario passed (skips allowed), 1 otherwise.
int client_exit_code(const ClientRun& run);
nlohmann::json client_run_to_json(const ClientRun& run, const ClientRunOptions& options);

} // namespace ssespec::client
