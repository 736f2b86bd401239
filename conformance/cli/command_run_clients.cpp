// `ssespec run-clients`: the client scenarios against a client adapter (docs/client-protocol.md).
#include "client_report.h"
#include "client_suite.h"
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
  ClientSuiteOptions suite;
  std::string log_path;
  std::string json_path;
  std::string junit_path;
  std::string html_path;
  std::string expectations_dir;
};

int run_clients(const RunClientsOptions& options) {
  std::optional<ClientSuiteRun> suite = run_client_suite(options.suite, std::cout);
  if (!suite) return 2;
  // The same report files and expectation files as `ssespec run`, through the runner's model; the
  // exit code is the runner's too (1 on a must-level failure or error, or should-level under --strict).
  const RunReport& report = suite->report;
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
    out << client::client_run_to_json(suite->run, suite->run_options)
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
  add_client_suite_options(*command, options->suite, /*prefixed=*/false);
  command->add_option("--json", options->json_path, "Write the JSON report (as `ssespec run` does) to FILE");
  command->add_option("--junit", options->junit_path, "Write a JUnit XML report to FILE");
  command->add_option("--html", options->html_path, "Write the HTML matrix to FILE");
  command->add_option("--log", options->log_path,
                      "Write every scenario's records and problems as JSON to FILE");
  command->add_option("--expectations", options->expectations_dir,
                      "Directory of expectation files: pass when the results match them");
  command->add_flag("--strict", options->suite.strict, "Should-level failures fail the run too");
  command->callback([&exit_code, options] { exit_code = run_clients(*options); });
}

} // namespace ssespec::cli
