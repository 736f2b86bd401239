// Expectation files, as browsers keep for web-platform-tests: conformance/expectations/<impl>.json
// lists the cases an implementation is known to fail, so that its CI can gate on changes rather than
// on perfection. With them a run passes when the results match: an unexpected failure or an
// unexpected pass fails it. docs/testing-your-implementation.md describes the file.
#pragma once

#include "results.h"

#include <map>
#include <string>
#include <vector>

namespace ssespec {

// implementation name -> case id -> reason (may be empty)
struct Expectations {
  std::map<std::string, std::map<std::string, std::string>> known_failures;
  std::vector<std::string> errors; // "FILE: failures[3]: ..."
};

Expectations parse_expectations(std::string_view text, const std::string& file, Expectations& into);
// Every *.json in `directory`; each file's "implementation" names whose known failures it lists.
Expectations load_expectations(const std::string& directory);

struct ExpectationFinding {
  std::string implementation;
  std::string id;
  std::string reason; // the file's, for known failures and unexpected passes
  Grade grade = Grade::ok;
};

struct ExpectationCheck {
  std::vector<ExpectationFinding> unexpected_failures; // FAIL or ERROR, not listed
  std::vector<ExpectationFinding> unexpected_passes;   // listed, but OK now
  std::vector<ExpectationFinding> known_failures;      // listed and still failing
  std::vector<ExpectationFinding> stale;               // listed ids that are not in the run's cases
  bool matches() const { return unexpected_failures.empty() && unexpected_passes.empty(); }
};

ExpectationCheck check_expectations(const RunReport& report, const Expectations& expectations);

// The expectation file that makes `implementation`'s current failures expected.
std::string expectations_file_for(const ImplementationReport& implementation);

} // namespace ssespec
