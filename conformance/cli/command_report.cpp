// `ssespec report RESULTS.json`: the console summary again, or HTML, Markdown or JUnit, from the
// JSON a run wrote; for CI artifacts rendered after the fact.
#include "commands.h"
#include "json_text.h"
#include "report_console.h"
#include "reports.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

namespace ssespec::cli {

void add_report_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "report", "Render a JSON result (from ssespec run --json) as console, HTML, Markdown or JUnit");
  struct Options {
    std::string input;
    std::string html, markdown, junit;
    bool quiet = false;
    std::size_t variants_shown = 1;
  };
  auto options = std::make_shared<Options>();
  command->add_option("results", options->input, "The JSON file ssespec run --json wrote")->required();
  command->add_option("--html", options->html, "Write the HTML matrix to this file");
  command->add_option("--markdown", options->markdown, "Write the Markdown summary to this file");
  command->add_option("--junit", options->junit, "Write JUnit XML to this file");
  command->add_option("--show", options->variants_shown, "Failing variants shown per case")
      ->capture_default_str();
  command->add_flag("-q,--quiet", options->quiet, "Only failing cases and totals");
  command->callback([&exit_code, options] {
    std::ifstream in(options->input, std::ios::binary);
    if (!in) {
      std::cerr << "ssespec report: cannot read " << options->input << '\n';
      exit_code = 2;
      return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string error;
    const std::optional<nlohmann::json> json = parse_json_text(text.str(), error);
    if (!json) error = "not valid JSON: " + error;
    std::optional<RunReport> report;
    if (json) report = run_report_from_json(*json, error);
    if (!report) {
      std::cerr << "ssespec report: " << options->input << ": " << error << '\n';
      exit_code = 2;
      return;
    }
    const bool files = !options->html.empty() || !options->markdown.empty() || !options->junit.empty();
    if (!files) {
      print_plan(std::cout, *report);
      for (const ImplementationReport& implementation : report->implementations) {
        print_implementation(std::cout, implementation, {options->quiet, options->variants_shown});
      }
      print_verdict(std::cout, *report);
    }
    exit_code = exit_code_for(*report);
    const std::pair<const std::string*, bool (*)(const RunReport&, const std::string&, std::string&)>
        outputs[] = {{&options->html, write_html_report},
                     {&options->markdown, write_markdown_report},
                     {&options->junit, write_junit_report}};
    for (const auto& [path, write] : outputs) {
      if (path->empty()) continue;
      if (!write(*report, *path, error)) {
        std::cerr << "ssespec report: " << error << '\n';
        exit_code = 2;
      }
    }
  });
}

} // namespace ssespec::cli
