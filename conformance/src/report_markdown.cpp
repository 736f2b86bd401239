// The Markdown summary: implementations x areas, passed / run by level; for a README or a PR comment.
#include "report_console.h"
#include "reports.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace ssespec {
namespace {

std::string ratio(std::size_t passed, std::size_t run) {
  return run == 0 ? "-" : std::to_string(passed) + "/" + std::to_string(run);
}

} // namespace

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string report_markdown(const RunReport& report) {
  // The areas in corpus order, the client scenarios' area last: the matrix's columns.
  std::vector<std::string> areas;
  for (const auto& spec : report.cases) {
    if (std::find(areas.begin(), areas.end(), spec->area) == areas.end()) areas.push_back(spec->area);
  }
  std::stable_partition(areas.begin(), areas.end(),
                        [](const std::string& area) { return area != "clients"; });
  const bool has_clients = !areas.empty() && areas.back() == "clients";

  std::ostringstream out;
  out << "# ssespec results\n\n"
      << report.cases.size() << " cases, seed " << report.settings.expansion.seed
      << (report.interrupted ? ", **interrupted**" : "") << ".\n\n"
      << "## Must-level cases passed, by area\n\n"
      << "Each cell: must-level cases passed/run in that area (`-`: none run there)"
      << (has_clients ? "; `clients` is the client level (whole clients against the mock server), the "
                        "other areas the parser level"
                      : "")
      << ". Cases skipped for want of a capability are not counted.\n\n";
  out << "| implementation |";
  for (const std::string& area : areas)
    out << ' ' << markdown_cell(area) << " |";
  out << "\n| --- |";
  for (std::size_t i = 0; i < areas.size(); ++i)
    out << " --- |";
  out << '\n';
  const auto must = static_cast<std::size_t>(Level::must);
  for (const ImplementationReport& implementation : report.implementations) {
    out << "| " << markdown_cell(implementation.name) << " |";
    if (!implementation.hello) {
      out << " (could not start) |";
      for (std::size_t i = 1; i < areas.size(); ++i)
        out << " |";
      out << '\n';
      continue;
    }
    const std::vector<AreaSummary> summaries = summarize_areas(implementation);
    for (const std::string& area : areas) {
      std::size_t passed = 0, run = 0;
      for (const AreaSummary& summary : summaries) {
        if (summary.area != area) continue;
        passed += summary.passed[must];
        run += summary.run[must];
      }
      out << ' ' << ratio(passed, run) << " |";
    }
    out << '\n';
  }

  out << "\n## By level\n\n"
      << "Passed/run for must · should · implementation-defined cases, and the cases skipped for want "
         "of a capability"
      << (has_clients ? ", at parser level and at client level" : "") << ".\n\n";
  out << "| implementation | must | should | impl-def | skipped |";
  if (has_clients) out << " client must | client should | client skipped |";
  out << "\n| --- | --- | --- | --- | --- |" << (has_clients ? " --- | --- | --- |" : "") << '\n';
  for (const ImplementationReport& implementation : report.implementations) {
    out << "| " << markdown_cell(implementation.name) << " |";
    std::size_t passed[2][3] = {}, run[2][3] = {}, skipped[2] = {};
    for (const AreaSummary& area : summarize_areas(implementation)) {
      const std::size_t side = area.area == "clients" ? 1 : 0;
      for (std::size_t level = 0; level < 3; ++level) {
        passed[side][level] += area.passed[level];
        run[side][level] += area.run[level];
      }
      skipped[side] += area.skipped;
    }
    for (std::size_t level = 0; level < 3; ++level)
      out << ' ' << ratio(passed[0][level], run[0][level]) << " |";
    out << ' ' << skipped[0] << " |";
    if (has_clients) {
      out << ' ' << ratio(passed[1][0], run[1][0]) << " | " << ratio(passed[1][1], run[1][1]) << " | "
          << skipped[1] << " |";
    }
    out << '\n';
  }
  // This table shows no failure itself; the other reports show some only in part (FailureLimits).
  std::size_t in_part = 0;
  for (const ImplementationReport& implementation : report.implementations) {
    for (const CaseResult& result : implementation.cases) {
      for (const VariantOutcome& failure : result.failures)
        in_part += failure.kept_in_part() ? 1 : 0;
    }
  }
  if (in_part > 0) {
    out << "\n"
        << in_part << " kept failing run(s) are too large to keep whole: the other reports show the "
        << "first " << report.settings.failure_limits.input_bytes << " bytes of their input (and say so); "
        << "`ssespec repro CASE` runs a case whole.\n";
  }
  return out.str();
}

bool write_markdown_report(const RunReport& report, const std::string& path, std::string& error) {
  return write_file_atomically(path, report_markdown(report), error);
}

} // namespace ssespec
