// What a run found: per implementation, per case, the verdict and enough about the smallest failing
// variants (input, chunking, expected, actual, stderr) to show and name them, within FailureLimits;
// `ssespec repro` runs one again whole. Reports render this, and it round-trips through the JSON
// report (`ssespec report` renders from that file).
#pragma once

#include "adapter_protocol.h"
#include "expansion.h"
#include "fixtures.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
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

// What a kept failing run stores at most, so that a report, and the run's memory, stay small however
// large the case (the corpus has inputs of megabytes, run one byte per chunk): `ssespec repro` runs
// the case again for the whole of it. What is cut keeps its full size beside it (VariantOutcome), and
// every report says "first 4096 of 8388608 bytes" rather than cutting silently.
struct FailureLimits {
  std::size_t input_bytes = 4096; // the start of the input, with only the cuts inside it
  std::size_t events = 64; // the first events of the actual response; its first retry values and comments
  std::size_t text_bytes = 4096;    // the start of each event's type, data and id, each comment, the error
  std::size_t message_bytes = 4096; // the start of the message
  std::size_t stderr_bytes = 4096;  // the end of the stderr, like the adapter's own cap: the latest words
  // No limit: `ssespec repro` serves the input it keeps, so it keeps all of it.
  static FailureLimits none();
};

// A text of the actual response kept only in part: which one ("events[3].data", "comments[0]",
// "error"), the bytes kept and its full size.
struct CutText {
  std::string field;
  std::size_t kept = 0;
  std::size_t bytes = 0;
};

struct VariantOutcome {
  std::string variant; // "crlf/at:7"
  Verdict verdict = Verdict::pass;
  std::string message;           // the first difference, or how the implementation failed
  std::string input;             // the bytes as sent ...
  std::vector<std::size_t> cuts; // ... and where they were cut
  std::optional<protocol::Response> actual;
  std::string diagnostics; // the adapter's stderr meanwhile

  // The full sizes of what is kept only in part (FailureLimits). A size below what is kept (0, as in
  // a report written before there were limits) means all of it is kept.
  std::size_t input_bytes = 0;
  std::size_t cuts_total = 0;
  std::size_t message_bytes = 0;
  std::size_t stderr_bytes = 0;
  std::size_t events_total = 0; // of `actual`
  std::size_t retry_total = 0;
  std::size_t comments_total = 0;
  std::vector<CutText> actual_cut = {}; // the texts of `actual` kept only in part

  // The full sizes, whether recorded or not.
  std::size_t full_input_bytes() const { return std::max(input_bytes, input.size()); }
  std::size_t full_cuts() const { return std::max(cuts_total, cuts.size()); }
  // Whether anything is kept only in part.
  bool kept_in_part() const;
};

// Stores the failing run of `input` cut at `cuts` into `outcome`, and cuts what `outcome` already
// holds (message, actual, diagnostics) to `limits`, recording the full sizes. Texts are cut on a
// UTF-8 character boundary where they have one; the input's bytes are cut exactly.
void keep_failure(VariantOutcome& outcome, std::string_view input, const std::vector<std::size_t>& cuts,
                  const FailureLimits& limits);
// How many of `cuts` (sorted) a failure of `input_size` bytes keeps under `limits`.
std::size_t kept_cut_count(const std::vector<std::size_t>& cuts, std::size_t input_size,
                           const FailureLimits& limits);

// For the reports. "" when all is kept, else "first 4096 of 8388608 bytes" (`which` "last" for the
// stderr).
std::string part_of(std::size_t kept, std::size_t total, std::string_view unit,
                    std::string_view which = "first");
// The chunking from the full counts: "whole, 1 chunk", "1 byte per chunk, 8388608 chunks",
// "cut at 3, 9 (3 chunks)", "cut at 3, 9, ... (1200 chunks)", "2 chunks, cut past the bytes kept".
std::string describe_chunking(const VariantOutcome& failure);
// "" when the failure is kept whole, else one line naming each part and its full size, and how to see
// all of it: "kept in part: input first 4096 of 8388608 bytes, 4095 of its 8388607 cuts inside them;
// ...; `ssespec repro CASE` (with --impl or --adapter) runs it whole".
std::string kept_in_part_note(const VariantOutcome& failure, std::string_view case_id);

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
  FailureLimits failure_limits;  // what each kept failing variant stores at most
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
