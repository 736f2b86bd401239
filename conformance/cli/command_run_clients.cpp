// `ssespec run-clients`: the client scenarios against a client adapter (docs/client-protocol.md).
#include "client_report.h"
#include "client_runner.h"
#include "commands.h"
#include "expectations.h"
#include "reports.h"
#include "scenario_loader.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace ssespec::cli {

namespace {

struct RunClientsOptions {
  std::string adapter;
  std::string scenarios_dir = mock::default_scenario_directory();
  std::vector<std::string> only;
  std::string log_path;
  std::string json_path;
  std::string junit_path;
  std::string html_path;
  std::string expectations_dir;
  bool strict = false;
  double extra_timeout_ms = 0;
  bool verbose = false;
};

std::string self_command() {
  // The reference client adapter is this very binary.
  char path[4096];
  const auto n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return "ssespec client-adapter";
  return "'" + std::string(path, static_cast<std::size_t>(n)) + "' client-adapter";
}

int run_clients(const RunClientsOptions& options) {
  auto load = mock::load_scenario_directory(options.scenarios_dir);
  if (!load.errors.empty()) {
    for (const auto& message : load.errors)
      std::cerr << message << "\n";
    std::cerr << "ssespec run-clients: " << load.errors.size() << " problem(s) in scenarios; nothing run\n";
    return 2;
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
    std::cerr << "ssespec run-clients: no client scenario selected (check --only)\n";
    return 2;
  }
  client::ClientRunOptions run_options;
  run_options.adapter = options.adapter.empty() ? self_command() : options.adapter;
  run_options.extra_timeout_ms = options.extra_timeout_ms;
  std::cout << "ssespec run-clients: adapter " << run_options.adapter << "\n";
  auto run = client::run_client_scenarios(
      load.scenarios, run_options,
      [&](const client::ClientResult& result, std::size_t done, std::size_t total) {
        std::cout << "[" << done << "/" << total << "] " << client::client_verdict_name(result.verdict)
                  << "  " << result.scenario << " (" << result.level << ", "
                  << static_cast<long>(result.duration_ms) << " ms)\n";
        for (const auto& problem : result.problems)
          std::cout << "      " << problem << "\n";
        if (!result.diagnostics.empty() &&
            (options.verbose || result.verdict == client::ClientVerdict::error)) {
          std::cout << "      stderr: " << result.diagnostics << "\n";
        }
      });
  if (!run.server_error.empty()) {
    std::cerr << "ssespec run-clients: mock server: " << run.server_error << "\n";
    return 2;
  }
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const auto& result : run.results)
    ++counts[static_cast<int>(result.verdict)];
  if (run.hello) std::cout << "adapter: " << run.hello->name << " " << run.hello->version << "\n";
  std::cout << run.results.size() << " client scenario(s): " << counts[0] << " pass, " << counts[1]
            << " fail, " << counts[2] << " error, " << counts[3] << " skip\n";
  // The same report files and expectation files as `ssespec run`, through the runner's model; the
  // exit code is the runner's too (1 on a must-level failure or error, or should-level under --strict).
  const RunReport report = client::client_run_report(run, run_options, load.scenarios, options.strict);
  int status = exit_code_for(report);
  if (!options.expectations_dir.empty()) {
    Expectations expectations = load_expectations(options.expectations_dir);
    if (!expectations.errors.empty()) {
      for (const auto& message : expectations.errors)
        std::cerr << message << "\n";
      return 2;
    }
    const ExpectationCheck check = check_expectations(report, expectations);
    for (const auto& finding : check.unexpected_failures)
      std::cout << "unexpected failure: " << finding.id << "\n";
    for (const auto& finding : check.unexpected_passes)
      std::cout << "unexpected pass: " << finding.id << "\n";
    std::cout << check.known_failures.size() << " known failure(s); the results "
              << (check.matches() ? "match" : "do not match") << " the expectations\n";
    status = check.matches() ? 0 : 1;
  }
  const std::pair<const std::string*, bool (*)(const RunReport&, const std::string&, std::string&)>
      outputs[] = {{&options.json_path, write_json_report},
                   {&options.junit_path, write_junit_report},
                   {&options.html_path, write_html_report}};
  for (const auto& [path, write] : outputs) {
    if (path->empty()) continue;
    std::string error;
    if (!write(report, *path, error)) {
      std::cerr << "ssespec run-clients: " << error << "\n";
      status = 2;
    }
  }
  if (!options.log_path.empty()) {
    std::ofstream out(options.log_path, std::ios::trunc);
    out << client::client_run_to_json(run, run_options)
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
    if (!out) {
      std::cerr << "ssespec run-clients: cannot write " << options.log_path << "\n";
      status = 2;
    }
  }
  return status;
}

} // namespace

void add_run_clients_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RunClientsOptions>();
  auto* command = app.add_subcommand(
      "run-clients", "Run the client scenarios against a client adapter (exit 1 on a must-level failure)");
  command->add_option(
      "--adapter", options->adapter,
      "A command speaking ssespec-client/1 on stdio (default: this binary's reference client)");
  command->add_option("--scenarios", options->scenarios_dir, "Scenario directory")->capture_default_str();
  command->add_option("--only", options->only, "Only scenarios whose name starts with this (repeatable)");
  command->add_option("--json", options->json_path, "Write the JSON report (as `ssespec run` does) to FILE");
  command->add_option("--junit", options->junit_path, "Write a JUnit XML report to FILE");
  command->add_option("--html", options->html_path, "Write the HTML matrix to FILE");
  command->add_option("--log", options->log_path,
                      "Write every scenario's records and problems as JSON to FILE");
  command->add_option("--expectations", options->expectations_dir,
                      "Directory of expectation files: pass when the results match them");
  command->add_flag("--strict", options->strict, "Should-level failures fail the run too");
  command->add_option("--extra-timeout-ms", options->extra_timeout_ms, "Added to every scenario's timeout");
  command->add_flag("--verbose", options->verbose, "Show the adapter's stderr for failures too");
  command->callback([&exit_code, options] { exit_code = run_clients(*options); });
}

} // namespace ssespec::cli
