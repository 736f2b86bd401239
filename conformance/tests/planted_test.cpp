// The runner against planted bugs: each must be caught on the cases it breaks, the bug-free model
// must pass everything, and an adapter that hangs, crashes or garbles must cost only the cases it
// strikes, with every case accounted for.
#include "fixtures.h"
#include "interrupt.h"
#include "runner.h"
#include "subprocess_implementation.h"

#include <gtest/gtest.h>
#include <map>
#include <set>
#include <thread>

namespace ssespec {
namespace {

const std::vector<std::shared_ptr<const SpecCase>>& corpus() {
  static const std::vector<std::shared_ptr<const SpecCase>> cases = [] {
    LoadResult loaded = load_fixture_directory(std::string(SSESPEC_SOURCE_ROOT) + "/corpus/spec");
    EXPECT_TRUE(loaded.errors.empty()) << loaded.errors.front();
    std::vector<std::shared_ptr<const SpecCase>> out;
    for (SpecCase& spec : loaded.cases)
      out.push_back(std::make_shared<const SpecCase>(std::move(spec)));
    return out;
  }();
  return cases;
}

// A lighter expansion than a real run (the chunkings that matter for these bugs stay: byte by byte
// and every split of short inputs), so that a dozen full runs over pipes stay quick.
RunSettings test_settings() {
  RunSettings settings;
  settings.expansion.every_split_max_bytes = 32;
  settings.expansion.random_chunkings = 2;
  settings.expansion.byte_by_byte_max_bytes = 2048;
  settings.jobs = 2;
  return settings;
}

ImplementationReport run_planted(const std::string& bug, const std::vector<std::string>& strike_on = {},
                                 const std::vector<std::shared_ptr<const SpecCase>>& cases = corpus(),
                                 RunSettings settings = test_settings(), SubprocessLimits limits = {}) {
  AdapterCommand command;
  command.argv = {SSESPEC_PLANTED_ADAPTER, "--bug", bug};
  for (const std::string& prefix : strike_on) {
    command.argv.push_back("--on");
    command.argv.push_back(prefix);
  }
  ImplementationSetup setup;
  setup.make = [command, limits] { return std::make_unique<SubprocessImplementation>(command, limits); };
  return run_suite(setup, cases, settings);
}

std::map<std::string, Grade> grades(const ImplementationReport& report) {
  std::map<std::string, Grade> out;
  for (const CaseResult& result : report.cases)
    out[result.spec->id] = result.grade;
  return out;
}

std::set<std::string> failing(const ImplementationReport& report) {
  std::set<std::string> out;
  for (const CaseResult& result : report.cases) {
    if (result.grade != Grade::ok) out.insert(result.spec->id);
  }
  return out;
}

std::string describe(const std::set<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids)
    out += id + " ";
  return out;
}

TEST(PlantedTest, TheModelWithoutBugsPassesEverything) {
  const ImplementationReport report = run_planted("none");
  ASSERT_TRUE(report.hello) << report.start_error;
  EXPECT_EQ(report.cases.size(), corpus().size());
  EXPECT_EQ(failing(report), std::set<std::string>{});
}

struct PlantedBug {
  const char* bug;
  std::vector<const char*> caught; // cases that must fail
  std::vector<const char*> passed; // cases the bug does not touch
};

void PrintTo(const PlantedBug& planted, std::ostream* out) {
  *out << planted.bug;
}

class PlantedBugTest : public ::testing::TestWithParam<PlantedBug> {};

TEST_P(PlantedBugTest, IsCaughtOnTheCasesItBreaks) {
  const PlantedBug& planted = GetParam();
  const ImplementationReport report = run_planted(planted.bug);
  ASSERT_TRUE(report.hello) << report.start_error;
  const std::map<std::string, Grade> by_id = grades(report);
  for (const char* id : planted.caught) {
    ASSERT_TRUE(by_id.count(id)) << "the corpus has no case " << id;
    EXPECT_TRUE(is_failing(by_id.at(id)) || by_id.at(id) == Grade::warning)
        << planted.bug << " not caught by " << id;
  }
  for (const char* id : planted.passed) {
    ASSERT_TRUE(by_id.count(id)) << "the corpus has no case " << id;
    EXPECT_EQ(by_id.at(id), Grade::ok) << planted.bug << " blamed on " << id;
  }
  if (!planted.passed.empty()) {
    EXPECT_LT(failing(report).size(), corpus().size()) << describe(failing(report));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Bugs, PlantedBugTest,
    ::testing::Values(
        PlantedBug{"lone-cr-held",
                   {"line-endings/lone-cr-dispatches", "dispatch/buffers-start-empty"},
                   {"line-endings/three-lf", "line-endings/many-events-lf"}},
        PlantedBug{"bom-kept",
                   {"bom/leading-bom-stripped", "bom/leading-bom-before-event-field"},
                   {"bom/bom-mid-stream-not-stripped"}},
        PlantedBug{"nul-id-accepted",
                   {"id/nul-in-id-ignored-previous-kept", "id/nul-only-id-ignored"},
                   {"id/empty-id-resets"}},
        PlantedBug{"lenient-retry", {"retry/unit-suffix-ignored"}, {"retry/empty-value-ignored"}},
        PlantedBug{"empty-events",
                   {"dispatch/blank-lines-only", "dispatch/extra-blank-lines-between-events"},
                   {"dispatch/buffers-start-empty", "data/empty-value-dispatches-empty-string"}},
        PlantedBug{
            "type-not-reset", {"event/type-reset-after-dispatch"}, {"event/empty-value-gives-message"}},
        PlantedBug{"chunk-per-message",
                   {"line-endings/lone-cr-dispatches", "data/two-empty-data-lines-give-newline"},
                   {}}),
    [](const ::testing::TestParamInfo<PlantedBug>& info) {
      std::string name = info.param.bug;
      for (char& c : name)
        c = c == '-' ? '_' : c;
      return name;
    });

// A narrower selection for the misbehaving adapters: every case of three areas, and the adapter
// misbehaves on one area only.
std::vector<std::shared_ptr<const SpecCase>> some_areas() {
  std::vector<std::shared_ptr<const SpecCase>> out;
  for (const auto& spec : corpus()) {
    if (spec->area == "event" || spec->area == "comments" || spec->area == "retry") out.push_back(spec);
  }
  return out;
}

void expect_struck_area_errors_only(const ImplementationReport& report, const std::string& area,
                                    const std::string& stderr_text) {
  ASSERT_TRUE(report.hello) << report.start_error;
  ASSERT_EQ(report.cases.size(), some_areas().size());
  std::size_t errors = 0;
  for (const CaseResult& result : report.cases) {
    ASSERT_TRUE(result.spec);
    if (result.spec->area != area) {
      EXPECT_EQ(result.grade, Grade::ok) << result.spec->id;
      continue;
    }
    EXPECT_EQ(result.grade, Grade::errored) << result.spec->id;
    ASSERT_FALSE(result.failures.empty()) << result.spec->id;
    EXPECT_NE(result.failures.front().diagnostics.find(stderr_text), std::string::npos)
        << result.spec->id << ": " << result.failures.front().diagnostics;
    ++errors;
  }
  EXPECT_GT(errors, 0u);
}

TEST(PlantedMisbehaviourTest, CrashingAdapterIsRestartedAndOnlyItsCasesFail) {
  const ImplementationReport report = run_planted("crash", {"comments/"}, some_areas());
  expect_struck_area_errors_only(report, "comments", "planted crash on comments/");
  EXPECT_NE(report.cases[0].spec, nullptr);
}

TEST(PlantedMisbehaviourTest, GarblingAdapterGetsErrorsWithItsStderr) {
  const ImplementationReport report = run_planted("garble", {"comments/"}, some_areas());
  expect_struck_area_errors_only(report, "comments", "planted garbage on comments/");
  for (const CaseResult& result : report.cases) {
    if (result.spec->area == "comments") {
      EXPECT_NE(result.failures.front().message.find("garbled response"), std::string::npos);
    }
  }
}

TEST(PlantedMisbehaviourTest, WrongIdIsAnError) {
  const ImplementationReport report = run_planted("wrong-id", {"event/"}, some_areas());
  ASSERT_TRUE(report.hello);
  for (const CaseResult& result : report.cases) {
    EXPECT_EQ(result.grade, result.spec->area == "event" ? Grade::errored : Grade::ok) << result.spec->id;
  }
}

TEST(PlantedMisbehaviourTest, HangingAdapterIsKilledAndTheRunCarriesOn) {
  // Two struck cases, each hanging once: killed at the timeout, the case marked, the rest run.
  std::vector<std::shared_ptr<const SpecCase>> cases = some_areas();
  const std::string first = cases[1]->id, second = cases[5]->id;
  SubprocessLimits limits;
  limits.request_timeout = std::chrono::milliseconds(300); // only the hanging requests ever reach it
  RunSettings settings = test_settings();
  settings.expansion.byte_by_byte_max_bytes = 256;
  const ImplementationReport report = run_planted("hang", {first, second}, cases, settings, limits);
  ASSERT_TRUE(report.hello);
  EXPECT_TRUE(report.abandoned.empty());
  ASSERT_EQ(report.cases.size(), cases.size());
  for (const CaseResult& result : report.cases) {
    const bool struck = result.spec->id == first || result.spec->id == second;
    EXPECT_EQ(result.grade, struck ? Grade::errored : Grade::ok) << result.spec->id;
    if (struck) {
      EXPECT_EQ(result.variants, 1u);
      EXPECT_GT(result.not_run, 0u);
      EXPECT_NE(result.failures.front().message.find("timed out"), std::string::npos);
      EXPECT_NE(result.failures.front().diagnostics.find("planted hang"), std::string::npos);
    }
  }
}

TEST(PlantedMisbehaviourTest, AdapterThatNeverStartsIsAStartError) {
  SubprocessLimits limits;
  ImplementationSetup setup;
  setup.make = [limits] {
    return std::make_unique<SubprocessImplementation>(
        AdapterCommand::from_shell("echo oops >&2; echo not a hello"), limits);
  };
  const ImplementationReport report = run_suite(setup, some_areas(), test_settings());
  EXPECT_FALSE(report.hello);
  EXPECT_NE(report.start_error.find("bad hello line"), std::string::npos) << report.start_error;
  EXPECT_NE(report.start_error.find("oops"), std::string::npos) << report.start_error;
  EXPECT_EQ(report.cases.size(), some_areas().size());
}

} // namespace
} // namespace ssespec

