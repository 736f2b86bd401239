#include "run_setup.h"

#include "implementations_config.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace ssespec::cli {

std::string repo_root() {
  std::error_code ec;
  if (std::filesystem::is_directory("corpus/spec", ec) && std::filesystem::is_directory("conformance", ec)) {
    return std::filesystem::current_path(ec).string();
  }
  return SSESPEC_SOURCE_ROOT;
}

std::optional<LoadResult> load_corpus(const std::vector<std::string>& paths) {
  LoadResult loaded =
      load_fixtures(paths.empty() ? std::vector<std::string>{repo_root() + "/corpus/spec"} : paths);
  if (loaded.errors.empty()) return loaded;
  std::cerr << "ssespec: the fixtures have " << loaded.errors.size() << " error(s):\n";
  for (const std::string& error : loaded.errors)
    std::cerr << "  " << error << '\n';
  return std::nullopt;
}

std::optional<std::vector<ImplementationSetup>> choose_implementations(const ImplementationChoice& choice) {
  SubprocessLimits limits;
  limits.hello_timeout = choice.hello_timeout;
  std::vector<ImplementationSetup> setups;
  const bool use_config = !choice.names.empty() || choice.adapters.empty();
  if (use_config) {
    const std::string path =
        choice.config.empty() ? repo_root() + "/conformance/implementations.json" : choice.config;
    std::error_code ec;
    ImplementationsConfig config;
    if (!choice.config.empty() || std::filesystem::exists(path, ec)) {
      config = load_implementations_config(path, repo_root());
    } else {
      // No configuration at all: the reference alone is still a meaningful run.
      ImplementationEntry reference;
      reference.name = "reference";
      reference.builtin_reference = true;
      config.entries.push_back(reference);
    }
    if (!config.errors.empty()) {
      for (const std::string& error : config.errors)
        std::cerr << "ssespec: " << error << '\n';
      return std::nullopt;
    }
    if (choice.names.empty()) {
      for (const ImplementationEntry& entry : config.entries) {
        if (entry.enabled) setups.push_back(setup_for(entry, limits));
      }
    }
    for (const std::string& name : choice.names) {
      const auto entry = std::find_if(config.entries.begin(), config.entries.end(),
                                      [&](const ImplementationEntry& e) { return e.name == name; });
      if (entry == config.entries.end()) {
        std::cerr << "ssespec: no implementation named \"" << name << "\" in " << path << " (it has:";
        for (const ImplementationEntry& e : config.entries)
          std::cerr << ' ' << e.name;
        std::cerr << ")\n";
        return std::nullopt;
      }
      setups.push_back(setup_for(*entry, limits));
    }
  }
  for (const std::string& command : choice.adapters) {
    ImplementationEntry entry;
    entry.command = AdapterCommand::from_shell(command);
    entry.timeout = choice.adapter_timeout;
    setups.push_back(setup_for(entry, limits));
    setups.back().name.clear(); // named by its hello
  }
  if (setups.empty()) {
    std::cerr << "ssespec: no implementation to run (every entry is disabled; name one with --impl)\n";
    return std::nullopt;
  }
  return setups;
}

} // namespace ssespec::cli
