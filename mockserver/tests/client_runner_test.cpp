// The client runner with the reference client on a subset of the shipped client scenarios, and with
// broken adapters that it must fail or mark as errors (never hang on).
#include "client_runner.h"
#include "scenario_loader.h"

#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace ssespec::client {
namespace {

std::vector<mock::Scenario> shipped(const std::vector<std::string>& names) {
  auto load = mock::load_scenario_directory(mock::default_scenario_directory());
  EXPECT_TRUE(load.errors.empty());
  std::vector<mock::Scenario> out;
  for (const auto& name : names) {
    bool found = false;
    for (const auto& scenario : load.scenarios) {
      if (scenario.name == name) {
        out.push_back(scenario);
        found = true;
      }
    }
    EXPECT_TRUE(found) << name;
  }
  return out;
}

std::string results_text(const ClientRun& run) {
  std::string text;
  for (const auto& result : run.results) {
    text += result.scenario + ": " + std::string(client_verdict_name(result.verdict)) + "\n";
    for (const auto& problem : result.problems)
      text += "  " + problem + "\n";
    if (!result.diagnostics.empty()) text += "  stderr: " + result.diagnostics + "\n";
  }
  return text;
}

ClientRunOptions reference() {
  ClientRunOptions options;
  options.adapter = SSESPEC_REFERENCE_CLIENT_ADAPTER;
  return options;
}

// One scenario of each family: delivery, reconnection, Last-Event-ID, partial events, retry,
// status, content type, redirect, POST.
TEST(ClientRunner, ReferenceClientPassesASubset) {
  const std::vector<std::string> names = {"basic-event-split-mid-line",
                                          "rapid-100-events-100-writes",
                                          "large-message-5mb",
                                          "heartbeats-ignored",
                                          "reconnect-after-abort",
                                          "last-event-id-sent-on-reconnect",
                                          "last-event-id-reset-not-sent",
                                          "partial-event-discarded-on-abort",
                                          "partial-line-not-joined-with-next-connection",
                                          "retry-short",
                                          "status-204-stops",
                                          "status-500-after-reconnect",
                                          "content-type-text-plain-fails",
                                          "content-type-charset-utf8-accepted",
                                          "redirect-307-followed",
                                          "post-openai-style-stream",
                                          "stall-after-event-delivers-at-once"};
  auto run = run_client_scenarios(shipped(names), reference());
  ASSERT_TRUE(run.server_error.empty()) << run.server_error;
  ASSERT_EQ(run.results.size(), names.size());
  for (const auto& result : run.results)
    EXPECT_EQ(result.verdict, ClientVerdict::pass) << results_text(run);
  ASSERT_TRUE(run.hello);
  EXPECT_EQ(run.hello->name, "ssespec-reference-client");
  EXPECT_EQ(client_exit_code(run), 0);
}

// A shell adapter: hello, then for the open command a fixed list of records, then "closed".
std::string scripted_adapter(const std::string& after_open, const std::string& hello_caps = "[]") {
  // Unique per process and call: ctest runs these tests in parallel processes, and an unseeded
  // std::rand() gave every process the same name, so tests overwrote each other's scripts.
  static int count = 0;
  const std::string path =
      ::testing::TempDir() + "adapter-" + std::to_string(::getpid()) + "-" + std::to_string(count++) + ".sh";
  std::ofstream out(path);
  out << "echo '{\"protocol\":\"ssespec-client/1\",\"name\":\"scripted\",\"version\":\"0\",\"capabilities\":"
      << hello_caps << "}'\n"
      << "read line\n"
      << after_open << "\n"
      << "read line\n"
      << "echo '{\"id\":\"basic-single-event\",\"kind\":\"closed\"}'\n";
  return "sh " + path;
}

ClientResult run_single(const std::string& adapter, double timeout_ms = 0) {
  ClientRunOptions options;
  options.adapter = adapter;
  options.hello_timeout = std::chrono::milliseconds(3000);
  options.close_timeout = std::chrono::milliseconds(1000);
  auto scenarios = shipped({"basic-single-event"});
  if (timeout_ms > 0) scenarios[0].client->timeout_ms = timeout_ms;
  auto run = run_client_scenarios(scenarios, options);
  EXPECT_EQ(run.results.size(), 1u);
  return run.results.empty() ? ClientResult{} : run.results[0];
}

// After the script's last stream ends, a client must reconnect; with retry 0 it does so before any
// close can reach it. That one connection (answered 204) is no failure.
TEST(ClientRunner, ReconnectingAfterTheLastStreamIsNoFailure) {
  auto scenarios = shipped({"retry-zero"});
  ASSERT_EQ(scenarios.size(), 1u);
  scenarios[0].client->settle_ms = 500; // the reference client reconnects within this window
  const auto run = run_client_scenarios(scenarios, reference());
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0].verdict, ClientVerdict::pass) << results_text(run);
}

