// Loads and checks mockserver/scenarios/*.json (docs/scenario-format.md). Every problem is reported
// as "FILE: JSON.PATH: what is wrong", e.g.
//   mockserver/scenarios/x.json: connections[1].steps[3].chunks: expected an array of strings ...
// The loader checks everything the schema (mockserver/schema/scenario.schema.json) says and more
// (statuses, redirect placement, limits), so a scenario that loads is one the server can run.
#pragma once

#include "scenario.h"

#include <string>
#include <string_view>
#include <vector>

namespace ssespec::mock {

// A scenario file larger than this is refused before parsing.
inline constexpr std::size_t kMaxScenarioFileBytes = std::size_t{16} << 20;
inline constexpr std::size_t kMaxConnections = 1000;

struct ScenarioLoad {
  std::vector<Scenario> scenarios;
  std::vector<std::string> errors;
};

// One scenario from its JSON text; `name` is what it is served as, `file` names it in messages.
void load_scenario_text(std::string_view text, const std::string& name, const std::string& file,
                        ScenarioLoad& load);
// One file; its stem is the scenario's name.
void load_scenario_file(const std::string& path, ScenarioLoad& load);
// Every *.json in a directory, sorted by name.
ScenarioLoad load_scenario_directory(const std::string& directory);

// The directory the scenarios ship in (the source tree's mockserver/scenarios).
std::string default_scenario_directory();

} // namespace ssespec::mock
