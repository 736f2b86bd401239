// What `ssespec run`, `repro` and `cases` share: where the repository is, loading the corpus, and
// turning --impl / --adapter into implementations to run.
#pragma once

#include "fixtures.h"
#include "runner.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssespec::cli {

// The checkout ssespec runs in (the working directory when it holds corpus/spec), else the one the
// binary was built from.
std::string repo_root();

// Loads the corpus (default: the repository's corpus/spec); prints every error and returns nullopt
// when there is any.
std::optional<LoadResult> load_corpus(const std::vector<std::string>& paths);

struct ImplementationChoice {
  std::vector<std::string> names;    // --impl
  std::vector<std::string> adapters; // --adapter
  std::string config;                // --config; empty: the repository's conformance/implementations.json
  std::chrono::milliseconds adapter_timeout{10'000};
  std::chrono::milliseconds hello_timeout{10'000};
};

// The implementations to run, in order: the --impl names (or every enabled entry when there are
// neither --impl nor --adapter), then the --adapter commands. Prints errors and returns nullopt on
// a configuration error.
std::optional<std::vector<ImplementationSetup>> choose_implementations(const ImplementationChoice& choice);

} // namespace ssespec::cli
