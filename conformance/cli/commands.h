// Each subcommand of `ssespec` registers itself on the app. `exit_code` is what main returns once
// the chosen subcommand has run: 0 success, 1 a failed check, 2 usage or configuration errors.
#pragma once

namespace CLI {
class App;
}

namespace ssespec::cli {

void add_adapter_command(CLI::App& app, int& exit_code);
void add_parse_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_repro_command(CLI::App& app, int& exit_code);
void add_cases_command(CLI::App& app, int& exit_code);
void add_bench_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_client_adapter_command(CLI::App& app, int& exit_code);
void add_run_clients_command(CLI::App& app, int& exit_code);

} // namespace ssespec::cli
