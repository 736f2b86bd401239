// Parser-level spec cases (docs/fixture-format.md): what a case is, and loading and checking
// corpus/spec/*.json. Every problem is reported, each naming the file, the case and the field, and
// none of them is fatal to the others: a run that sees any error stops before running anything
// (exit 2), with the whole list in front of the author.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec {

enum class Level { must, should, implementation_defined };

// "must", "should", "implementation-defined".
std::string_view level_name(Level level);
std::optional<Level> parse_level(std::string_view name);

struct ExpectedEvent {
  std::string type;
  std::string data;
  std::string last_event_id;
};

// One outcome the spec allows: `expect`, or one of `acceptable`.
struct Outcome {
  std::vector<ExpectedEvent> events;
  std::vector<std::uint64_t> retry;
  std::optional<std::vector<std::string>> comments; // compared only when the fixture gives them
};

struct SpecCase {
  std::string id;   // "area/name"
  std::string area; // the file's area, the id's first segment
  std::string file; // where it was loaded from, for messages
  std::string description;
  std::string rule_anchor;
  std::string rule_quote;
  Level level = Level::must;
  std::string input;                      // the stream's bytes
  bool any_line_endings = false;          // line_endings: "any"
  std::vector<std::string> requires_caps; // capabilities the case needs ("retry", ...)
  Outcome expect;
  std::vector<Outcome> acceptable;
  std::string notes;
};

// A fixture file larger than this is refused before parsing.
inline constexpr std::size_t kMaxFixtureFileBytes = std::size_t{64} << 20;

struct LoadResult {
  std::vector<SpecCase> cases;     // in file-name order, then file order
  std::vector<std::string> errors; // "FILE: case ID: FIELD: what is wrong"
  std::size_t files = 0;
};

// One file's text; `file` names it in messages and gives the expected area (its stem).
void load_fixture_text(std::string_view text, const std::string& file, LoadResult& result);

// Every *.json in `directory`, sorted by name; ids must be unique across them all.
LoadResult load_fixture_directory(const std::string& directory);

// A whole set of paths, each a directory (its *.json) or one file.
LoadResult load_fixtures(const std::vector<std::string>& paths);

} // namespace ssespec
