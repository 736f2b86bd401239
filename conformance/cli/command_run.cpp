// `ssespec run`: the conformance suite against implementations, with console, JSON, JUnit, HTML and
// Markdown reports, and expectation files.
#include "client_columns.h"
#include "commands.h"
#include "expectations.h"
#include "implementations_config.h"
#include "interrupt.h"
#include "report_console.h"
#include "reports.h"
#include "run_setup.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace ssespec::cli {
namespace {

struct RunOptions {
  ImplementationChoice choice;
  long long timeout_ms = 10'000;
  long long hello_timeout_ms = 10'000;
  std::vector<std::string> corpus;
  std::vector<std::string> case_globs;
  std::vector<std::string> areas;
  std::string level_filter;
  RunSettings settings;
  bool no_line_endings = false;
  bool no_timing = false;
  bool list = false;
  bool quiet = false;
  bool progress = false;
  std::size_t variants_shown = 1;
  std::string json_path, junit_path, html_path, markdown_path;
  std::string expectations_dir;
  std::string write_expectations_dir;
  bool clients = false; // also the client-level scenarios (client_columns.h)
  ClientColumnsOptions client_columns;
  std::size_t client_retries = 0; // times client cases that differ from the expectations run again
};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

bool selected(const SpecCase& spec, const RunOptions& options) {
  const auto any = [](const std::vector<std::string>& list, auto matches) {
    return list.empty() || std::any_of(list.begin(), list.end(), matches);
  };
  return any(options.case_globs, [&](const std::string& glob) { return glob_match(glob, spec.id); }) &&
         any(options.areas, [&](const std::string& area) { return area == spec.area; }) &&
         (options.level_filter.empty() || level_name(spec.level) == options.level_filter);
}

void print_findings(const char* title, const std::vector<ExpectationFinding>& findings) {
  if (findings.empty()) return;
  std::cout << title << " (" << findings.size() << "):\n";
  for (const ExpectationFinding& finding : findings) {
    std::cout << "  " << finding.implementation << "  " << finding.id << "  " << grade_name(finding.grade);
    if (!finding.reason.empty()) std::cout << "  (" << finding.reason << ")";
    std::cout << '\n';
  }
}

int write_outputs(const RunReport& report, const RunOptions& options) {
  int status = 0;
  const std::pair<const std::string*, bool (*)(const RunReport&, const std::string&, std::string&)>
      outputs[] = {{&options.json_path, write_json_report},
                   {&options.junit_path, write_junit_report},
                   {&options.html_path, write_html_report},
                   {&options.markdown_path, write_markdown_report}};
  for (const auto& [path, write] : outputs) {
    if (path->empty()) continue;
    std::string error;
    if (!write(report, *path, error)) {
      std::cerr << "ssespec run: " << error << '\n';
      status = 2;
    }
  }
  if (!options.write_expectations_dir.empty()) {
    for (const ImplementationReport& implementation : report.implementations) {
      std::string error;
      const std::string path = options.write_expectations_dir + "/" + implementation.name + ".json";
      if (!write_file_atomically(path, expectations_file_for(implementation), error)) {
        std::cerr << "ssespec run: " << error << '\n';
        status = 2;
      }
    }
  }
  return status;
}

int run(RunOptions& options) {
  std::optional<LoadResult> loaded = load_corpus(options.corpus);
  if (!loaded) return 2;
  RunReport report;
  report.settings = options.settings;
  report.settings.expansion.line_ending_variants = !options.no_line_endings;
  report.settings.check_timing = !options.no_timing;
  report.corpus = options.corpus.empty() ? std::vector<std::string>{"corpus/spec"} : options.corpus;
  report.fixture_files = loaded->files;
  report.started_at = utc_now();
  for (SpecCase& spec : loaded->cases) {
    if (selected(spec, options)) report.cases.push_back(std::make_shared<const SpecCase>(std::move(spec)));
  }
  if (report.cases.empty()) {
    std::cerr << "ssespec run: no case selected (" << loaded->cases.size()
              << " loaded; check --case, --area, --level)\n";
    return 2;
  }
  if (options.list) {
    for (const auto& spec : report.cases) {
      std::cout << spec->id << '\t' << level_name(spec->level) << '\t'
                << expand_case(*spec, report.settings.expansion).size() << " variants\t" << spec->description
                << '\n';
    }
    return 0;
  }
  Expectations expectations;
  if (!options.expectations_dir.empty()) {
    expectations = load_expectations(options.expectations_dir);
    if (!expectations.errors.empty()) {
      for (const std::string& error : expectations.errors)
        std::cerr << "ssespec run: " << error << '\n';
      return 2;
    }
  }
  options.choice.adapter_timeout = std::chrono::milliseconds(options.timeout_ms);
  options.choice.hello_timeout = std::chrono::milliseconds(options.hello_timeout_ms);
  std::optional<std::vector<ImplementationSetup>> setups = choose_implementations(options.choice);
  if (!setups) return 2;

  install_interrupt_handler();
  // The client suites run alongside the parser-level suite (client_columns.h).
  std::unique_ptr<ClientColumns> clients;
  if (options.clients) {
    options.client_columns.suite.strict = report.settings.strict;
    clients = std::make_unique<ClientColumns>(options.client_columns, *setups);
    if (!clients->started()) return 2;
  }
  const ConsoleOptions console{options.quiet, options.variants_shown};
  if (!options.quiet) print_plan(std::cout, report);
  const bool show_progress = options.progress || ::isatty(STDERR_FILENO) != 0;
  for (const ImplementationSetup& setup : *setups) {
    if (interrupted()) break;
    ProgressCallback progress;
    if (show_progress) {
      progress = [](const ImplementationReport& so_far, std::size_t done, std::size_t total) {
        print_progress(std::cerr, so_far, done, total);
      };
    }
    report.implementations.push_back(
        run_suite(setup, report.cases, settings_for(setup, report.settings), progress));
    if (show_progress) clear_progress(std::cerr);
    print_implementation(std::cout, report.implementations.back(), console);
  }
  if (clients) {
    const int status = clients->finish(report, console);
    if (status != 0) return status;
  }
  const bool checking = !options.expectations_dir.empty() && !interrupted();
  ExpectationCheck check;
  if (checking) check = check_expectations(report, expectations);
  for (std::size_t attempt = 0; checking && clients && attempt < options.client_retries && !check.matches();
       ++attempt) {
    std::vector<ExpectationFinding> differing = check.unexpected_failures;
    differing.insert(differing.end(), check.unexpected_passes.begin(), check.unexpected_passes.end());
    if (clients->retry(report, differing) == 0 || interrupted()) break;
    check = check_expectations(report, expectations);
  }
  report.interrupted = interrupted();
  print_verdict(std::cout, report);

  int status = exit_code_for(report);
  if (checking && !report.interrupted) {
    std::cout << "\nExpectations from " << options.expectations_dir << ": " << check.known_failures.size()
              << " known failure(s) still failing\n";
    print_findings("Unexpected failures", check.unexpected_failures);
    print_findings("Unexpected passes (remove them from the expectation file)", check.unexpected_passes);
    print_findings("Listed cases not in this run", check.stale);
    bool started = true;
    for (const ImplementationReport& implementation : report.implementations) {
      started = started && implementation.hello && implementation.abandoned.empty();
    }
    status = check.matches() && started ? 0 : 1;
    std::cout << (status == 0 ? "Result: results match the expectations\n"
                              : "Result: results differ from the expectations\n");
  }
  std::cout.flush();
  const int output_status = write_outputs(report, options);
  return output_status != 0 && status != 130 ? output_status : status;
}

} // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("run", "Run the conformance suite against implementations (exit 0: "
                                            "every must-level case passed; 1: not; 2: usage)");
  auto options = std::make_shared<RunOptions>();
  ExpansionOptions& x = options->settings.expansion;
  command->add_option("--impl", options->choice.names,
                      "An implementation from conformance/implementations.json (repeatable)");
  command->add_option(
      "--adapter", options->choice.adapters,
      "Your own implementation: a shell command speaking ssespec-adapter/1 on stdio (repeatable)");
  command->add_option("--config", options->choice.config,
                      "The implementations file (default conformance/implementations.json)");
  command->add_option("--corpus", options->corpus,
                      "Fixture directory or file (repeatable; default corpus/spec)");
  command->add_option("--case", options->case_globs, "Only cases whose id matches this glob (repeatable)");
  command->add_option("--area", options->areas, "Only cases of this area (repeatable)");
  command->add_option("--level", options->level_filter, "Only cases of this level")
      ->check(CLI::IsMember({"must", "should", "implementation-defined"}));
  command->add_option("-j,--jobs", options->settings.jobs, "Cases run in parallel per implementation")
      ->check(CLI::Range(std::size_t{1}, std::size_t{64}))
      ->capture_default_str();
  command->add_flag("--strict", options->settings.strict, "Should-level failures fail the run too");
  command
      ->add_option("--failures-kept", options->settings.failures_kept,
                   "Failing runs kept per case for the reports, the smallest chunkings first")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
      ->capture_default_str();
  command->add_flag("--clients", options->clients,
                    "Also run the client-level scenarios (mockserver/scenarios): each selected "
                    "implementation's client adapter from implementations.json, or --client-adapter");
  add_client_suite_options(*command, options->client_columns.suite, /*prefixed=*/true);
  command
      ->add_option("--client-jobs", options->client_columns.jobs,
                   "Implementations whose client scenarios run at once (each its own mock server)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{16}))
      ->capture_default_str();
  command
      ->add_option("--client-retries", options->client_retries,
                   "With --expectations: client-level cases whose result differs from the expectation file "
                   "run again, up to this many times; the last result stands and each retry is shown")
      ->check(CLI::Range(std::size_t{0}, std::size_t{5}))
      ->capture_default_str();
  command->add_option("--seed", x.seed, "Seed of the random chunkings")->capture_default_str();
  command->add_option("--random", x.random_chunkings, "Random chunkings for inputs longer than --split-max")
      ->check(CLI::Range(std::size_t{0}, std::size_t{10'000}))
      ->capture_default_str();
  command
      ->add_option("--split-max", x.every_split_max_bytes,
                   "Inputs up to this many bytes run split at every point")
      ->check(CLI::Range(std::size_t{0}, std::size_t{65'536}))
      ->capture_default_str();
  command
      ->add_option("--bytewise-max", x.byte_by_byte_max_bytes,
                   "Inputs up to this many bytes also run byte by byte")
      ->check(CLI::Range(std::size_t{0}, std::size_t{256} << 20))
      ->capture_default_str();
  command->add_flag("--no-line-endings", options->no_line_endings,
                    "Run inputs with their line endings as written only");
  command->add_flag("--no-timing", options->no_timing,
                    "Do not check that events come out in the chunk that completes their blank line");
  command->add_option("--timeout", options->timeout_ms, "Milliseconds an --adapter may take over one request")
      ->check(CLI::Range(1LL, 3'600'000LL))
      ->capture_default_str();
  command
      ->add_option("--hello-timeout", options->hello_timeout_ms,
                   "Milliseconds an adapter may take to say hello")
      ->check(CLI::Range(1LL, 3'600'000LL))
      ->capture_default_str();
  command->add_option("--show", options->variants_shown, "Failing variants shown per case")
      ->capture_default_str();
  command->add_flag("-q,--quiet", options->quiet, "Only failing cases and totals");
  command->add_flag("--progress", options->progress,
                    "Show progress on stderr even when it is not a terminal");
  command->add_flag("--list", options->list, "List the selected cases and their variant counts, run nothing");
  command->add_option("--json", options->json_path,
                      "Write the complete results as JSON (the input of ssespec report)");
  command->add_option("--junit", options->junit_path, "Write JUnit XML");
  command->add_option("--html", options->html_path, "Write the HTML matrix (one self-contained file)");
  command->add_option("--markdown", options->markdown_path,
                      "Write the Markdown summary (implementations x areas)");
  command->add_option("--expectations", options->expectations_dir,
                      "Directory of <impl>.json known-failure files: pass when the results match them");
  command->add_option("--write-expectations", options->write_expectations_dir,
                      "Write each implementation's current failures as <impl>.json into this directory");
  command->callback([&exit_code, options] { exit_code = run(*options); });
}

} // namespace ssespec::cli
