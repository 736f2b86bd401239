#include "expectations.h"

#include "json_text.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ssespec {

Expectations parse_expectations(std::string_view text, const std::string& file, Expectations& into) {
  using nlohmann::json;
  std::string parse_error;
  const std::optional<json> parsed = parse_json_text(text, parse_error);
  if (!parsed) {
    into.errors.push_back(file + ": not valid JSON: " + parse_error);
    return into;
  }
  const json& document = *parsed;
  if (!document.is_object()) {
    into.errors.push_back(file + ": not a JSON object");
    return into;
  }
  if (!document.contains("implementation") || !document["implementation"].is_string()) {
    into.errors.push_back(file + ": implementation: must be the implementation's name (a string)");
    return into;
  }
  if (!document.contains("failures") || !document["failures"].is_array()) {
    into.errors.push_back(file + ": failures: must be an array of case ids or {\"id\", \"reason\"} objects");
    return into;
  }
  const std::string name = document["implementation"].get<std::string>();
  if (into.known_failures.count(name)) {
    into.errors.push_back(file + ": implementation: \"" + name + "\" already has an expectation file");
    return into;
  }
  auto& known = into.known_failures[name];
  const json& failures = document["failures"];
  for (std::size_t i = 0; i < failures.size(); ++i) {
    const json& entry = failures[i];
    const std::string where = file + ": failures[" + std::to_string(i) + "]";
    std::string id, reason;
    if (entry.is_string()) {
      id = entry.get<std::string>();
    } else if (entry.is_object() && entry.contains("id") && entry["id"].is_string() &&
               (!entry.contains("reason") || entry["reason"].is_string())) {
      id = entry["id"].get<std::string>();
      reason = entry.value("reason", "");
    } else {
      into.errors.push_back(where + ": must be a case id or {\"id\": ..., \"reason\": ...}");
      continue;
    }
    if (!known.emplace(id, reason).second) into.errors.push_back(where + ": \"" + id + "\" is listed twice");
  }
  return into;
}

Expectations load_expectations(const std::string& directory) {
  Expectations expectations;
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    expectations.errors.push_back(directory + ": not a directory");
    return expectations;
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    parse_expectations(text.str(), file, expectations);
  }
  return expectations;
}

ExpectationCheck check_expectations(const RunReport& report, const Expectations& expectations) {
  ExpectationCheck check;
  std::set<std::string> ids;
  for (const auto& spec : report.cases)
    ids.insert(spec->id);
  for (const ImplementationReport& implementation : report.implementations) {
    const auto listed = expectations.known_failures.find(implementation.name);
    static const std::map<std::string, std::string> none;
    const auto& known = listed == expectations.known_failures.end() ? none : listed->second;
    for (const CaseResult& result : implementation.cases) {
      const auto entry = known.find(result.spec->id);
      ExpectationFinding finding{implementation.name, result.spec->id,
                                 entry == known.end() ? "" : entry->second, result.grade};
      if (is_failing(result.grade)) {
        (entry == known.end() ? check.unexpected_failures : check.known_failures)
            .push_back(std::move(finding));
      } else if (result.grade == Grade::ok && entry != known.end()) {
        check.unexpected_passes.push_back(std::move(finding));
      }
    }
    for (const auto& [id, reason] : known) {
      if (!ids.count(id)) check.stale.push_back({implementation.name, id, reason, Grade::not_run});
    }
  }
  return check;
}

std::string expectations_file_for(const ImplementationReport& implementation) {
  nlohmann::json failures = nlohmann::json::array();
  for (const CaseResult& result : implementation.cases) {
    if (!is_failing(result.grade)) continue;
    const std::string reason = result.failures.empty() ? "" : result.failures.front().message;
    failures.push_back({{"id", result.spec->id}, {"reason", reason.substr(0, 200)}});
  }
  nlohmann::json document = {{"implementation", implementation.name}, {"failures", std::move(failures)}};
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace ssespec
