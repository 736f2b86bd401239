// A fixture case as a stream: its bytes, in its line endings, cut where the split says.
#include "case_stream.h"

#include <gtest/gtest.h>

namespace ssespec::mock {
namespace {

SpecCase make_case(bool any_line_endings) {
  SpecCase spec;
  spec.id = "area/name";
  spec.input = "data: a\n\n";
  spec.any_line_endings = any_line_endings;
  return spec;
}

std::vector<std::string> writes(const Scenario& scenario) {
  std::vector<std::string> out;
  for (const auto& step : scenario.connections.at(0).steps) {
    if (step.kind == Step::Kind::send) out.push_back(step.chunks.at(0).bytes);
  }
  return out;
}

TEST(CaseStream, CutsWhereTheSplitSays) {
  std::string error;
  auto scenario =
      scenario_for_case(make_case(true), LineEnding::crlf, *ssespec::Chunking::parse("at:3,9"), 10, error);
  ASSERT_TRUE(scenario) << error;
  EXPECT_EQ(writes(*scenario), (std::vector<std::string>{"dat", "a: a\r\n", "\r\n"}));
  const auto& steps = scenario->connections[0].steps;
  EXPECT_EQ(steps[1].kind, Step::Kind::sleep);
  EXPECT_EQ(steps.back().kind, Step::Kind::close);
  EXPECT_EQ(scenario->connections.size(), 1u); // a reconnection gets 204
}

TEST(CaseStream, RefusesWhatTheCaseDoesNotAllow) {
  std::string error;
  EXPECT_FALSE(scenario_for_case(make_case(false), LineEnding::cr, ssespec::Chunking::whole(), 0, error));
  EXPECT_EQ(error, "case area/name has fixed line endings: it is served only as written (lf)");
  EXPECT_FALSE(
      scenario_for_case(make_case(true), LineEnding::lf, *ssespec::Chunking::parse("at:40"), 0, error));
  EXPECT_NE(error.find("split at:40"), std::string::npos) << error;
  auto bytes = scenario_for_case(make_case(false), LineEnding::lf, ssespec::Chunking::bytes(), 0, error);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(writes(*bytes).size(), 9u);
}

} // namespace
} // namespace ssespec::mock
