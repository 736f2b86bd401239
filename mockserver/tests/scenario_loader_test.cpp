// Scenario validation: every problem named by file and JSON path; the shipped scenarios all load.
#include "scenario_loader.h"
#include "transform.h"

#include <gtest/gtest.h>

namespace ssespec::mock {
namespace {

std::vector<std::string> errors_of(const std::string& json) {
  ScenarioLoad load;
  load_scenario_text(json, "x", "mockserver/scenarios/x.json", load);
  if (load.errors.empty()) {
    EXPECT_EQ(load.scenarios.size(), 1u);
  }
  return load.errors;
}

TEST(ScenarioLoader, NamesFileAndJsonPath) {
  auto errors = errors_of(R"({"connections": [{}, {"steps": [
    {"kind": "send", "chunks": ["a"]}, {"kind": "sleep", "ms": 1}, {"kind": "close"},
    {"kind": "send", "chunks": "not an array"}]}]})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "mockserver/scenarios/x.json: connections[1].steps[3].chunks: expected an array of strings "
            "(or base64/repeat parts), at least one");
}

TEST(ScenarioLoader, ReportsEveryProblem) {
  auto errors = errors_of(R"({"connections": [{"status": 42, "framing": "zip", "colour": 1,
    "expect": {"headers": {"Last-Event-ID": 3}},
    "steps": [{"kind": "teleport"}, {"kind": "sleep"}, {"kind": "heartbeat", "every_ms": 0, "for_ms": 10},
              {"kind": "send", "chunks": [{"base64": "!!"}]}, {"kind": "send", "chunks": [""]}]}],
    "client": {"level": "may", "requires": ["telepathy"], "wait": {"ready_state": 7}}})");
  const std::vector<std::string> want = {
      "connections[0].colour: unknown field",
      "connections[0].expect.headers.Last-Event-ID: expected a string (exact value), true (present) or null "
      "(absent)",
      "connections[0].status: expected an HTTP status from 100 to 599",
      "connections[0].framing: expected \"chunked\" or \"close\"",
      "connections[0].steps[0].kind: unknown step kind \"teleport\"",
      "connections[0].steps[1].ms: required (milliseconds)",
      "connections[0].steps[2].every_ms: expected milliseconds",
      "connections[0].steps[3].chunks[0].base64: not base64",
      "connections[0].steps[4].chunks[0]: a chunk must not be empty",
      "client.level: expected must, should or implementation-defined",
      "client.requires[0]: expected one of",
      "client.wait.ready_state: expected a readyState",
  };
  std::string all;
  for (const auto& e : errors)
    all += e + "\n";
  for (const auto& fragment : want) {
    EXPECT_NE(all.find("mockserver/scenarios/x.json: " + fragment), std::string::npos)
        << fragment << "\nin:\n"
        << all;
  }
}

TEST(ScenarioLoader, RejectsStructuralMistakes) {
  EXPECT_EQ(errors_of("{").at(0).substr(0, 44), "mockserver/scenarios/x.json: not valid JSON:");
  EXPECT_EQ(errors_of("[]").at(0),
            "mockserver/scenarios/x.json: (root): expected an object with \"connections\"");
  EXPECT_EQ(errors_of("{\"connections\": []}").at(0),
            "mockserver/scenarios/x.json: connections: required: an array of connections, at least one");
  EXPECT_EQ(
      errors_of(R"({"connections": [{"steps": [{"kind": "redirect", "location": "/"}, {"kind": "close"}]}]})")
          .at(0),
      "mockserver/scenarios/x.json: connections[0].steps[0]: a redirect answers the whole connection: it "
      "must be the only step");
  EXPECT_TRUE(
      errors_of(
          R"({"connections": [{"steps": [{"kind": "send", "chunks": [{"repeat": "ab", "count": 3}]}]}]})")
          .empty());
}

TEST(ScenarioLoader, ReadsStepsAndTextValues) {
  ScenarioLoad load;
  load_scenario_text(R"({"connections": [{"steps": [
      {"kind": "send", "chunks": ["a", {"base64": "/w=="}, {"repeat": "xy", "count": 2}]},
      {"kind": "heartbeat", "every_ms": 10, "for_ms": 30, "comment": ": ping\n\n"}]}]})",
                     "x", "x.json", load);
  ASSERT_TRUE(load.errors.empty()) << load.errors.front();
  const auto& steps = load.scenarios[0].connections[0].steps;
  ASSERT_EQ(steps.size(), 2u);
  ASSERT_EQ(steps[0].chunks.size(), 3u);
  EXPECT_EQ(steps[0].chunks[1].bytes, "\xff");
  EXPECT_TRUE(steps[0].chunks[1].raw);
  EXPECT_EQ(steps[0].chunks[2].bytes, "xyxy");
  EXPECT_EQ(steps[1].comment, ": ping\n\n");
}

TEST(ScenarioLoader, ShippedScenariosAllLoad) {
  auto load = load_scenario_directory(default_scenario_directory());
  std::string all;
  for (const auto& e : load.errors)
    all += e + "\n";
  EXPECT_TRUE(load.errors.empty()) << all;
  EXPECT_GE(load.scenarios.size(), 60u);
  std::size_t with_client = 0;
  for (const auto& scenario : load.scenarios)
    with_client += scenario.client.has_value();
  EXPECT_GE(with_client, 60u);
}

TEST(Transform, RandomChunkingIsReproducibleAndKeepsBytes) {
  std::string error;
  std::optional<ssespec::Chunking> chunking;
  ASSERT_TRUE(parse_chunking("random:7:5", chunking, error)) << error;
  ASSERT_TRUE(chunking);
  std::optional<ssespec::Chunking> other;
  EXPECT_FALSE(parse_chunking("random:x:5", other, error));
  EXPECT_FALSE(parse_chunking("halves", other, error));
  EXPECT_NE(error.find("chunking \"halves\""), std::string::npos) << error;
  EXPECT_TRUE(parse_chunking("as-written", other, error));
  EXPECT_FALSE(other);

  ScenarioLoad load;
  load_scenario_text(R"({"connections": [{"steps": [{"kind": "send", "chunks": ["data: hello\n", "\n"]},
      {"kind": "sleep", "ms": 1}, {"kind": "retry", "ms": 5}]}]})",
                     "y", "y.json", load);
  ASSERT_EQ(load.scenarios.size(), 1u) << load.errors.at(0);
  Transform transform;
  transform.line_endings = LineEnding::cr;
  transform.chunking = chunking;
  auto a = apply_transform(load.scenarios[0], transform);
  auto b = apply_transform(load.scenarios[0], transform);
  const auto& steps = a.connections[0].steps;
  ASSERT_EQ(steps.size(), 3u); // send, sleep, send (the retry became text)
  const auto& chunks = steps[0].chunks;
  EXPECT_EQ(chunks.size(), 6u);
  std::string joined;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    joined += chunks[i].bytes;
    EXPECT_EQ(chunks[i].bytes, b.connections[0].steps[0].chunks[i].bytes);
  }
  EXPECT_EQ(joined, "data: hello\r\r");
  std::string retry;
  for (const auto& chunk : steps[2].chunks)
    retry += chunk.bytes;
  EXPECT_EQ(retry, "retry: 5\r");
}

} // namespace
} // namespace ssespec::mock
