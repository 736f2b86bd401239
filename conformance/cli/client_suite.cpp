#include "client_suite.h"

#include "client_report.h"
#include "compare.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <unistd.h>

namespace ssespec::cli {
namespace {

std::string self_command() {
  // The reference client adapter is this very binary.
  char path[4096];
  const auto n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return "ssespec client-adapter";
  return "'" + std::string(path, static_cast<std::size_t>(n)) + "' client-adapter";
}

} // namespace

void add_client_suite_options(CLI::App& command, ClientSuiteOptions& options, bool prefixed) {
  const std::string prefix = prefixed ? "--client-" : "--";
  command.add_option(
      prefix + "adapter", options.adapter,
      "A command speaking ssespec-client/1 on stdio (default: this binary's reference client)");
  command.add_option(prefix + "scenarios", options.scenarios_dir, "Client scenario directory")
      ->capture_default_str();
  command.add_option(prefix + "only", options.only,
                     "Only client scenarios whose name starts with this (repeatable)");
  command.add_option("--extra-timeout-ms", options.extra_timeout_ms,
                     "Added to every client scenario's timeout");
  command.add_flag("--verbose", options.verbose, "Show the client adapter's stderr for failures too");
}

std::optional<ClientSuiteRun> run_client_suite(const ClientSuiteOptions& options, std::ostream& out) {
  auto load = mock::load_scenario_directory(options.scenarios_dir);
  if (!load.errors.empty()) {
    for (const auto& message : load.errors)
      std::cerr << message << "\n";
    std::cerr << "ssespec: " << load.errors.size() << " problem(s) in the client scenarios; nothing run\n";
    return std::nullopt;
  }
  if (!options.only.empty()) {
    std::erase_if(load.scenarios, [&](const mock::Scenario& scenario) {
      for (const auto& prefix : options.only) {
        if (scenario.name.rfind(prefix, 0) == 0) return false;
      }
      return scenario.client.has_value(); // keep non-client scenarios: redirects may target them
    });
  }
  std::size_t selected = 0;
  for (const auto& scenario : load.scenarios)
    selected += scenario.client.has_value();
  if (selected == 0) {
    std::cerr << "ssespec: no client scenario selected (check --only)\n";
    return std::nullopt;
  }
  ClientSuiteRun suite;
  suite.run_options.adapter = options.adapter.empty() ? self_command() : options.adapter;
  suite.run_options.extra_timeout_ms = options.extra_timeout_ms;
  out << "client scenarios: adapter " << suite.run_options.adapter << "\n";
  suite.run = client::run_client_scenarios(
      load.scenarios, suite.run_options,
      [&](const client::ClientResult& result, std::size_t done, std::size_t total) {
        out << "[" << done << "/" << total << "] " << client::client_verdict_name(result.verdict) << "  "
            << result.scenario << " (" << result.level << ", " << static_cast<long>(result.duration_ms)
            << " ms)\n";
        // What the adapter said is shown through printable_text(): no NUL or escape reaches the log.
        for (const auto& problem : result.problems)
          out << "      " << printable_text(problem) << "\n";
        if (!result.diagnostics.empty() &&
            (options.verbose || result.verdict == client::ClientVerdict::error)) {
          out << "      stderr: " << printable_text(result.diagnostics) << "\n";
        }
      });
  if (!suite.run.server_error.empty()) {
    std::cerr << "ssespec: mock server: " << suite.run.server_error << "\n";
    return std::nullopt;
  }
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const auto& result : suite.run.results)
    ++counts[static_cast<int>(result.verdict)];
  if (suite.run.hello) {
    out << "adapter: " << printable_text(suite.run.hello->name) << " "
        << printable_text(suite.run.hello->version) << "\n";
  }
  out << suite.run.results.size() << " client scenario(s): " << counts[0] << " pass, " << counts[1]
      << " fail, " << counts[2] << " error, " << counts[3] << " skip\n";
  suite.report = client::client_run_report(suite.run, suite.run_options, load.scenarios, options.strict);
  return suite;
}

} // namespace ssespec::cli