TEST(ClientRunner, WrongEventDataFails) {
  auto result = run_single(scripted_adapter("echo "
                                            "'{\"id\":\"basic-single-event\",\"kind\":\"event\",\"type\":"
                                            "\"message\",\"data\":\"hellO\",\"lastEventId\":\"\"}'"));
  EXPECT_EQ(result.verdict, ClientVerdict::fail);
  ASSERT_FALSE(result.problems.empty());
  EXPECT_NE(result.problems[0].find("event 0: expected {type \"message\", data \"hello\""), std::string::npos)
      << result.problems[0];
}

TEST(ClientRunner, ClientThatNeverConnectsFails) {
  // Reports an event without ever making a request: the scenario's request count is not met.
  auto result = run_single(scripted_adapter("echo "
                                            "'{\"id\":\"basic-single-event\",\"kind\":\"event\",\"type\":"
                                            "\"message\",\"data\":\"hello\",\"lastEventId\":\"\"}'"),
                           1000);
  EXPECT_EQ(result.verdict, ClientVerdict::fail);
  std::string all;
  for (const auto& p : result.problems)
    all += p + "\n";
  EXPECT_NE(all.find("expected 1 connection(s) to the server, saw 0"), std::string::npos) << all;
}

// A client that takes longer to start (a browser on a loaded machine) than the scenario's timeout
// still gets the whole timeout once it shows up: here 1.5 s of start, then the event, within 1 s.
TEST(ClientRunner, ScenarioTimeoutCountsFromTheClientsFirstSign) {
  auto result = run_single(scripted_adapter("sleep 1.5; echo "
                                            "'{\"id\":\"basic-single-event\",\"kind\":\"event\",\"type\":"
                                            "\"message\",\"data\":\"hello\",\"lastEventId\":\"\"}'"),
                           1000);
  std::string all;
  for (const auto& p : result.problems)
    all += p + "\n";
  EXPECT_EQ(all.find("timed out"), std::string::npos) << all;
  // It never connected, which is the one thing wrong with it.
  EXPECT_NE(all.find("expected 1 connection(s) to the server, saw 0"), std::string::npos) << all;
}

TEST(ClientRunner, ClientThatNeverShowsUpFailsAfterTheStartWindow) {
  ClientRunOptions options;
  options.adapter = scripted_adapter("sleep 600");
  options.start_timeout = std::chrono::milliseconds(300);
  options.close_timeout = std::chrono::milliseconds(300);
  auto run = run_client_scenarios(shipped({"basic-single-event"}), options);
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_NE(run.results[0].verdict, ClientVerdict::pass);
  ASSERT_FALSE(run.results[0].problems.empty());
  EXPECT_NE(run.results[0].problems[0].find("neither reported anything nor connected within 300 ms"),
            std::string::npos)
      << results_text(run);
}

TEST(ClientRunner, GarbledOutputIsAnError) {
  auto result = run_single(scripted_adapter("echo 'this is not json'; echo 'to stderr' >&2"));
  EXPECT_EQ(result.verdict, ClientVerdict::error);
  EXPECT_NE(result.problems.at(0).find("bad record line"), std::string::npos) << result.problems[0];
  EXPECT_NE(result.diagnostics.find("to stderr"), std::string::npos);
}

TEST(ClientRunner, CrashingAdapterIsAnError) {
  auto result = run_single(scripted_adapter("echo 'dying' >&2; kill -9 $$"));
  EXPECT_EQ(result.verdict, ClientVerdict::error);
  EXPECT_NE(result.problems.at(0).find("exited"), std::string::npos) << result.problems[0];
  EXPECT_NE(result.diagnostics.find("dying"), std::string::npos);
}

TEST(ClientRunner, SilentAdapterIsAnErrorNotAHang) {
  auto result = run_single("sleep 600");
  EXPECT_EQ(result.verdict, ClientVerdict::error);
  EXPECT_NE(result.problems.at(0).find("no hello line within 3000 ms"), std::string::npos)
      << result.problems[0];
}

TEST(ClientRunner, AdapterThatNeverAcknowledgesCloseIsAnError) {
  ClientRunOptions options;
  options.adapter =
      "echo '{\"protocol\":\"ssespec-client/1\",\"name\":\"mute\",\"capabilities\":[]}'; sleep 600";
  options.close_timeout = std::chrono::milliseconds(500);
  options.start_timeout = std::chrono::milliseconds(500);
  auto scenarios = shipped({"basic-single-event"});
  scenarios[0].client->timeout_ms = 500;
  auto run = run_client_scenarios(scenarios, options);
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0].verdict, ClientVerdict::error) << results_text(run);
  EXPECT_EQ(client_exit_code(run), 1);
}

TEST(ClientRunner, MissingCapabilityIsASkip) {
  auto run = run_client_scenarios(shipped({"post-openai-style-stream"}),
                                  ClientRunOptions{scripted_adapter("true", "[\"reconnect\"]")});
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0].verdict, ClientVerdict::skip);
  EXPECT_EQ(run.results[0].problems.at(0), "the adapter lacks: post, custom-headers");
  EXPECT_EQ(client_exit_code(run), 0);
}

} // namespace
} // namespace ssespec::client