namespace ssespec {
namespace {

TEST(PlantedInterruptTest, CtrlCLeavesEveryCaseAccountedFor) {
  // Whenever the interrupt lands (before, during or after the hang), the report must account for
  // every case: finished ones keep their result, the rest are NOT-RUN, and the run says so.
  std::vector<std::shared_ptr<const SpecCase>> cases = some_areas();
  SubprocessLimits limits;
  limits.request_timeout = std::chrono::minutes(10); // only Ctrl-C can end the hang
  std::thread interrupter([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    request_interrupt();
  });
  const ImplementationReport report = run_planted("hang", {cases[3]->id}, cases, test_settings(), limits);
  interrupter.join();
  clear_interrupt();
  EXPECT_TRUE(report.interrupted);
  ASSERT_EQ(report.cases.size(), cases.size());
  std::size_t not_run = 0;
  for (const CaseResult& result : report.cases) {
    ASSERT_TRUE(result.spec);
    EXPECT_TRUE(result.grade == Grade::ok || result.grade == Grade::not_run) << result.spec->id;
    if (result.grade == Grade::not_run) {
      ++not_run;
      EXPECT_GT(result.not_run, 0u);
    }
  }
  EXPECT_GT(not_run, 0u); // the hanging case at least
  RunReport run;
  run.implementations.push_back(report);
  run.interrupted = report.interrupted;
  EXPECT_EQ(exit_code_for(run), 130);
}

} // namespace
} // namespace ssespec
