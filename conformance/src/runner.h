// Runs the selected cases, in every variant, against one implementation, on `jobs` workers (each
// with its own instance: for an adapter, its own process), and judges each response.
#pragma once

#include "implementation.h"
#include "results.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssespec {

// An implementation to run: a name and how to make instances of it.
struct ImplementationSetup {
  std::string name; // empty: the hello's name
  std::function<std::unique_ptr<Implementation>()> make;
  std::optional<std::vector<std::string>> capabilities; // replaces what the hello claims
  // Caps on the run's chunking expansion (implementations.json "max_expansion"), for
  // implementations that spend milliseconds per chunk (over HTTP, in a browser).
  std::optional<std::size_t> max_split, max_random, max_bytewise;
  // The same implementation's client-level adapter (implementations.json "client"): a shell
  // command, or "" for the built-in reference client; nullopt when it has none.
  std::optional<std::string> client_adapter;
};

// Called after each case (from whichever worker finished it, one call at a time): the report so
// far, cases done, cases in all.
using ProgressCallback = std::function<void(const ImplementationReport&, std::size_t, std::size_t)>;

ImplementationReport run_suite(const ImplementationSetup& setup,
                               const std::vector<std::shared_ptr<const SpecCase>>& cases,
                               const RunSettings& settings, const ProgressCallback& progress = {});

// One case in every variant against a started implementation (what the workers do, and `repro`).
// `keep_all_failures` keeps every failing variant rather than the settings' few.
CaseResult run_case(Implementation& implementation, const std::vector<std::string>& capabilities,
                    const std::shared_ptr<const SpecCase>& spec, const RunSettings& settings,
                    bool keep_all_failures = false);

// Case ids matched by a glob ('*' any run of characters, '?' one).
bool glob_match(std::string_view pattern, std::string_view text);

} // namespace ssespec
