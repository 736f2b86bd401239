// `ssespec repro CASE`: one case against one implementation in every chunking; prints the smallest
// failing one with everything needed to see the bug, and the command that serves that stream.
#include "commands.h"
#include "compare.h"
#include "interrupt.h"
#include "report_console.h"
#include "run_setup.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace ssespec::cli {
namespace {

struct ReproOptions {
  std::string case_id;
  ImplementationChoice choice;
  std::vector<std::string> corpus;
  RunSettings settings;
  long long timeout_ms = 10'000;
};

void print_events(const std::vector<ExpectedEvent>& events) {
  if (events.empty()) std::cout << "    (no events)\n";
  for (const ExpectedEvent& event : events) {
    std::cout << "    type=" << quote(event.type) << " data=" << quote(event.data, 400)
              << " lastEventId=" << quote(event.last_event_id) << '\n';
  }
}

int repro(ReproOptions& options) {
  std::optional<LoadResult> loaded = load_corpus(options.corpus);
  if (!loaded) return 2;
  const auto found = std::find_if(loaded->cases.begin(), loaded->cases.end(),
                                  [&](const SpecCase& spec) { return spec.id == options.case_id; });
  if (found == loaded->cases.end()) {
    std::cerr << "ssespec repro: no case \"" << options.case_id << "\" in the corpus\n";
    return 2;
  }
  const auto spec = std::make_shared<const SpecCase>(*found);
  if (options.choice.names.size() + options.choice.adapters.size() != 1) {
    std::cerr << "ssespec repro: name exactly one implementation, with --impl or --adapter\n";
    return 2;
  }
  options.choice.adapter_timeout = std::chrono::milliseconds(options.timeout_ms);
  std::optional<std::vector<ImplementationSetup>> setups = choose_implementations(options.choice);
  if (!setups) return 2;
  install_interrupt_handler(); // Ctrl-C stops at the next request and still ends the adapter
  const ImplementationSetup& setup = setups->front();
  std::unique_ptr<Implementation> implementation = setup.make();
  const std::optional<protocol::Hello> hello = implementation->start();
  if (!hello) {
    std::cerr << "ssespec repro: the implementation could not start: " << implementation->start_error()
              << '\n';
    return 1;
  }
  const std::vector<std::string> capabilities =
      setup.capabilities ? *setup.capabilities : hello->capabilities;
  const std::string name = setup.name.empty() ? hello->name : setup.name;
  const CaseResult result = run_case(*implementation, capabilities, spec, options.settings, true);

  std::cout << spec->id << " (" << level_name(spec->level) << "): " << spec->description << "\n  rule "
            << spec->rule_anchor << ": " << spec->rule_quote << "\n  implementation: " << name << " ["
            << implementation->origin() << "]\n";
  if (result.verdict == Verdict::skip) {
    std::cout << "  skipped: " << result.skip_reason << '\n';
    return 0;
  }
  if (result.failures.empty()) {
    std::cout << "  passes in all " << result.variants << " chunkings"
              << (result.matched.empty() ? "" : " (" + result.matched + ")") << '\n';
    return 0;
  }
  const VariantOutcome& smallest = result.failures.front();
  std::cout << "  fails in " << result.failed + result.errored << " of " << result.variants << " chunkings";
  if (result.not_run > 0) std::cout << " (" << result.not_run << " not run after a timeout)";
  std::cout << "; the smallest: " << smallest.variant << "\n\n  " << smallest.message << "\n\n  input ("
            << smallest.input.size() << " bytes): " << quote(smallest.input, 2000) << "\n  chunks ("
            << describe_cuts(smallest.cuts, smallest.input.size()) << "):\n";
  std::size_t shown = 0;
  for (const std::string_view piece : split_at(smallest.input, smallest.cuts)) {
    if (++shown > 32) {
      std::cout << "    ...\n";
      break;
    }
    std::cout << "    " << quote(piece, 200) << '\n';
  }
  std::cout << "  expected:\n";
  print_events(spec->expect.events);
  if (!spec->expect.retry.empty()) {
    std::cout << "    retry";
    for (const std::uint64_t value : spec->expect.retry)
      std::cout << ' ' << value;
    std::cout << '\n';
  }
  if (smallest.actual) {
    std::cout << "  actual:\n";
    if (smallest.actual->error) std::cout << "    error " << quote(*smallest.actual->error, 400) << '\n';
    if (smallest.actual->events.empty() && !smallest.actual->error) std::cout << "    (no events)\n";
    for (const protocol::ObservedEvent& event : smallest.actual->events) {
      std::cout << "    type=" << quote(event.type) << " data=" << quote(event.data, 400)
                << " lastEventId=" << quote(event.last_event_id);
      if (event.chunk) std::cout << " chunk=" << *event.chunk;
      std::cout << '\n';
    }
    if (!smallest.actual->retry.empty()) {
      std::cout << "    retry";
      for (const std::uint64_t value : smallest.actual->retry)
        std::cout << ' ' << value;
      std::cout << '\n';
    }
  }
  if (!smallest.diagnostics.empty())
    std::cout << "  stderr:\n" << printable_text(smallest.diagnostics) << '\n';
  const std::size_t slash = smallest.variant.find('/');
  const std::string ending = smallest.variant.substr(0, slash);
  std::cout << "\n  serve exactly this stream from the mock server:\n    ssespec serve --case " << spec->id
            << " --split " << smallest.variant.substr(slash + 1)
            << (ending == "lf" ? "" : " --line-endings " + ending) << '\n';
  return 1;
}

} // namespace

void add_repro_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "repro", "Run one case against one implementation in every chunking and show the smallest failing one");
  auto options = std::make_shared<ReproOptions>();
  command->add_option("case", options->case_id, "The case id, e.g. line-endings/lone-cr-dispatches")
      ->required();
  command->add_option("--impl", options->choice.names,
                      "An implementation from conformance/implementations.json");
  command->add_option("--adapter", options->choice.adapters, "A shell command speaking ssespec-adapter/1");
  command->add_option("--config", options->choice.config,
                      "The implementations file (default conformance/implementations.json)");
  command->add_option("--corpus", options->corpus, "Fixture directory or file (default corpus/spec)");
  command->add_option("--seed", options->settings.expansion.seed, "Seed of the random chunkings")
      ->capture_default_str();
  command->add_option("--timeout", options->timeout_ms, "Milliseconds an --adapter may take over one request")
      ->check(CLI::Range(1LL, 3'600'000LL))
      ->capture_default_str();
  command->callback([&exit_code, options] { exit_code = repro(*options); });
}

} // namespace ssespec::cli
