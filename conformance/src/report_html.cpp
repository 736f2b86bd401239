// The HTML matrix: cases down, implementations across, one coloured cell each; every failing cell
// links to its details (input, chunking, expected, actual, stderr). One self-contained file.
#include "compare.h"
#include "report_console.h"
#include "reports.h"

#include <algorithm>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ssespec {
namespace {

constexpr const char* kSpecBase = "https://html.spec.whatwg.org/multipage/server-sent-events.html#";

constexpr const char* kStyle = R"(body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th.impl{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
td.g{text-align:center;font-weight:600}td.g a{color:inherit;text-decoration:none}
.OK{background:#c8efc8}.FAIL{background:#f4b0b0}.WARN{background:#fbe3a0}.INFO{background:#cfe0f7}
.ERROR{background:#d9a0e0}.SKIP{background:#e6e6e6;color:#777}.NA{background:#fff;color:#bbb}.area td{background:#f3f3f3;font-weight:600}
pre{background:#f7f7f7;border:1px solid #ddd;padding:6px;white-space:pre-wrap;word-break:break-all;margin:4px 0}
.detail{border-top:2px solid #ccc;margin-top:1.2em;padding-top:.4em}code{font-size:12px}
.totals td{text-align:right}summary{cursor:pointer;margin:4px 0}.part{color:#8a5a00;font-style:italic})";

std::string anchor_for(std::size_t implementation, const std::string& id) {
  std::string out = "d" + std::to_string(implementation) + "-";
  for (const char c : id)
    out += (c == '/' ? '_' : c);
  return out;
}

void write_outcome(std::ostream& out, const Outcome& outcome) {
  out << "<pre>";
  // As many expected events as a kept failure keeps actual ones: a case of thousands of events
  // would otherwise repeat them in every failing cell of the matrix.
  const std::size_t shown = std::min(outcome.events.size(), FailureLimits{}.events);
  for (std::size_t i = 0; i < shown; ++i) {
    const ExpectedEvent& event = outcome.events[i];
    out << "event type=" << markup_escape(quote(event.type, 200))
        << " data=" << markup_escape(quote(event.data, 400))
        << " lastEventId=" << markup_escape(quote(event.last_event_id, 200)) << '\n';
  }
  if (shown < outcome.events.size()) {
    out << "(the first " << shown << " of " << outcome.events.size()
        << " events; the case file has them all)\n";
  }
  if (outcome.events.empty()) out << "(no events)\n";
  out << "retry [";
  for (std::size_t i = 0; i < outcome.retry.size(); ++i)
    out << (i ? ", " : "") << outcome.retry[i];
  out << "]";
  if (outcome.comments) {
    out << "\ncomments";
    for (const std::string& comment : *outcome.comments)
      out << ' ' << markup_escape(quote(comment, 200));
  }
  out << "</pre>";
}

void write_response(std::ostream& out, const protocol::Response& response) {
  out << "<pre>";
  if (response.error) out << "error " << markup_escape(quote(*response.error, 400)) << '\n';
  for (const protocol::ObservedEvent& event : response.events) {
    out << "event type=" << markup_escape(quote(event.type, 200))
        << " data=" << markup_escape(quote(event.data, 400))
        << " lastEventId=" << markup_escape(quote(event.last_event_id, 200));
    if (event.chunk) out << " chunk=" << *event.chunk;
    out << '\n';
  }
  if (response.events.empty() && !response.error) out << "(no events)\n";
  out << "retry [";
  for (std::size_t i = 0; i < response.retry.size(); ++i)
    out << (i ? ", " : "") << response.retry[i];
  out << "]";
  if (response.comments) {
    out << "\ncomments";
    for (const std::string& comment : *response.comments)
      out << ' ' << markup_escape(quote(comment, 200));
  }
  out << "</pre>";
}

void write_details(std::ostream& out, std::size_t index, const ImplementationReport& implementation,
                   const CaseResult& result) {
  const SpecCase& spec = *result.spec;
  out << "<div class=\"detail\" id=\"" << anchor_for(index, spec.id) << "\"><h3><span class=\""
      << grade_name(result.grade) << "\">" << grade_name(result.grade) << "</span> " << markup_escape(spec.id)
      << " &middot; " << markup_escape(implementation.name) << "</h3>\n<p>" << markup_escape(spec.description)
      << " <em>(" << level_name(spec.level) << ")</em></p>\n<blockquote><a href=\"" << kSpecBase
      << markup_escape(spec.rule_anchor) << "\">" << markup_escape(spec.rule_anchor)
      << "</a>: " << markup_escape(spec.rule_quote) << "</blockquote>\n<p>" << result.failed + result.errored
      << " of " << result.variants << " variants failed";
  if (result.not_run > 0) out << ", " << result.not_run << " not run";
  out << ".</p>\n<p>Expected:</p>";
  write_outcome(out, spec.expect);
  for (std::size_t i = 0; i < spec.acceptable.size(); ++i) {
    out << "<p>Also acceptable [" << i << "]:</p>";
    write_outcome(out, spec.acceptable[i]);
  }
  for (std::size_t i = 0; i < result.failures.size(); ++i) {
    const VariantOutcome& failure = result.failures[i];
    // The smallest failing run is open; the others expand on a click.
    out << "<details" << (i == 0 ? " open" : "") << "><summary><code>" << markup_escape(failure.variant)
        << "</code> &middot; " << verdict_name(failure.verdict) << ": " << markup_escape(failure.message)
        << "</summary>\n<p>Input ("
        << (failure.full_input_bytes() > failure.input.size()
                ? part_of(failure.input.size(), failure.input_bytes, "bytes")
                : std::to_string(failure.input.size()) + " bytes")
        << ", " << markup_escape(describe_chunking(failure)) << "):</p><pre>"
        << markup_escape(quote(failure.input, 2000)) << "</pre>";
    if (const std::string note = kept_in_part_note(failure, spec.id); !note.empty())
      out << "<p class=\"part\">" << markup_escape(note) << "</p>";
    if (failure.actual) {
      out << "<p>Actual:</p>";
      write_response(out, *failure.actual);
    }
    if (!failure.diagnostics.empty())
      out << "<p>stderr:</p><pre>" << markup_escape(failure.diagnostics) << "</pre>";
    out << "</details>\n";
  }
  if (!spec.notes.empty()) out << "<p>Notes: " << markup_escape(spec.notes) << "</p>";
  out << "</div>\n";
}

} // namespace

std::string report_html(const RunReport& report) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ssespec "
         "results</title><style>"
      << kStyle << "</style></head><body>\n<h1>ssespec results</h1>\n<p>" << report.cases.size() << " cases, "
      << report.implementations.size() << " implementation(s), started " << markup_escape(report.started_at)
      << ", seed " << report.settings.expansion.seed << (report.settings.strict ? ", strict" : "")
      << ". Exit code " << exit_code_for(report) << ".</p>\n";
  out << "<table><thead><tr><th>case</th><th>level</th>";
  for (const ImplementationReport& implementation : report.implementations) {
    out << "<th class=\"impl\" title=\"" << markup_escape(implementation.origin) << "\">"
        << markup_escape(implementation.name) << "</th>";
  }
  out << "</tr></thead><tbody>\n";
  // Implementations need not run the same cases (parser-level ones do not run the client scenarios),
  // so each column finds its results by case id.
  std::vector<std::unordered_map<std::string_view, const CaseResult*>> by_id(report.implementations.size());
  for (std::size_t column = 0; column < report.implementations.size(); ++column) {
    for (const CaseResult& result : report.implementations[column].cases)
      by_id[column][result.spec->id] = &result;
  }
  std::string area;
  for (std::size_t row = 0; row < report.cases.size(); ++row) {
    const SpecCase& spec = *report.cases[row];
    if (spec.area != area) {
      area = spec.area;
      out << "<tr class=\"area\"><td colspan=\"" << report.implementations.size() + 2 << "\">"
          << markup_escape(area) << "</td></tr>\n";
    }
    out << "<tr><td title=\"" << markup_escape(spec.description) << "\"><code>" << markup_escape(spec.id)
        << "</code></td><td>" << level_name(spec.level) << "</td>";
    for (std::size_t column = 0; column < report.implementations.size(); ++column) {
      const auto found = by_id[column].find(spec.id);
      if (found == by_id[column].end()) {
        out << "<td class=\"g NA\" title=\"not in this implementation's suite\">&ndash;</td>";
        continue;
      }
      const CaseResult& result = *found->second;
      const std::string_view grade = grade_name(result.grade);
      out << "<td class=\"g " << grade << "\"";
      if (result.grade == Grade::ok || result.grade == Grade::skipped) {
        out << " title=\"" << markup_escape(result.grade == Grade::ok ? result.matched : result.skip_reason)
            << "\">" << grade << "</td>";
      } else {
        const std::string title = result.failures.empty() ? "" : result.failures.front().message;
        out << " title=\"" << markup_escape(title) << "\"><a href=\"#" << anchor_for(column, spec.id) << "\">"
            << grade << "</a></td>";
      }
    }
    out << "</tr>\n";
  }
  out << "</tbody><tfoot>";
  for (const Grade grade :
       {Grade::ok, Grade::failed, Grade::warning, Grade::informational, Grade::errored, Grade::skipped}) {
    out << "<tr class=\"totals\"><td colspan=\"2\">" << grade_name(grade) << "</td>";
    for (const ImplementationReport& implementation : report.implementations)
      out << "<td>" << implementation.count(grade) << "</td>";
    out << "</tr>";
  }
  out << "</tfoot></table>\n";
  for (std::size_t column = 0; column < report.implementations.size(); ++column) {
    const ImplementationReport& implementation = report.implementations[column];
    out << "<h2>" << markup_escape(implementation.name) << "</h2>\n<p><code>"
        << markup_escape(implementation.origin) << "</code>";
    if (implementation.hello) {
      out << " version " << markup_escape(implementation.hello->version) << ", capabilities:";
      for (const std::string& capability : implementation.capabilities)
        out << ' ' << markup_escape(capability);
      out << "; " << implementation.variants_run << " variants";
    }
    out << "</p>\n";
    if (!implementation.hello)
      out << "<pre>could not start: " << markup_escape(implementation.start_error) << "</pre>\n";
    if (!implementation.abandoned.empty())
      out << "<p>" << markup_escape(implementation.abandoned) << "; the rest was not run.</p>\n";
    for (const CaseResult& result : implementation.cases) {
      if (result.grade != Grade::ok && result.grade != Grade::skipped)
        write_details(out, column, implementation, result);
    }
  }
  out << "</body></html>\n";
  return out.str();
}

bool write_html_report(const RunReport& report, const std::string& path, std::string& error) {
  return write_file_atomically(path, report_html(report), error);
}

} // namespace ssespec
