// What a run found: per implementation, per case, the verdict and enough about the smallest failing
// variants (input, chunking, expected, actual, stderr) to reproduce them. Reports render this, and
// it round-trips through the JSON report (`ssespec report` renders from that file).
#pragma once

#include "adapter_protocol.h"
#include "expansion.h"
#include "fixtures.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ssespec {

enum class Verdict { pass, fail, error, skip, not_run };
std::string_view verdict_name(Verdict verdict); // "pass", "fail", "error", "skip", "not-run"
std::optional<Verdict> parse_verdict(std::string_view name);

// How a case's verdict weighs, from its level: a must-level failure fails the run; a should-level
// one only under --strict; an implementation-defined mismatch is informational. An implementation
// that crashes, hangs or garbles on a case is an error whatever the level.
enum class Grade { ok, failed, warning, informational, errored, skipped, not_run };
std::string_view grade_name(Grade grade); // "OK", "FAIL", "WARN", "INFO", "ERROR", "SKIP", "NOT-RUN"
std::optional<Grade> parse_grade(std::string_view name);
// The grade of a case's verdict at its level: a failure is FAIL at must, WARN at should (FAIL under
// --strict), INFO where the spec leaves a choice. Parser-level and client-level results both use it.
Grade grade_for(Verdict verdict, Level level, bool strict);
inline constexpr Grade kAllGrades[] = {Grade::ok,      Grade::failed,  Grade::warning, Grade::informational,
                                       Grade::errored, Grade::skipped, Grade::not_run};
// Grades that fail a run: FAIL and ERROR (NOT-RUN fails it too, through `interrupted`/`abandoned`).
inline bool is_failing(Grade grade) {
  return grade == Grade::failed || grade == Grade::errored;
}

struct VariantOutcome {
  std::string variant; // "crlf/at:7"
  Verdict verdict = Verdict::pass;
  std::string message;           // the first difference, or how the implementation failed
  std::string input;             // the bytes as sent ...
  std::vector<std::size_t> cuts; // ... and where they were cut
  std::optional<protocol::Response> actual;
  std::string diagnostics; // the adapter's stderr meanwhile
};

struct CaseResult {
  std::shared_ptr<const SpecCase> spec;
  Verdict verdict = Verdict::not_run;
  Grade grade = Grade::not_run;
  std::size_t variants = 0; // how many ran
  std::size_t failed = 0;
  std::size_t errored = 0;
  std::size_t not_run = 0; // left out after the implementation hung, or the run stopped
  std::string matched;     // the outcome passing variants matched: "expect", "acceptable[1]"
  std::string skip_reason;
  std::vector<VariantOutcome> failures; // the smallest failing chunkings first (fewest chunks, then cuts)
};

struct ImplementationReport {
  std::string name;   // from implementations.json, else the hello's name
  std::string origin; // "builtin reference" or the adapter command
  std::optional<protocol::Hello> hello;
  std::vector<std::string> capabilities; // judged on: the hello's, or the configured override
  std::string start_error;
  std::vector<CaseResult> cases; // one per selected case, in order
  std::size_t variants_run = 0;
  std::chrono::milliseconds duration{0};
  std::string abandoned; // why part of the suite was not run, when it was not
  bool interrupted = false;

  std::size_t count(Grade grade) const;
};

struct RunSettings {
  ExpansionOptions expansion;
  bool strict = false;           // should-level failures fail the run too
  bool check_timing = true;      // events must come out in the chunk that completes their blank line
  std::size_t failures_kept = 5; // failing variants kept per case, the smallest
  std::size_t max_timeouts = 10; // timeouts before an implementation is given up on
  std::size_t jobs = 2;          // cases run in parallel per implementation (one adapter process each)
};

struct RunReport {
  RunSettings settings;
  std::vector<std::string> corpus; // the fixture paths
  std::size_t fixture_files = 0;
  std::vector<std::shared_ptr<const SpecCase>> cases; // the selected cases, in order
  std::vector<ImplementationReport> implementations;
  std::string started_at; // UTC, ISO 8601
  bool interrupted = false;
};

// 130 when interrupted; else 0 when every must-level case (and under strict every should-level
// one) passed for every implementation, 1 otherwise, also when an implementation could not start.
int exit_code_for(const RunReport& report);

// The JSON report and back. from_json names what is wrong with a file that is not one.
inline constexpr int kJsonReportFormat = 1;
nlohmann::json to_json(const RunReport& report);
std::optional<RunReport> run_report_from_json(const nlohmann::json& json, std::string& error);

} // namespace ssespec
