// The files a run can leave behind: JSON (everything, for tools; results.h), JUnit XML (for CI), an HTML
// matrix and a Markdown summary (for people). docs/reports.md describes each.
#pragma once

#include "results.h"

#include <string>
#include <string_view>

namespace ssespec {

std::string report_junit(const RunReport& report);
std::string report_html(const RunReport& report);
// Implementations x areas: passed / run, by level.
std::string report_markdown(const RunReport& report);
// Text made safe for one Markdown table cell: '|' escaped, line breaks turned into spaces.
std::string markdown_cell(std::string_view text);

// Each writes the whole file or nothing (a temporary file renamed into place); on failure `error`
// names the path and the reason.
bool write_json_report(const RunReport& report, const std::string& path, std::string& error);
bool write_junit_report(const RunReport& report, const std::string& path, std::string& error);
bool write_html_report(const RunReport& report, const std::string& path, std::string& error);
bool write_markdown_report(const RunReport& report, const std::string& path, std::string& error);

// Writes `text` to `path` through a temporary file beside it.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error);

} // namespace ssespec
