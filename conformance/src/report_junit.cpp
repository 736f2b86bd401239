// JUnit XML: one <testsuite> per implementation, one <testcase> per spec case. What fails here is
// what fails the run: WARN and INFO cases pass, with their finding in <system-out>.
#include "compare.h"
#include "report_console.h"
#include "reports.h"

#include <cstdio>
#include <sstream>

namespace ssespec {
namespace {

std::string seconds(std::chrono::milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1000.0);
  return text;
}

std::string failure_details(const CaseResult& result) {
  std::ostringstream out;
  out << result.spec->description << "\nrule (" << result.spec->rule_anchor
      << "): " << result.spec->rule_quote << '\n'
      << (result.failed + result.errored) << " of " << result.variants << " variants failed";
  if (result.not_run > 0) out << ", " << result.not_run << " not run";
  out << '\n';
  for (const VariantOutcome& failure : result.failures) {
    out << '\n'
        << failure.variant << ": " << failure.message << "\n  input " << quote(failure.input, 400) << ", "
        << describe_chunking(failure) << '\n';
    if (const std::string note = kept_in_part_note(failure, result.spec->id); !note.empty())
      out << "  " << note << '\n';
    if (!failure.diagnostics.empty()) out << "  stderr:\n" << printable_text(failure.diagnostics) << '\n';
  }
  return out.str();
}

std::string first_message(const CaseResult& result) {
  if (result.failures.empty()) return result.not_run > 0 ? "not run" : "failed";
  return result.failures.front().variant + ": " + result.failures.front().message;
}

} // namespace

std::string report_junit(const RunReport& report) {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  std::chrono::milliseconds total{0};
  std::ostringstream suites;
  for (const ImplementationReport& implementation : report.implementations) {
    const std::string name = markup_escape(implementation.name);
    std::size_t suite_failures = implementation.count(Grade::failed);
    std::size_t suite_errors = implementation.count(Grade::errored) + implementation.count(Grade::not_run) +
                               (implementation.hello ? 0 : 1);
    const std::size_t suite_skipped = implementation.count(Grade::skipped);
    const std::size_t suite_tests = implementation.cases.size() + (implementation.hello ? 0 : 1);
    tests += suite_tests;
    failures += suite_failures;
    errors += suite_errors;
    skipped += suite_skipped;
    total += implementation.duration;
    suites << "  <testsuite name=\"" << name << "\" tests=\"" << suite_tests << "\" failures=\""
           << suite_failures << "\" errors=\"" << suite_errors << "\" skipped=\"" << suite_skipped
           << "\" time=\"" << seconds(implementation.duration) << "\">\n";
    suites << "    <properties>\n      <property name=\"origin\" value=\""
           << markup_escape(implementation.origin) << "\"/>\n";
    if (implementation.hello) {
      std::string capabilities;
      for (const std::string& c : implementation.capabilities)
        capabilities += (capabilities.empty() ? "" : " ") + c;
      suites << "      <property name=\"version\" value=\"" << markup_escape(implementation.hello->version)
             << "\"/>\n      <property name=\"capabilities\" value=\"" << markup_escape(capabilities)
             << "\"/>\n";
    }
    suites << "    </properties>\n";
    if (!implementation.hello) {
      suites << "    <testcase classname=\"" << name
             << "\" name=\"start\" time=\"0\">\n      <error message=\"could not "
             << "start\">" << markup_escape(implementation.start_error) << "</error>\n    </testcase>\n";
    }
    for (const CaseResult& result : implementation.cases) {
      const SpecCase& spec = *result.spec;
      suites << "    <testcase classname=\"" << name << '.' << markup_escape(spec.area) << "\" name=\""
             << markup_escape(spec.id) << "\" time=\"0\">";
      const std::string message = markup_escape(first_message(result));
      switch (result.grade) {
      case Grade::ok:
        break;
      case Grade::failed:
        suites << "\n      <failure message=\"" << message << "\" type=\"" << level_name(spec.level) << "\">"
               << markup_escape(failure_details(result)) << "</failure>\n    ";
        break;
      case Grade::errored:
        suites << "\n      <error message=\"" << message << "\" type=\"" << level_name(spec.level) << "\">"
               << markup_escape(failure_details(result)) << "</error>\n    ";
        break;
      case Grade::skipped:
        suites << "\n      <skipped message=\"" << markup_escape(result.skip_reason) << "\"/>\n    ";
        break;
      case Grade::not_run:
        suites << "\n      <error message=\"not run (interrupted, or the implementation was given up on)\" "
               << "type=\"not-run\"/>\n    ";
        break;
      case Grade::warning:
      case Grade::informational:
        suites << "\n      <system-out>" << grade_name(result.grade) << " (" << level_name(spec.level)
               << "-level, does not fail the run): " << markup_escape(failure_details(result))
               << "</system-out>\n    ";
        break;
      }
      suites << "</testcase>\n";
    }
    suites << "  </testsuite>\n";
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ssespec\" tests=\"" << tests
      << "\" failures=\"" << failures << "\" errors=\"" << errors << "\" skipped=\"" << skipped
      << "\" time=\"" << seconds(total) << "\">\n"
      << suites.str() << "</testsuites>\n";
  return out.str();
}

bool write_junit_report(const RunReport& report, const std::string& path, std::string& error) {
  return write_file_atomically(path, report_junit(report), error);
}

} // namespace ssespec
