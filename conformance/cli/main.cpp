// `ssespec`: the one command-line face of the project. Subcommands live in command_*.cpp.
#include "commands.h"

#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"ssespec: conformance suite, mock server and fuzzing harness for Server-Sent Events"};
  app.set_version_flag("--version", std::string("ssespec ") + SSESPEC_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  ssespec::cli::add_adapter_command(app, exit_code);
  ssespec::cli::add_parse_command(app, exit_code);
  ssespec::cli::add_run_command(app, exit_code);
  ssespec::cli::add_report_command(app, exit_code);
  ssespec::cli::add_repro_command(app, exit_code);
  ssespec::cli::add_cases_command(app, exit_code);
  ssespec::cli::add_bench_command(app, exit_code);
  ssespec::cli::add_serve_command(app, exit_code);
  ssespec::cli::add_client_adapter_command(app, exit_code);
  ssespec::cli::add_run_clients_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return 2; // usage errors are 2 everywhere, whatever CLI11's own code for them
  }
  return exit_code;
}
