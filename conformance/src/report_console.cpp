#include "report_console.h"

#include "compare.h"

#include <algorithm>
#include <cstdio>

namespace ssespec {
namespace {

std::string seconds(std::chrono::milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", static_cast<double>(duration.count()) / 1000.0);
  return text;
}

std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

// Adapter text (stderr, start errors) is shown through printable_text(): a NUL or an escape
// sequence in it must not cut the log short or reach the terminal.
std::string indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (const char c : printable_text(text)) {
    out += c;
    if (c == '\n') out += prefix;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n'))
    out.pop_back();
  return out;
}

} // namespace

std::string describe_cuts(const std::vector<std::size_t>& cuts, std::size_t input_size) {
  if (cuts.empty()) return "whole, 1 chunk";
  if (cuts.size() + 1 == input_size) return "1 byte per chunk, " + std::to_string(input_size) + " chunks";
  std::string out = "cut at ";
  const std::size_t shown = std::min<std::size_t>(cuts.size(), 16);
  for (std::size_t i = 0; i < shown; ++i)
    out += (i ? ", " : "") + std::to_string(cuts[i]);
  if (shown < cuts.size()) out += ", ...";
  return out + " (" + std::to_string(cuts.size() + 1) + " chunks)";
}

std::vector<AreaSummary> summarize_areas(const ImplementationReport& implementation) {
  std::vector<AreaSummary> areas;
  for (const CaseResult& result : implementation.cases) {
    if (areas.empty() || areas.back().area != result.spec->area) areas.push_back({result.spec->area});
    AreaSummary& area = areas.back();
    const auto level = static_cast<std::size_t>(result.spec->level);
    if (result.grade == Grade::skipped) {
      ++area.skipped;
    } else if (result.grade != Grade::not_run) {
      ++area.run[level];
      if (result.grade == Grade::ok) ++area.passed[level];
    }
  }
  return areas;
}

void print_plan(std::ostream& out, const RunReport& report) {
  const ExpansionOptions& x = report.settings.expansion;
  out << "ssespec run: " << report.cases.size() << " case(s) from " << report.fixture_files
      << " fixture file(s), " << report.settings.jobs << " job(s) per implementation\n";
  out << "  each case runs whole; byte by byte (inputs up to " << x.byte_by_byte_max_bytes
      << " bytes); split at every point (inputs up to " << x.every_split_max_bytes << " bytes), else in "
      << x.random_chunkings << " random chunkings (seed " << x.seed << ")"
      << (x.line_ending_variants ? "; LF, CRLF and CR where the case allows" : "; line endings as written")
      << "\n";
  if (report.settings.check_timing) {
    out << "  dispatch timing checked for implementations with chunk-index\n";
  }
  if (report.settings.strict) out << "  strict: should-level failures fail the run\n";
}

void print_implementation(std::ostream& out, const ImplementationReport& implementation,
                          const ConsoleOptions& options) {
  out << '\n' << implementation.name;
  if (implementation.hello) {
    out << ' ' << printable_text(implementation.hello->version) << "  [" << implementation.origin
        << "]\n  capabilities:";
    if (implementation.capabilities.empty()) out << " none";
    for (const std::string& capability : implementation.capabilities)
      out << ' ' << printable_text(capability);
    out << '\n';
  } else {
    // No hello: the implementation never started. A client adapter is started once per scenario, so
    // its per-scenario errors still follow.
    const std::string reason = implementation.start_error.empty() ? std::string("it sent no hello line")
                                                                  : implementation.start_error;
    std::string text = indent(reason, "    ");
    text.erase(0, std::min<std::size_t>(4, text.size())); // the first line follows the label
    out << "\n  ERROR could not start: " << text << '\n';
    if (implementation.cases.empty()) return;
  }
  for (const CaseResult& result : implementation.cases) {
    if (result.grade == Grade::ok || result.grade == Grade::skipped) continue;
    if (options.quiet && result.grade != Grade::failed && result.grade != Grade::errored) continue;
    out << "  " << pad(grade_name(result.grade), 5) << ' ' << pad(level_name(result.spec->level), 6) << ' '
        << result.spec->id << "  (" << result.failed + result.errored << " of " << result.variants
        << " variants";
    if (result.not_run > 0) out << ", " << result.not_run << " not run";
    out << ")\n";
    if (options.quiet) continue;
    for (std::size_t i = 0; i < result.failures.size() && i < options.variants_shown; ++i) {
      const VariantOutcome& failure = result.failures[i];
      out << "        " << failure.variant << ": " << failure.message << '\n';
      out << "        input " << quote(failure.input, 80) << ", " << describe_chunking(failure) << '\n';
      if (const std::string note = kept_in_part_note(failure, result.spec->id); !note.empty())
        out << "        " << note << '\n';
      if (!failure.diagnostics.empty())
        out << "        stderr:\n" << indent(failure.diagnostics, "          | ") << '\n';
    }
  }
  if (!implementation.abandoned.empty())
    out << "  ERROR " << printable_text(implementation.abandoned) << "; the rest was not run\n";
  if (implementation.interrupted) out << "  interrupted: the cases marked NOT-RUN were not finished\n";
  if (!options.quiet) {
    out << "  " << pad("area", 16) << pad("must", 10) << pad("should", 10) << pad("impl-def", 10)
        << "skipped\n";
    for (const AreaSummary& area : summarize_areas(implementation)) {
      out << "  " << pad(area.area, 16);
      for (std::size_t level = 0; level < 3; ++level) {
        out << pad(area.run[level] == 0
                       ? "-"
                       : std::to_string(area.passed[level]) + "/" + std::to_string(area.run[level]),
                   10);
      }
      out << area.skipped << '\n';
    }
  }
  const std::size_t skipped = implementation.count(Grade::skipped);
  out << "  " << implementation.cases.size() << " cases: " << implementation.count(Grade::ok) << " OK, "
      << implementation.count(Grade::failed) << " FAIL, " << implementation.count(Grade::warning) << " WARN, "
      << implementation.count(Grade::informational) << " INFO, " << implementation.count(Grade::errored)
      << " ERROR, " << skipped << " SKIP"
      << (implementation.count(Grade::not_run)
              ? ", " + std::to_string(implementation.count(Grade::not_run)) + " NOT-RUN"
              : "")
      << "; " << implementation.variants_run << " variants in " << seconds(implementation.duration) << '\n';
  if (skipped > 0) {
    out << "  skipped for want of a capability:";
    for (const CaseResult& result : implementation.cases) {
      if (result.grade == Grade::skipped) out << ' ' << result.spec->id;
    }
    out << '\n';
  }
}

void print_verdict(std::ostream& out, const RunReport& report) {
  std::size_t failing = 0;
  for (const ImplementationReport& implementation : report.implementations) {
    if (!implementation.hello || !implementation.abandoned.empty() ||
        implementation.count(Grade::failed) > 0 || implementation.count(Grade::errored) > 0 ||
        implementation.count(Grade::not_run) > 0) {
      ++failing;
    }
  }
  out << '\n';
  if (report.interrupted) {
    out << "Result: INTERRUPTED: partial results only\n";
    return;
  }
  if (failing == 0) {
    out << "Result: PASS: every " << (report.settings.strict ? "must- and should-level" : "must-level")
        << " case passed in every variant\n";
  } else {
    out << "Result: FAIL: " << failing << " of " << report.implementations.size()
        << " implementation(s) failed or errored on "
        << (report.settings.strict ? "must- or should-level" : "must-level") << " cases\n";
  }
}

void print_progress(std::ostream& out, const ImplementationReport& implementation, std::size_t done,
                    std::size_t total) {
  out << "\r\x1b[K  " << implementation.name << "  " << done << '/' << total << " cases, "
      << implementation.count(Grade::failed) + implementation.count(Grade::errored) << " failing"
      << std::flush;
}

void clear_progress(std::ostream& out) {
  out << "\r\x1b[K" << std::flush;
}

} // namespace ssespec
