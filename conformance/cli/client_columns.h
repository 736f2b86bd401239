// `ssespec run --clients`: the client-level scenarios join a parser-level run. Each selected
// implementation with a client adapter (implementations.json "client") runs them, and its results
// join that implementation's own column; or one explicit --client-adapter is a column of its own.
// The client suites start before the parser-level suite and run alongside it: client scenarios
// mostly wait (retry delays, settle times), so they cost the parser-level run little.
#pragma once

#include "client_suite.h"
#include "expectations.h"
#include "report_console.h"
#include "results.h"
#include "runner.h"

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ssespec::cli {

struct ClientColumnsOptions {
  ClientSuiteOptions suite; // adapter: non-empty for an explicit --client-adapter
  std::size_t jobs = 1;     // client suites run at once (each has its own mock server and adapter)
};

class ClientColumns {
public:
  // `setups[i]` will make the parser-level `report.implementations[i]`. Says why on stderr and
  // leaves started() false when no selected implementation has a client adapter.
  ClientColumns(const ClientColumnsOptions& options, const std::vector<ImplementationSetup>& setups);
  ~ClientColumns(); // waits for the suites
  ClientColumns(const ClientColumns&) = delete;
  ClientColumns& operator=(const ClientColumns&) = delete;

  bool started() const { return !jobs_.empty(); }

  // Waits for every suite, prints each one's progress and its column, appends the `clients/...`
  // cases to the report once and merges the results into the columns. 0, or 2 when a suite could
  // not run (bad scenarios, a server that would not start; said on stderr).
  int finish(RunReport& report, const ConsoleOptions& console);

  // A client-level result can depend on timing (a browser starting on a loaded machine, a settle
  // window). Runs the client cases among `findings` (results that differ from the expectation
  // files) once more, each implementation's in one suite, and puts the new results in the report in
  // place of the old ones: the new result stands. Prints each case's two results. Returns how many
  // cases were run again.
  std::size_t retry(RunReport& report, const std::vector<ExpectationFinding>& findings);

private:
  struct Job {
    // Index into setups / report.implementations; none: its own column, which finish() appends
    // and then records here.
    std::optional<std::size_t> column;
    std::string name;     // for the progress header
    std::string adapter;  // "" : the reference client
    std::string progress; // the suite's progress lines, printed whole
    std::optional<ClientSuiteRun> run;
  };
  void work();

  ClientSuiteOptions suite_options_;
  std::vector<Job> jobs_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::thread> threads_;
};

} // namespace ssespec::cli
