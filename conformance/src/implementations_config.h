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

} // namespace ssespec
