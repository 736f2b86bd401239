// Client results in the runner's model: grades by level, messages kept, the run's exit code.
#include "client_report.h"

#include <gtest/gtest.h>

namespace ssespec::client {
namespace {

mock::Scenario scenario(const std::string& name, const std::string& level) {
  mock::Scenario out;
  out.name = name;
  out.client = mock::ClientExpectation{};
  out.client->level = level;
  return out;
}

ClientResult result(const std::string& name, const std::string& level, ClientVerdict verdict) {
  ClientResult out;
  out.scenario = name;
  out.level = level;
  out.verdict = verdict;
  if (verdict != ClientVerdict::pass) out.problems = {"first problem", "second problem"};
  return out;
}

TEST(ClientReport, GradesFollowLevelsAndVerdicts) {
  std::vector<mock::Scenario> scenarios = {scenario("a", "must"), scenario("b", "should"),
                                           scenario("c", "must"), scenario("d", "must"),
                                           scenario("e", "implementation-defined")};
  ClientRun run;
  run.hello = Hello{std::string(kClientProtocol), "client", "1", {"reconnect"}};
  run.results = {result("a", "must", ClientVerdict::pass), result("b", "should", ClientVerdict::fail),
                 result("c", "must", ClientVerdict::error), result("d", "must", ClientVerdict::skip),
                 result("e", "implementation-defined", ClientVerdict::fail)};
  ClientRunOptions options;
  options.adapter = "cmd";
  auto report = client_run_report(run, options, scenarios, false);
  ASSERT_EQ(report.implementations.size(), 1u);
  const auto& cases = report.implementations[0].cases;
  ASSERT_EQ(cases.size(), 5u);
  ASSERT_EQ(report.cases.size(), 5u);
  EXPECT_EQ(cases[0].spec->id, "clients/a");
  EXPECT_EQ(cases[0].grade, Grade::ok);
  EXPECT_EQ(cases[1].grade, Grade::warning);
  EXPECT_EQ(cases[2].grade, Grade::errored);
  EXPECT_EQ(cases[3].grade, Grade::skipped);
  EXPECT_EQ(cases[4].grade, Grade::informational);
  ASSERT_EQ(cases[1].failures.size(), 1u);
  EXPECT_EQ(cases[1].failures[0].message, "first problem; second problem");
  EXPECT_EQ(cases[3].skip_reason, "first problem; second problem");
  EXPECT_EQ(report.implementations[0].name, "client");
  EXPECT_EQ(exit_code_for(report), 1); // the error on a must-level scenario

  run.results[2].verdict = ClientVerdict::pass;
  EXPECT_EQ(exit_code_for(client_run_report(run, options, scenarios, false)), 0);
  EXPECT_EQ(exit_code_for(client_run_report(run, options, scenarios, true)), 1); // strict: b's failure counts
}

} // namespace
} // namespace ssespec::client
