// The Markdown summary: implementations x areas, passed / run by level; for a README or a PR comment.
#include "report_console.h"
#include "reports.h"

#include <sstream>

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
  std::ostringstream out;
  out << "# ssespec results\n\n"
      << report.cases.size() << " cases, started " << report.started_at << ", seed "
      << report.settings.expansion.seed << (report.interrupted ? ", **interrupted**" : "")
      << ". Each cell: passed/run "
      << "for must · should · implementation-defined; skipped cases lack a capability.\n\n";
  out << "| implementation | area | must | should | impl-def | skipped |\n| --- | --- | --- | --- | --- | "
         "--- |\n";
  for (const ImplementationReport& implementation : report.implementations) {
    if (!implementation.hello) {
      out << "| " << markdown_cell(implementation.name) << " | (could not start) | | | | |\n";
      continue;
    }
    std::size_t passed[3] = {0, 0, 0}, run[3] = {0, 0, 0}, skipped = 0;
    for (const AreaSummary& area : summarize_areas(implementation)) {
      out << "| " << markdown_cell(implementation.name) << " | " << markdown_cell(area.area);
      for (std::size_t level = 0; level < 3; ++level) {
        out << " | " << ratio(area.passed[level], area.run[level]);
        passed[level] += area.passed[level];
        run[level] += area.run[level];
      }
      out << " | " << area.skipped << " |\n";
      skipped += area.skipped;
    }
    out << "| **" << markdown_cell(implementation.name) << "** | **all**";
    for (std::size_t level = 0; level < 3; ++level)
      out << " | **" << ratio(passed[level], run[level]) << "**";
    out << " | **" << skipped << "** |\n";
  }
  return out.str();
}

bool write_markdown_report(const RunReport& report, const std::string& path, std::string& error) {
  return write_file_atomically(path, report_markdown(report), error);
}

} // namespace ssespec
