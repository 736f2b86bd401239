// The loader: good fixtures load, and every kind of bad one is an error naming file, case and field.
#include "fixtures.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace ssespec {
namespace {

const char* kGoodCase = R"({
  "id": "data/two-lines", "description": "d", "rule": {"anchor": "a", "quote": "q"}, "level": "must",
  "input": ["data: a\ndata: ", {"base64": "/w=="}, "\n\n"], "line_endings": "any",
  "expect": {"events": [{"type": "message", "data": ["a\n", {"repeat": "\uFFFD", "count": 1}], "lastEventId": ""}], "retry": []}
})";

std::string file_with(const std::string& cases, const std::string& area = "data") {
  return R"({"area": ")" + area + R"(", "description": "x", "cases": [)" + cases + "]}";
}

LoadResult load(const std::string& text, const std::string& file = "corpus/spec/data.json") {
  LoadResult result;
  load_fixture_text(text, file, result);
  return result;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(FixturesTest, AGoodCaseLoadsWithItsBytes) {
  const LoadResult result = load(file_with(kGoodCase));
  ASSERT_TRUE(result.errors.empty()) << result.errors.front();
  ASSERT_EQ(result.cases.size(), 1u);
  EXPECT_EQ(result.cases[0].input, "data: a\ndata: \xFF\n\n");
  EXPECT_EQ(result.cases[0].expect.events[0].data, "a\n\xEF\xBF\xBD");
  EXPECT_TRUE(result.cases[0].any_line_endings);
  EXPECT_EQ(result.cases[0].file, "corpus/spec/data.json");
}

struct BadFixture {
  std::string from, to;
  std::string message; // the whole error line must contain this
};

void PrintTo(const BadFixture& bad, std::ostream* out) {
  *out << bad.message;
}

class BadFixtureTest : public ::testing::TestWithParam<BadFixture> {};

TEST_P(BadFixtureTest, IsAnErrorNamingFileCaseAndField) {
  const BadFixture& bad = GetParam();
  const LoadResult result = load(file_with(replaced(kGoodCase, bad.from, bad.to)));
  ASSERT_FALSE(result.errors.empty()) << bad.to;
  EXPECT_TRUE(result.cases.empty());
  EXPECT_NE(result.errors[0].find("corpus/spec/data.json: "), std::string::npos) << result.errors[0];
  EXPECT_NE(result.errors[0].find(bad.message), std::string::npos) << result.errors[0];
}

INSTANTIATE_TEST_SUITE_P(
    Fields, BadFixtureTest,
    ::testing::Values(
        BadFixture{"\"level\": \"must\"", "\"level\": \"MUST\"",
                   "case \"data/two-lines\" (cases[0]): level: \"MUST\""},
        BadFixture{"\"level\": \"must\",", "", "(cases[0]): level: missing"},
        BadFixture{"\"id\": \"data/two-lines\"", "\"id\": \"retry/two-lines\"",
                   "id: must start with the file's area"},
        BadFixture{"\"id\": \"data/two-lines\"", "\"id\": \"data/Two_Lines\"", "id: the name after"},
        BadFixture{"\"id\": \"data/two-lines\", ", "", "case cases[0]: id: missing"},
        BadFixture{"\"retry\": []", "\"retry\": [-1]", "expect.retry[0]: must be a non-negative integer"},
        BadFixture{"\"retry\": []", "\"retry\": [1.5]", "expect.retry[0]"},
        BadFixture{"\"events\"", "\"evnts\"", "expect.evnts: unknown field"},
        BadFixture{"\"lastEventId\": \"\"", "\"id\": \"\"", "expect.events[0].id: unknown field"},
        BadFixture{"\"/w==\"", "\"/w=\"", "input[1].base64"},
        BadFixture{"{\"base64\": \"/w==\"}", "{\"bytes\": \"/w==\"}",
                   "input[1]: must be a string, {\"base64\""},
        BadFixture{"\"count\": 1", "\"count\": 67108865", "expect.events[0].data[1].count"},
        BadFixture{"[\"a\\n\", {\"repeat\": \"\\uFFFD\", \"count\": 1}]", "[{\"base64\": \"/w==\"}]",
                   "expect.events[0].data[0]: base64 parts are for inputs only"},
        BadFixture{"\"line_endings\": \"any\"", "\"line_endings\": \"lf\"",
                   "line_endings: \"lf\" is not one of"},
        BadFixture{"\"input\": [\"data: a\\ndata: \"", "\"input\": [\"data: a\\r\\ndata: \"",
                   "line_endings: \"any\" needs an input with LF line endings only"},
        BadFixture{"\"rule\": {\"anchor\": \"a\", \"quote\": \"q\"}", "\"rule\": {\"anchor\": \"a\"}",
                   "rule.quote: missing"},
        BadFixture{"\"line_endings\"", "\"requires\": [\"telepathy\"], \"line_endings\"",
                   "requires[0]: must be one of retry, comments, last-event-id"},
        // The expected events must agree with the blank lines that dispatch.
        BadFixture{"\"\\n\\n\"]", "\"\\n\"]",
                   "expect.events: lists 1 event(s), but the input has 0 blank line(s)"}));

TEST(FixturesTest, FileLevelErrors) {
  EXPECT_NE(load("{ nope").errors.at(0).find("corpus/spec/data.json: not valid JSON"), std::string::npos);
  EXPECT_NE(load(file_with(kGoodCase, "retry")).errors.at(0).find("area: \"retry\" must equal the file name"),
            std::string::npos);
  EXPECT_NE(load(R"({"area": "data", "description": "x"})").errors.at(0).find("cases: missing"),
            std::string::npos);
}

TEST(FixturesTest, DuplicateIdsAcrossFilesAreErrors) {
  const std::string dir = ::testing::TempDir() + "ssespec_fixtures_dup";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/data.json") << file_with(std::string(kGoodCase) + "," + kGoodCase);
  const LoadResult result = load_fixture_directory(dir);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].find("also used in"), std::string::npos) << result.errors[0];
  EXPECT_EQ(result.files, 1u);
}

TEST(FixturesTest, MissingOrEmptyDirectoriesAreErrors) {
  EXPECT_NE(load_fixtures({"/nonexistent/ssespec"}).errors.at(0).find("no such file or directory"),
            std::string::npos);
  const std::string dir = ::testing::TempDir() + "ssespec_fixtures_empty";
  std::filesystem::create_directories(dir);
  EXPECT_NE(load_fixture_directory(dir).errors.at(0).find("holds no *.json"), std::string::npos);
}

TEST(FixturesTest, TheRepositoryCorpusLoadsCleanly) {
  const LoadResult result = load_fixture_directory(std::string(SSESPEC_SOURCE_ROOT) + "/corpus/spec");
  EXPECT_TRUE(result.errors.empty()) << result.errors.front();
  EXPECT_GT(result.cases.size(), 0u);
}

} // namespace
} // namespace ssespec
