// `ssespec adapter`: the reference parser behind the ssespec-adapter/1 protocol on stdin/stdout.
#include "commands.h"
#include "reference_adapter.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace ssespec::cli {

void add_adapter_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "adapter", "Serve the reference parser over the ssespec-adapter/1 protocol (JSON lines on stdio)");
  auto limits = std::make_shared<ParserLimits>();
  command->add_option("--max-line", limits->max_line_length, "Longest line in bytes")->capture_default_str();
  command->add_option("--max-event", limits->max_event_data, "Largest event data in bytes")
      ->capture_default_str();
  command->callback([&exit_code, limits] {
    std::ios::sync_with_stdio(false);
    exit_code = serve_reference_adapter(std::cin, std::cout, *limits);
  });
}

} // namespace ssespec::cli
