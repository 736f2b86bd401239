// `ssespec run` as a user runs it: exit codes, report files, configuration errors.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/wait.h>

namespace {

struct Ran {
  int status = -1;
  std::string output; // stdout and stderr together
};

Ran run(const std::string& arguments) {
  const std::string command = std::string(SSESPEC_CLI_PATH) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  Ran ran;
  if (!pipe) return ran;
  char buffer[4096];
  for (std::size_t got; (got = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    ran.output.append(buffer, got);
  const int status = pclose(pipe);
  ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

std::string planted(const std::string& bug) {
  return std::string("'") + SSESPEC_PLANTED_ADAPTER + " --bug " + bug + "'";
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CliRunTest, ReferencePassesWithExitZero) {
  const Ran ran = run("run --impl reference --area data --area retry");
  EXPECT_EQ(ran.status, 0) << ran.output;
  EXPECT_NE(ran.output.find("Result: PASS"), std::string::npos) << ran.output;
}

TEST(CliRunTest, AMustLevelFailureIsExitOneAndReportsAreWritten) {
  const std::string dir = ::testing::TempDir() + "ssespec_cli_reports";
  std::filesystem::create_directories(dir);
  const Ran ran =
      run("run --adapter " + planted("bom-kept") + " --area bom --json " + dir + "/r.json --junit " + dir +
          "/r.xml --html " + dir + "/r.html --markdown " + dir + "/r.md");
  EXPECT_EQ(ran.status, 1) << ran.output;
  EXPECT_NE(ran.output.find("FAIL  must   bom/leading-bom-stripped"), std::string::npos) << ran.output;
  EXPECT_NE(read(dir + "/r.json").find("\"bom/leading-bom-stripped\""), std::string::npos);
  EXPECT_NE(read(dir + "/r.xml").find("<failure"), std::string::npos);
  EXPECT_NE(read(dir + "/r.html").find("FAIL"), std::string::npos);
  EXPECT_NE(read(dir + "/r.md").find("| implementation | bom |"), std::string::npos);
  EXPECT_NE(read(dir + "/r.md").find("| planted-bom-kept | "), std::string::npos);
}

TEST(CliRunTest, ExpectationsTurnKnownFailuresGreen) {
  const std::string dir = ::testing::TempDir() + "ssespec_cli_expectations";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string adapter = "--adapter " + planted("type-not-reset") + " --area event";
  EXPECT_EQ(run("run " + adapter + " --write-expectations " + dir).status, 1);
  const Ran matched = run("run " + adapter + " --expectations " + dir);
  EXPECT_EQ(matched.status, 0) << matched.output;
  EXPECT_NE(matched.output.find("results match the expectations"), std::string::npos) << matched.output;
  // The same expectations against a bug-free model: every listed case now passes unexpectedly.
  std::filesystem::rename(dir + "/planted-type-not-reset.json", dir + "/renamed.json");
  std::string text = read(dir + "/renamed.json");
  text.replace(text.find("planted-type-not-reset"), 22, "planted-none");
  std::ofstream(dir + "/renamed.json") << text;
  const Ran unexpected = run("run --adapter " + planted("none") + " --area event --expectations " + dir);
  EXPECT_EQ(unexpected.status, 1) << unexpected.output;
  EXPECT_NE(unexpected.output.find("Unexpected passes"), std::string::npos) << unexpected.output;
}

TEST(CliRunTest, UsageAndConfigurationErrorsAreExitTwo) {
  EXPECT_EQ(run("run --no-such-option").status, 2);
  EXPECT_EQ(run("run --impl no-such-implementation").status, 2);
  EXPECT_EQ(run("run --case 'no-such-case/*'").status, 2);
  const std::string dir = ::testing::TempDir() + "ssespec_cli_bad_corpus";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/data.json") << R"({"area": "data", "description": "x", "cases": [{"id": "data/x"}]})";
  const Ran bad = run("run --corpus " + dir);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.output.find("data.json: case \"data/x\" (cases[0]): description: missing"), std::string::npos)
      << bad.output;
  std::ofstream(dir + "/implementations.json") << R"({"implementations": [{"name": "a", "command": 3}]})";
  const Ran config = run("run --config " + dir + "/implementations.json");
  EXPECT_EQ(config.status, 2);
  EXPECT_NE(config.output.find("implementations[0].command"), std::string::npos) << config.output;
  // The client and expansion fields are checked with the same care.
  const std::pair<const char*, const char*> bad_entries[] = {
      {R"({"name": "a", "builtin": "reference", "client": 3})", "implementations[0].client"},
      {R"({"name": "a", "builtin": "reference", "client": {"command": []}})",
       "implementations[0].client.command"},
      {R"({"name": "a", "builtin": "reference", "client": {"builtin": "x"}})",
       "implementations[0].client.builtin"},
      {R"({"name": "a", "builtin": "reference", "client": {"command": "x", "typo": 1}})",
       "implementations[0].client.typo"},
      {R"({"name": "a", "builtin": "reference", "max_expansion": {"random": -1}})",
       "implementations[0].max_expansion.random"},
      {R"({"name": "a", "builtin": "reference", "max_expansion": {"splits": 1}})",
       "implementations[0].max_expansion.splits"},
  };
  for (const auto& [entry, where] : bad_entries) {
    std::ofstream(dir + "/implementations.json") << R"({"implementations": [)" << entry << "]}";
    const Ran bad_entry = run("run --config " + dir + "/implementations.json");
    EXPECT_EQ(bad_entry.status, 2) << entry;
    EXPECT_NE(bad_entry.output.find(where), std::string::npos) << entry << "\n" << bad_entry.output;
  }
}

// "max_expansion" caps the run's chunking expansion for one implementation only.
TEST(CliRunTest, MaxExpansionCapsOneImplementation) {
  const std::string dir = ::testing::TempDir() + "ssespec_cli_max_expansion";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/implementations.json") << R"({"implementations": [
    {"name": "full", "builtin": "reference"},
    {"name": "capped", "builtin": "reference",
     "max_expansion": {"split_max": 0, "random": 0, "bytewise_max": 0}}]})";
  const std::string json = dir + "/r.json";
  const Ran ran = run(
      "run --config " + dir +
      "/implementations.json --case data/empty-value-dispatches-empty-string -q --no-line-endings --json " +
      json);
  ASSERT_EQ(ran.status, 0) << ran.output;
  const std::string text = read(json);
  // Whole only, against every split point, byte by byte and whole for the uncapped one.
  const auto variants_of = [&](const std::string& name) {
    const auto at = text.find("\"name\": \"" + name + "\"");
    if (at == std::string::npos) return std::string("missing");
    const auto field = text.find("\"variants_run\": ", at);
    return text.substr(field + 16, text.find_first_of(",\n}", field + 16) - field - 16);
  };
  EXPECT_EQ(variants_of("capped"), "1") << text.substr(0, 2000);
  EXPECT_NE(variants_of("full"), "1");
  EXPECT_NE(variants_of("full"), "missing");
}

TEST(CliRunTest, AnAdapterThatCannotStartIsExitOne) {
  const Ran ran = run("run --adapter 'exit 3' --area data");
  EXPECT_EQ(ran.status, 1) << ran.output;
  EXPECT_NE(ran.output.find("could not start"), std::string::npos) << ran.output;
}

} // namespace

namespace {

// The adapters docs/adapter-protocol.md shows pass the whole suite.
TEST(ExampleAdapterTest, TheCppExamplePassesTheSuite) {
  const Ran ran = run(std::string("run -q --adapter ") + SSESPEC_EXAMPLE_ADAPTER +
                      " --split-max 32 --random 2 --bytewise-max 2048");
  EXPECT_EQ(ran.status, 0) << ran.output;
}

TEST(ExampleAdapterTest, TheNodeExamplePassesTheSuite) {
  if (std::system("node --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "node is not installed";
  const Ran ran =
      run(std::string("run -q --adapter 'node ") + SSESPEC_SOURCE_ROOT +
          "/conformance/examples/minimal-adapter.js' --split-max 32 --random 2 --bytewise-max 2048");
  EXPECT_EQ(ran.status, 0) << ran.output;
}

} // namespace

namespace {

// docs/coverage.md is generated from the corpus; it must say what the corpus says now.
TEST(CoverageDocTest, DocsCoverageIsCurrent) {
  const Ran ran = run("cases --coverage --corpus " + std::string(SSESPEC_SOURCE_ROOT) + "/corpus/spec");
  ASSERT_EQ(ran.status, 0) << ran.output;
  EXPECT_EQ(ran.output, read(std::string(SSESPEC_SOURCE_ROOT) + "/docs/coverage.md"))
      << "regenerate it: build/bin/ssespec cases --coverage > docs/coverage.md";
}

TEST(CliReportTest, ReportRendersTheJsonAgain) {
  const std::string dir = ::testing::TempDir() + "ssespec_cli_report";
  std::filesystem::create_directories(dir);
  const Ran ran = run("run --adapter " + planted("nul-id-accepted") + " --area id --json " + dir + "/r.json");
  EXPECT_EQ(ran.status, 1);
  const Ran again = run("report " + dir + "/r.json");
  EXPECT_EQ(again.status, 1) << again.output;
  EXPECT_NE(again.output.find("FAIL  must   id/nul-in-id-ignored-previous-kept"), std::string::npos)
      << again.output;
  EXPECT_EQ(run("report " + dir + "/r.json --html " + dir + "/again.html").status, 1);
  EXPECT_NE(read(dir + "/again.html").find("id/nul-in-id-ignored-previous-kept"), std::string::npos);
  std::ofstream(dir + "/bad.json") << "{\"tool\": \"ssespec\", \"format\": 99}";
  EXPECT_EQ(run("report " + dir + "/bad.json").status, 2);
}

} // namespace

namespace {

// `run --clients`: the client scenarios join the parser-level run, its reports and exit code.
TEST(CliRunTest, ClientsJoinTheRunAndItsReports) {
  const std::string dir = ::testing::TempDir() + "ssespec_cli_clients";
  std::filesystem::create_directories(dir);
  const Ran ran = run("run --impl reference --area data --clients --client-only basic- --json " + dir +
                      "/r.json --html " + dir + "/r.html");
  EXPECT_EQ(ran.status, 0) << ran.output;
  const std::string json = read(dir + "/r.json");
  EXPECT_NE(json.find("\"clients/basic-single-event\""), std::string::npos);
  // The reference's client (implementations.json "client") joins the reference's own column.
  EXPECT_NE(json.find("; client: "), std::string::npos) << json.substr(0, 3000);
  EXPECT_EQ(json.find("ssespec-reference-client"), std::string::npos);
  EXPECT_NE(read(dir + "/r.html").find("clients/basic-single-event"), std::string::npos);
  // The combined report reads back.
  EXPECT_EQ(run("report " + dir + "/r.json -q").status, 0);
}

TEST(CliRunTest, AnExplicitClientAdapterIsItsOwnColumn) {
  const std::string dir = ::testing::TempDir() + "ssespec_cli_clients_own";
  std::filesystem::create_directories(dir);
  const Ran ran =
      run("run --impl reference --area data --clients --client-only basic-single --client-adapter '" +
          std::string(SSESPEC_CLI_PATH) + " client-adapter' --json " + dir + "/r.json");
  EXPECT_EQ(ran.status, 0) << ran.output;
  EXPECT_NE(read(dir + "/r.json").find("ssespec-client/1"), std::string::npos);
}

// A client whose first scenario run fails (here: it crashes once) and then passes. With
// --client-retries the case differing from the expectations runs again and the new result stands;
// without, the run fails.
TEST(CliRunTest, ClientRetriesRunDifferingClientCasesAgain) {
  const std::string dir = ::testing::TempDir() + "ssespec_cli_client_retries";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/expectations");
  std::ofstream(dir + "/expectations/none.json") << R"({"implementation": "nobody", "failures": []})";
  const std::string mark = dir + "/crashed-once";
  std::ofstream(dir + "/client.sh")
      << "if [ -e '" << mark << "' ]; then exec " << SSESPEC_CLI_PATH << " client-adapter; fi\n"
      << "touch '" << mark << "'\n"
      << "echo '{\"protocol\":\"ssespec-client/1\",\"name\":\"ssespec-reference-client\",\"version\":\"0\","
         "\"capabilities\":[]}'\n"
      << "read line; exit 1\n";
  const std::string common = "run --impl reference --area data --clients --client-only basic-single "
                             "--client-adapter 'sh " +
                             dir + "/client.sh' --expectations " + dir + "/expectations";
  const Ran retried = run(common + " --client-retries 1");
  EXPECT_EQ(retried.status, 0) << retried.output;
  EXPECT_NE(retried.output.find("clients/basic-single-event: ERROR, then OK (timing-dependent)"),
            std::string::npos)
      << retried.output;
  std::filesystem::remove(mark);
  const Ran once = run(common);
  EXPECT_EQ(once.status, 1) << once.output;
  EXPECT_NE(once.output.find("Unexpected failures"), std::string::npos) << once.output;
}

TEST(CliRunTest, ClientsNeedAClientAdapter) {
  const Ran ran = run("run --adapter " + planted("none") + " --area data --clients");
  EXPECT_EQ(ran.status, 2) << ran.output;
  EXPECT_NE(ran.output.find("none of the selected implementations has a client adapter"), std::string::npos)
      << ran.output;
}

TEST(CliRunTest, ABrokenClientAdapterFailsTheRun) {
  const Ran ran =
      run("run --impl reference --area data --clients --client-only basic- --client-adapter 'exit 3'");
  EXPECT_EQ(ran.status, 1) << ran.output;
}

TEST(CliRunTest, ABadClientScenarioDirectoryIsAConfigurationError) {
  const Ran ran = run("run --impl reference --area data --clients --client-scenarios /nonexistent-dir");
  EXPECT_EQ(ran.status, 2) << ran.output;
}

} // namespace
