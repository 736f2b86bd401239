#include "fixtures.h"

#include "dispatch_points.h"
#include "json_text.h"
#include "text_value.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace ssespec {

std::string_view level_name(Level level) {
  switch (level) {
  case Level::must:
    return "must";
  case Level::should:
    return "should";
  case Level::implementation_defined:
    return "implementation-defined";
  }
  return "?";
}

std::optional<Level> parse_level(std::string_view name) {
  if (name == "must") return Level::must;
  if (name == "should") return Level::should;
  if (name == "implementation-defined") return Level::implementation_defined;
  return std::nullopt;
}

namespace {

using nlohmann::json;

const std::regex& name_pattern() {
  static const std::regex pattern("[a-z0-9]+(-[a-z0-9]+)*");
  return pattern;
}

const char* kind_of(const json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number()) return "a number";
  return "null";
}

// Collects errors for one file, each prefixed with the file and (once known) the case.
class Checker {
public:
  Checker(const std::string& file, std::vector<std::string>& errors) : file_(file), errors_(errors) {}

  void set_case(std::string label) { case_ = std::move(label); }
  void error(const std::string& field, const std::string& message) {
    std::string line = file_;
    if (!case_.empty()) line += ": case " + case_;
    if (!field.empty()) line += ": " + field;
    errors_.push_back(line + ": " + message);
  }
  std::size_t error_count() const { return errors_.size(); }

  // Unknown members are errors: a misspelt "expected" must not silently check nothing.
  void only_known(const json& object, const std::string& where, std::initializer_list<const char*> known) {
    for (const auto& item : object.items()) {
      const std::string& key = item.key(); // a named variable: clang 14 cannot capture a structured binding
      if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
        error(where.empty() ? key : where + "." + key, "unknown field");
      }
    }
  }

  const json* member(const json& object, const char* key, const std::string& where, bool required) {
    const auto it = object.find(key);
    if (it == object.end()) {
      if (required) error(join(where, key), "missing");
      return nullptr;
    }
    return &*it;
  }

  std::optional<std::string> string_member(const json& object, const char* key, const std::string& where,
                                           bool required = true) {
    const json* value = member(object, key, where, required);
    if (!value) return std::nullopt;
    if (!value->is_string()) {
      error(join(where, key), std::string("must be a string, not ") + kind_of(*value));
      return std::nullopt;
    }
    return value->get<std::string>();
  }

  std::optional<std::string> text_value(const json& value, const std::string& field, bool allow_bytes) {
    DecodedText decoded = decode_text_value(value, allow_bytes);
    for (const TextValueProblem& problem : decoded.problems)
      error(field + problem.where, problem.message);
    return std::move(decoded.bytes);
  }

  std::optional<Outcome> outcome(const json& value, const std::string& where) {
    if (!value.is_object()) {
      error(where, std::string("must be an object, not ") + kind_of(value));
      return std::nullopt;
    }
    only_known(value, where, {"events", "retry", "comments"});
    const std::size_t before = error_count();
    Outcome result;
    if (const json* events = member(value, "events", where, true)) {
      if (!events->is_array()) {
        error(where + ".events", "must be an array");
      } else {
        for (std::size_t i = 0; i < events->size(); ++i) {
          const json& entry = (*events)[i];
          const std::string at = where + ".events[" + std::to_string(i) + "]";
          if (!entry.is_object()) {
            error(at, std::string("must be an object, not ") + kind_of(entry));
            continue;
          }
          only_known(entry, at, {"type", "data", "lastEventId"});
          ExpectedEvent event;
          const std::optional<std::string> type = required_text(entry, "type", at);
          const std::optional<std::string> data = required_text(entry, "data", at);
          const std::optional<std::string> id = required_text(entry, "lastEventId", at);
          if (type && data && id) result.events.push_back({*type, *data, *id});
        }
      }
    }
    if (const json* retry = member(value, "retry", where, true)) {
      if (!retry->is_array()) {
        error(where + ".retry", "must be an array");
      } else {
        for (std::size_t i = 0; i < retry->size(); ++i) {
          if (!(*retry)[i].is_number_unsigned()) {
            error(where + ".retry[" + std::to_string(i) + "]", "must be a non-negative integer");
            continue;
          }
          result.retry.push_back((*retry)[i].get<std::uint64_t>());
        }
      }
    }
    if (const json* comments = member(value, "comments", where, false)) {
      if (!comments->is_array()) {
        error(where + ".comments", "must be an array");
      } else {
        result.comments.emplace();
        for (std::size_t i = 0; i < comments->size(); ++i) {
          std::optional<std::string> text =
              text_value((*comments)[i], where + ".comments[" + std::to_string(i) + "]", false);
          if (text) result.comments->push_back(std::move(*text));
        }
      }
    }
    if (error_count() != before) return std::nullopt;
    return result;
  }

