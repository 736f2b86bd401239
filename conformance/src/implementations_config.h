// conformance/implementations.json: the implementations `ssespec run` tests by default
// (docs/testing-your-implementation.md). Each entry is the built-in reference or an adapter command.
#pragma once

#include "runner.h"
#include "subprocess_implementation.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ssespec {

struct ImplementationEntry {
  std::string name;
  bool builtin_reference = false; // "builtin": "reference"
  AdapterCommand command;         // otherwise; cwd already resolved against the repository
  std::chrono::milliseconds timeout{10'000};
  std::optional<std::vector<std::string>> capabilities;
  bool enabled = true; // a disabled entry runs only when named with --impl
  // "max_expansion": {"split_max": N, "random": N, "bytewise_max": N}, each optional: caps on the
  // run's chunking expansion (the smaller of the two applies), for slow implementations.
  std::optional<std::size_t> max_split, max_random, max_bytewise;
  // "client": {"builtin": "reference"} or {"command": ..., "cwd": ...}: the client-level adapter
  // (ssespec-client/1) of the same implementation; its results join this implementation's column.
  bool has_client = false;
  bool client_builtin_reference = false;
  AdapterCommand client_command;
};

struct ImplementationsConfig {
  std::vector<ImplementationEntry> entries;
  std::vector<std::string> errors; // "FILE: implementations[2].command: ..."
};

// `root` is what a relative `cwd` is taken from (the repository).
ImplementationsConfig parse_implementations_config(std::string_view text, const std::string& file,
                                                   const std::string& root);
ImplementationsConfig load_implementations_config(const std::string& path, const std::string& root);

// How to make instances of an entry, with `limits` for adapters (the entry's timeout applied).
ImplementationSetup setup_for(const ImplementationEntry& entry, SubprocessLimits limits);

// The run's settings with the setup's expansion caps applied.
RunSettings settings_for(const ImplementationSetup& setup, RunSettings settings);

// `command` as one /bin/sh line (the client runner starts adapters through the shell): a `cd` into
// its cwd first when it has one, every argv element quoted.
std::string shell_line(const AdapterCommand& command);

} // namespace ssespec
