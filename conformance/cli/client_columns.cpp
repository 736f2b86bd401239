#include "client_columns.h"

#include "interrupt.h"

#include <algorithm>
#include <iostream>
#include <sstream>

namespace ssespec::cli {
namespace {

// Appends a client suite's cases to the report once (every client run has the same scenarios).
void add_client_cases(RunReport& report, const RunReport& suite) {
  for (const auto& spec : suite.cases) {
    const bool known = std::any_of(report.cases.begin(), report.cases.end(),
                                   [&](const auto& existing) { return existing->id == spec->id; });
    if (!known) report.cases.push_back(spec);
  }
}

void merge_into_column(ImplementationReport& column, ImplementationReport& client) {
  column.origin += "; client: " + client.origin;
  if (!client.start_error.empty()) {
    column.start_error += (column.start_error.empty() ? "" : "; ") + client.start_error;
  }
  column.variants_run += client.variants_run;
  column.duration += client.duration;
  for (CaseResult& result : client.cases)
    column.cases.push_back(std::move(result));
}

} // namespace

ClientColumns::ClientColumns(const ClientColumnsOptions& options,
                             const std::vector<ImplementationSetup>& setups)
    : suite_options_(options.suite) {
  if (!options.suite.adapter.empty()) {
    jobs_.push_back({std::nullopt, "client adapter", options.suite.adapter, {}, std::nullopt});
  } else {
    for (std::size_t i = 0; i < setups.size(); ++i) {
      if (setups[i].client_adapter)
        jobs_.push_back({i, setups[i].name, *setups[i].client_adapter, {}, std::nullopt});
    }
  }
  if (jobs_.empty()) {
    std::cerr << "ssespec run: --clients: none of the selected implementations has a client adapter in "
                 "implementations.json (\"client\"); name one with --client-adapter\n";
    return;
  }
  const std::size_t workers = std::clamp<std::size_t>(options.jobs, 1, jobs_.size());
  for (std::size_t t = 0; t < workers; ++t)
    threads_.emplace_back([this] { work(); });
}

ClientColumns::~ClientColumns() {
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void ClientColumns::work() {
  for (std::size_t k; !interrupted() && (k = next_++) < jobs_.size();) {
    Job& job = jobs_[k];
    ClientSuiteOptions options = suite_options_;
    options.adapter = job.adapter;
    std::ostringstream progress;
    job.run = run_client_suite(options, progress);
    job.progress = progress.str();
  }
}

int ClientColumns::finish(RunReport& report, const ConsoleOptions& console) {
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  int status = 0;
  for (Job& job : jobs_) {
    if (!job.progress.empty() || job.run)
      std::cout << '\n' << job.name << ", client level:\n" << job.progress;
    if (!job.run) {
      // Interrupted before it ran (the report says the run was interrupted), or it could not run.
      if (!interrupted()) status = 2;
      continue;
    }
    add_client_cases(report, job.run->report);
    if (!job.column) {
      job.column = report.implementations.size(); // its own column, from now on (retry())
      for (ImplementationReport& implementation : job.run->report.implementations) {
        print_implementation(std::cout, implementation, console);
        report.implementations.push_back(std::move(implementation));
      }
      continue;
    }
    if (*job.column >= report.implementations.size()) continue; // its parser-level run never started
    ImplementationReport& column = report.implementations[*job.column];
    for (ImplementationReport& client : job.run->report.implementations)
      merge_into_column(column, client);
    print_implementation(std::cout, column, console);
  }
  std::cout.flush();
  return status;
}

std::size_t ClientColumns::retry(RunReport& report, const std::vector<ExpectationFinding>& findings) {
  constexpr std::string_view kPrefix = "clients/";
  std::size_t retried = 0;
  for (Job& job : jobs_) {
    if (interrupted()) break;
    if (!job.run) continue;
    // The report's column for this job: the parser-level implementation's, or its own (finish()
    // noted where it put it).
    if (!job.column || *job.column >= report.implementations.size()) continue;
    ImplementationReport* column = &report.implementations[*job.column];
    std::vector<std::string> scenarios;
    for (const ExpectationFinding& finding : findings) {
      if (finding.implementation == column->name && finding.id.rfind(kPrefix, 0) == 0)
        scenarios.push_back(finding.id.substr(kPrefix.size()));
    }
    if (scenarios.empty()) continue;
    ClientSuiteOptions options = suite_options_;
    options.adapter = job.adapter;
    options.only = scenarios; // prefixes: the results are matched by exact id below
    std::ostringstream progress;
    std::optional<ClientSuiteRun> again = run_client_suite(options, progress);
    std::cout << '\n' << column->name << ", client level, run again:\n" << progress.str();
    if (!again || again->report.implementations.empty()) continue;
    for (CaseResult& result : again->report.implementations[0].cases) {
      const auto old = std::find_if(column->cases.begin(), column->cases.end(),
                                    [&](const CaseResult& r) { return r.spec->id == result.spec->id; });
      const bool asked = std::find(scenarios.begin(), scenarios.end(),
                                   result.spec->id.substr(kPrefix.size())) != scenarios.end();
      if (old == column->cases.end() || !asked) continue;
      std::cout << "  " << result.spec->id << ": " << grade_name(old->grade) << ", then "
                << grade_name(result.grade) << (old->grade == result.grade ? "" : " (timing-dependent)")
                << '\n';
      result.spec = old->spec; // the report's cases keep one spec per id
      *old = std::move(result);
      ++retried;
    }
  }
  std::cout.flush();
  return retried;
}

} // namespace ssespec::cli