private:
  static std::string join(const std::string& where, const char* key) {
    return where.empty() ? key : where + "." + key;
  }

  std::optional<std::string> required_text(const json& object, const char* key, const std::string& where) {
    const json* value = member(object, key, where, true);
    if (!value) return std::nullopt;
    return text_value(*value, where + "." + key, false);
  }

  const std::string& file_;
  std::vector<std::string>& errors_;
  std::string case_;
};

const std::vector<std::string>& known_capabilities() {
  static const std::vector<std::string> known = {"retry", "comments", "last-event-id"};
  return known;
}

void load_case(const json& entry, std::size_t index, const std::string& area, Checker& check,
               std::vector<SpecCase>& out) {
  const std::string position = "cases[" + std::to_string(index) + "]";
  check.set_case(position);
  if (!entry.is_object()) {
    check.error("", std::string("must be an object, not ") + kind_of(entry));
    return;
  }
  const std::optional<std::string> id = check.string_member(entry, "id", "");
  if (id) check.set_case("\"" + *id + "\" (" + position + ")");
  const std::size_t before = check.error_count();
  check.only_known(entry, "",
                   {"id", "description", "rule", "level", "input", "line_endings", "requires", "expect",
                    "acceptable", "notes"});
  SpecCase spec;
  spec.area = area;
  if (id) {
    const std::size_t slash = id->find('/');
    if (slash == std::string::npos || id->substr(0, slash) != area) {
      check.error("id", "must start with the file's area \"" + area + "/\"");
    } else if (!std::regex_match(id->substr(slash + 1), name_pattern())) {
      check.error("id", "the name after \"" + area + "/\" must be lower-case words joined by '-'");
    }
    spec.id = *id;
  }
  if (auto description = check.string_member(entry, "description", "")) spec.description = *description;
  if (const json* rule = check.member(entry, "rule", "", true)) {
    if (!rule->is_object()) {
      check.error("rule", "must be an object with \"anchor\" and \"quote\"");
    } else {
      check.only_known(*rule, "rule", {"anchor", "quote"});
      if (auto anchor = check.string_member(*rule, "anchor", "rule")) spec.rule_anchor = *anchor;
      if (auto quote = check.string_member(*rule, "quote", "rule")) spec.rule_quote = *quote;
    }
  }
  if (auto level = check.string_member(entry, "level", "")) {
    if (auto parsed = parse_level(*level)) {
      spec.level = *parsed;
    } else {
      check.error("level", "\"" + *level + "\" is not one of must, should, implementation-defined");
    }
  }
  if (const json* input = check.member(entry, "input", "", true)) {
    if (auto bytes = check.text_value(*input, "input", true)) spec.input = std::move(*bytes);
  }
  if (auto endings = check.string_member(entry, "line_endings", "")) {
    if (*endings == "any") {
      spec.any_line_endings = true;
      if (spec.input.find('\r') != std::string::npos) {
        check.error("line_endings", "\"any\" needs an input with LF line endings only, but it holds a CR");
      }
    } else if (*endings != "fixed") {
      check.error("line_endings", "\"" + *endings + "\" is not one of any, fixed");
    }
  }
  if (const json* requires_caps = check.member(entry, "requires", "", false)) {
    if (!requires_caps->is_array()) {
      check.error("requires", "must be an array of capability names");
    } else {
      for (std::size_t i = 0; i < requires_caps->size(); ++i) {
        const json& capability = (*requires_caps)[i];
        const auto& known = known_capabilities();
        if (!capability.is_string() ||
            std::find(known.begin(), known.end(), capability.get<std::string>()) == known.end()) {
          check.error("requires[" + std::to_string(i) + "]", "must be one of retry, comments, last-event-id");
          continue;
        }
        spec.requires_caps.push_back(capability.get<std::string>());
      }
    }
  }
  if (const json* expect = check.member(entry, "expect", "", true)) {
    if (auto outcome = check.outcome(*expect, "expect")) spec.expect = std::move(*outcome);
  }
  if (const json* acceptable = check.member(entry, "acceptable", "", false)) {
    if (!acceptable->is_array()) {
      check.error("acceptable", "must be an array of outcomes");
    } else {
      for (std::size_t i = 0; i < acceptable->size(); ++i) {
        if (auto outcome = check.outcome((*acceptable)[i], "acceptable[" + std::to_string(i) + "]")) {
          spec.acceptable.push_back(std::move(*outcome));
        }
      }
    }
  }
  if (auto notes = check.string_member(entry, "notes", "", false)) spec.notes = *notes;
  if (check.error_count() == before) {
    // The timing check rests on this scan; a case it disagrees with is wrong somewhere, and says so now.
    const std::size_t points = dispatch_points(spec.input).size();
    if (points != spec.expect.events.size()) {
      check.error("expect.events",
                  "lists " + std::to_string(spec.expect.events.size()) + " event(s), but the input has " +
                      std::to_string(points) +
                      " blank line(s) that dispatch one (docs/chunking.md, dispatch points)");
    }
  }
  if (check.error_count() == before && id) out.push_back(std::move(spec));
}

