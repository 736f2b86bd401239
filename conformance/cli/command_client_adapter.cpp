// `ssespec client-adapter`: the reference EventSource client behind ssespec-client/1 on stdio.
#include "client_adapter.h"
#include "commands.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

namespace ssespec::cli {

void add_client_adapter_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "client-adapter",
      "Serve the reference EventSource client over the ssespec-client/1 protocol (JSON lines on stdio)");
  auto options = std::make_shared<client::ClientOptions>();
  command
      ->add_option("--reconnect-ms", options->default_reconnection_ms,
                   "Reconnection time before the stream sets one with retry")
      ->capture_default_str();
  command->callback([&exit_code, options] {
    std::signal(SIGPIPE, SIG_IGN); // a runner that goes away ends the adapter at the next read
    std::ios::sync_with_stdio(false);
    exit_code = client::serve_client_adapter(std::cin, std::cout, *options);
  });
}

} // namespace ssespec::cli
