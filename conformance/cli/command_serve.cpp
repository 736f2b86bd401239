// `ssespec serve`: the mock server on loopback, serving scenarios (docs/mock-server.md).
#include "case_stream.h"
#include "chunking.h"
#include "commands.h"
#include "fixtures.h"
#include "mock_server.h"
#include "scenario_loader.h"
#include "transform.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <pthread.h>

namespace ssespec::cli {

namespace {

struct ServeOptions {
  std::string scenario;
  std::string case_id;
  std::string split = "whole";
  double pause_ms = 50;
  std::vector<std::string> corpus;
  std::string scenarios_dir = mock::default_scenario_directory();
  std::string host = "127.0.0.1";
  int port = 0;
  std::string record;
  std::string line_endings = "lf";
  std::string chunking = "as-written";
  std::size_t max_connections = 4096;
};

// The fixture case named by --case, as a scenario (mockserver/src/case_stream.h).
std::optional<mock::Scenario> case_scenario(const ServeOptions& options, LineEnding endings,
                                            std::string& error) {
  std::vector<std::string> corpus = options.corpus;
  if (corpus.empty()) {
    corpus.push_back(std::filesystem::is_directory("corpus/spec")
                         ? std::string("corpus/spec")
                         : std::string(SSESPEC_SOURCE_ROOT) + "/corpus/spec");
  }
  LoadResult fixtures = load_fixtures(corpus);
  if (!fixtures.errors.empty()) {
    error = "the fixtures have " + std::to_string(fixtures.errors.size()) +
            " error(s), the first: " + fixtures.errors.front();
    return std::nullopt;
  }
  const SpecCase* found = nullptr;
  for (const auto& spec : fixtures.cases) {
    if (spec.id == options.case_id) found = &spec;
  }
  if (!found) {
    error = "--case " + options.case_id + ": no such case in " + corpus.front();
    return std::nullopt;
  }
  std::string why;
  auto split = Chunking::parse(options.split, &why);
  if (!split) {
    error = "--split " + options.split + ": " + why;
    return std::nullopt;
  }
  auto scenario = mock::scenario_for_case(*found, endings, *split, options.pause_ms, error);
  if (scenario) {
    std::size_t writes = 0;
    for (const auto& step : scenario->connections[0].steps)
      writes += step.kind == mock::Step::Kind::send;
    std::cerr << "ssespec serve: case " << found->id << ": " << writes << " write(s) (" << split->to_string()
              << ")\n";
  } else {
    error = "--case " + options.case_id + ": " + error;
  }
  return scenario;
}

int run_serve(const ServeOptions& options) {
  mock::Transform transform;
  auto endings = parse_line_ending(options.line_endings);
  if (!endings) {
    std::cerr << "ssespec serve: --line-endings " << options.line_endings << ": expected lf, crlf or cr\n";
    return 2;
  }
  transform.line_endings = *endings;
  std::string error;
  if (!mock::parse_chunking(options.chunking, transform.chunking, error)) {
    std::cerr << "ssespec serve: --chunking: " << error << "\n";
    return 2;
  }

  // The shipped scenarios may be absent (an installed binary); only a directory asked for must exist.
  mock::ScenarioLoad load;
  if (options.scenarios_dir != mock::default_scenario_directory() ||
      std::filesystem::is_directory(options.scenarios_dir)) {
    load = mock::load_scenario_directory(options.scenarios_dir);
  }
  std::string primary;
  if (!options.case_id.empty()) {
    std::string case_error;
    auto scenario = case_scenario(options, transform.line_endings, case_error);
    if (!scenario) {
      std::cerr << "ssespec serve: " << case_error << "\n";
      return 2;
    }
    primary = scenario->name;
    std::erase_if(load.scenarios, [&](const mock::Scenario& s) { return s.name == primary; });
    load.scenarios.push_back(std::move(*scenario));
  } else if (!options.scenario.empty()) {
    if (std::filesystem::is_regular_file(options.scenario)) {
      mock::ScenarioLoad one;
      mock::load_scenario_file(options.scenario, one);
      load.errors.insert(load.errors.end(), one.errors.begin(), one.errors.end());
      for (auto& scenario : one.scenarios) {
        primary = scenario.name;
        std::erase_if(load.scenarios, [&](const mock::Scenario& s) { return s.name == primary; });
        load.scenarios.push_back(std::move(scenario));
      }
    } else {
      primary = std::filesystem::path(options.scenario).stem().string();
      bool found = false;
      for (const auto& scenario : load.scenarios)
        found = found || scenario.name == primary;
      if (!found && load.errors.empty()) {
        std::cerr << "ssespec serve: --scenario " << options.scenario
                  << ": no such file, and no scenario of that name in " << options.scenarios_dir << "\n";
        return 2;
      }
    }
  }
  if (!load.errors.empty()) {
    for (const auto& message : load.errors)
      std::cerr << message << "\n";
    std::cerr << "ssespec serve: " << load.errors.size() << " problem(s) in scenarios; nothing served\n";
    return 2;
  }
  for (auto& scenario : load.scenarios) {
    // The case is already in its line endings and split; transforms are for scenarios.
    if (options.case_id.empty() || scenario.name != primary)
      scenario = mock::apply_transform(scenario, transform);
  }

  // Signals are taken by this thread alone (sigwait below); every thread started from here on
  // inherits the mask. A client that vanishes mid-write must not kill the server: SIGPIPE is ignored
  // and the failed write ends that one stream.
  std::signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  mock::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  server_options.max_connections = options.max_connections;
  mock::MockServer server(std::move(load.scenarios), server_options);
  if (!primary.empty()) server.set_primary(primary);
  if (!server.start(error)) {
    std::cerr << "ssespec serve: " << error << "\n";
    return 2;
  }
  // One line on stdout, so a script can read the URL (the port, with --port 0).
  std::cout << server.base_url() << (primary.empty() ? "/scenarios/" : "/") << std::endl;
  std::cerr << "ssespec serve: " << server.scenarios().size() << " scenario(s) at " << server.base_url()
            << "/scenarios/<name>";
  if (!primary.empty()) std::cerr << "; " << primary << " at every other path";
  std::cerr << "; requests at " << server.base_url() << "/_ssespec/requests. Ctrl-C to stop.\n";

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::cerr << "ssespec serve: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping\n";
  server.stop();
  if (!options.record.empty()) {
    if (!server.recorder().write_file(options.record, error)) {
      std::cerr << "ssespec serve: " << error << "\n";
      return 1;
    }
    std::cerr << "ssespec serve: " << server.recorder().snapshot().size() << " request(s) written to "
              << options.record << "\n";
  }
  return 0;
}

} // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand("serve", "Run the mock server (scenarios at /scenarios/<name>)");
  auto* scenario_option = command->add_option(
      "--scenario", options->scenario,
      "A scenario file, or the name of one in the scenario directory, answered at every path");
  command
      ->add_option("--case", options->case_id,
                   "A fixture case id (corpus/spec) served as a stream at every path")
      ->excludes(scenario_option);
  command
      ->add_option("--split", options->split,
                   "With --case: where to cut it (whole, bytes, at:3,9, random:SEED:COUNT)")
      ->capture_default_str();
  command->add_option("--pause-ms", options->pause_ms, "With --case: pause between writes")
      ->capture_default_str();
  command->add_option("--corpus", options->corpus,
                      "With --case: fixture directory or file (default corpus/spec)");
  command
      ->add_option("--scenarios", options->scenarios_dir,
                   "Directory of scenarios served at /scenarios/<name>")
      ->capture_default_str();
  command->add_option("--host", options->host, "Address to bind (loopback unless you say otherwise)")
      ->capture_default_str();
  command->add_option("--port", options->port, "Port; 0 picks a free one (the URL is printed on stdout)")
      ->capture_default_str();
  command->add_option("--record", options->record, "Write the recorded requests as JSON to FILE on exit");
  command
      ->add_option("--line-endings", options->line_endings,
                   "Transform every scenario (or the --case): lf, crlf or cr")
      ->capture_default_str();
  command
      ->add_option("--chunking", options->chunking,
                   "Transform every scenario: as-written, whole, bytes, random:SEED:COUNT")
      ->capture_default_str();
  command->add_option("--max-connections", options->max_connections, "Connections served at once")
      ->capture_default_str();
  command->callback([&exit_code, options] { exit_code = run_serve(*options); });
}

} // namespace ssespec::cli