std::string stem_of(const std::string& file) {
  return std::filesystem::path(file).stem().string();
}

void check_unique_ids(LoadResult& result, std::size_t first_new) {
  std::map<std::string, const SpecCase*> seen;
  for (std::size_t i = 0; i < result.cases.size(); ++i) {
    const SpecCase& spec = result.cases[i];
    auto [it, inserted] = seen.emplace(spec.id, &spec);
    if (!inserted && i >= first_new) {
      result.errors.push_back(spec.file + ": case \"" + spec.id + "\": id: also used in " + it->second->file);
    }
  }
}

void load_file(const std::string& path, LoadResult& result) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    result.errors.push_back(path + ": cannot read: " + ec.message());
    return;
  }
  if (size > kMaxFixtureFileBytes) {
    result.errors.push_back(path + ": larger than " + std::to_string(kMaxFixtureFileBytes) +
                            " bytes (use repeat parts for long inputs)");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    result.errors.push_back(path + ": cannot read");
    return;
  }
  load_fixture_text(text.str(), path, result);
}

} // namespace

void load_fixture_text(std::string_view text, const std::string& file, LoadResult& result) {
  ++result.files;
  Checker check(file, result.errors);
  std::string parse_error;
  const std::optional<json> parsed = parse_json_text(text, parse_error);
  if (!parsed) {
    check.error("", "not valid JSON: " + parse_error);
    return;
  }
  const json& document = *parsed;
  if (!document.is_object()) {
    check.error("", "must be an object with \"area\", \"description\" and \"cases\"");
    return;
  }
  check.only_known(document, "", {"area", "description", "cases"});
  const std::string expected_area = stem_of(file);
  std::string area = expected_area;
  if (auto declared = check.string_member(document, "area", "")) {
    if (*declared != expected_area) {
      check.error("area",
                  "\"" + *declared + "\" must equal the file name without .json (\"" + expected_area + "\")");
    }
  }
  if (!std::regex_match(expected_area, name_pattern())) {
    check.error("", "the file name must be lower-case words joined by '-', then .json");
  }
  check.string_member(document, "description", "");
  const json* cases = check.member(document, "cases", "", true);
  if (!cases) return;
  if (!cases->is_array()) {
    check.error("cases", "must be an array");
    return;
  }
  const std::size_t first_new = result.cases.size();
  for (std::size_t i = 0; i < cases->size(); ++i) {
    const std::size_t before = result.cases.size();
    load_case((*cases)[i], i, area, check, result.cases);
    if (result.cases.size() > before) result.cases.back().file = file;
  }
  check_unique_ids(result, first_new);
}

LoadResult load_fixture_directory(const std::string& directory) {
  return load_fixtures({directory});
}

LoadResult load_fixtures(const std::vector<std::string>& paths) {
  LoadResult result;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
      load_file(path, result);
      continue;
    }
    if (!std::filesystem::is_directory(path, ec)) {
      result.errors.push_back(path + ": no such file or directory");
      continue;
    }
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      if (entry.path().extension() == ".json" && entry.is_regular_file())
        files.push_back(entry.path().string());
    }
    if (ec) {
      result.errors.push_back(path + ": cannot list: " + ec.message());
      continue;
    }
    if (files.empty()) {
      result.errors.push_back(path + ": holds no *.json fixture files");
      continue;
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files)
      load_file(file, result);
  }
  return result;
}

} // namespace ssespec
