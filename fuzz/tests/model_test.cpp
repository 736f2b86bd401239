// The model of the spec is an oracle only if it is right on its own: every fixture case in
// corpus/spec/ must come out of it as the fixture expects (or as one of its acceptable outcomes),
// in each line-ending variant the case allows. The parser plays no part here.
#include "common/text_value.h"
#include "model/sse_model.h"
#include "model/utf8_decoder.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using ssespec::model::ModelRecord;
using ssespec::model::ModelResult;

std::string text(const json& value) {
  std::string error;
  const std::optional<std::string> bytes = ssespec::fuzz::text_value(value, error, SIZE_MAX);
  EXPECT_TRUE(bytes.has_value()) << error;
  return bytes.value_or("");
}

// The parts of a model result a fixture outcome states, as JSON-free strings for a readable diff.
struct Observed {
  std::vector<std::string> events; // "type|data|lastEventId"
  std::vector<std::uint64_t> retry;
  std::vector<std::string> comments;
};

Observed observe(const ModelResult& result) {
  Observed out;
  for (const ModelRecord& r : result.records) {
    if (r.kind == ModelRecord::Kind::event)
      out.events.push_back(r.type + "|" + r.data + "|" + r.last_event_id);
    if (r.kind == ModelRecord::Kind::retry) out.retry.push_back(r.retry);
    if (r.kind == ModelRecord::Kind::comment) out.comments.push_back(r.comment);
  }
  return out;
}

bool matches(const Observed& observed, const json& outcome) {
  std::vector<std::string> events;
  for (const json& e : outcome.at("events")) {
    events.push_back(text(e.at("type")) + "|" + text(e.at("data")) + "|" + text(e.at("lastEventId")));
  }
  if (events != observed.events) return false;
  if (outcome.at("retry").get<std::vector<std::uint64_t>>() != observed.retry) return false;
  if (outcome.contains("comments")) {
    std::vector<std::string> comments;
    for (const json& c : outcome.at("comments"))
      comments.push_back(text(c));
    if (comments != observed.comments) return false;
  }
  return true;
}

std::string replace_lf(const std::string& input, const std::string& with) {
  std::string out;
  for (const char c : input) {
    if (c == '\n') {
      out += with;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

TEST(ModelTest, AgreesWithEveryFixtureCase) {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SSESPEC_FIXTURE_DIR)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path());
    const json document = json::parse(std::string(std::istreambuf_iterator<char>(file), {}));
    for (const json& spec_case : document.at("cases")) {
      const std::string id = spec_case.at("id").get<std::string>();
      const std::string input = text(spec_case.at("input"));
      std::vector<std::string> variants{input};
      if (spec_case.at("line_endings") == "any") {
        variants.push_back(replace_lf(input, "\r\n"));
        variants.push_back(replace_lf(input, "\r"));
      }
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const Observed observed = observe(ssespec::model::run_model(variants[v]));
        bool ok = matches(observed, spec_case.at("expect"));
        if (spec_case.contains("acceptable")) {
          for (const json& outcome : spec_case.at("acceptable"))
            ok = ok || matches(observed, outcome);
        }
        EXPECT_TRUE(ok) << id << " (line-ending variant " << v << ")";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 100u) << "too few fixture cases found in " << SSESPEC_FIXTURE_DIR;
}

TEST(ModelTest, LastEventIdStringIsTheBufferAtTheLastBlankLine) {
  const ModelResult result = ssespec::model::run_model("id: 1\ndata: a\n\nid: 2\n");
  EXPECT_EQ(result.last_event_id, "1");
}

TEST(ModelTest, RetrySaturatesPastU64Max) {
  ModelResult result =
      ssespec::model::run_model("retry: 18446744073709551615\nretry: 018446744073709551616\n");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0].retry, UINT64_MAX);
  EXPECT_EQ(result.records[1].retry, UINT64_MAX);
  result = ssespec::model::run_model("retry: 00000000000000000000001\n");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].retry, 1u);
  EXPECT_EQ(result.reconnection_time, 1u);
}

// The decoder's maximal-subpart replacement, case by case from the Encoding standard's rules.
TEST(ModelUtf8Test, ReplacesEachMaximalSubpart) {
  const auto decode = [](std::string_view bytes) {
    return ssespec::model::utf8_encode(ssespec::model::utf8_decode_without_bom(bytes).code_points);
  };
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(decode("a\xE2\x82\xAC"
                   "b"),
            "a\xE2\x82\xAC"
            "b");
  EXPECT_EQ(decode("\xE2\x82"
                   "a"),
            fffd + "a");                                 // a cut sequence is one error
  EXPECT_EQ(decode("\xC0\xAF"), fffd + fffd);            // C0 never starts a sequence
  EXPECT_EQ(decode("\xED\xA0\x80"), fffd + fffd + fffd); // a surrogate: ED then two lone bytes
  EXPECT_EQ(decode("\xF0\x9F\x98"), fffd);               // cut at the end of the stream
  EXPECT_EQ(decode("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);
  EXPECT_EQ(decode("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
  EXPECT_TRUE(ssespec::model::is_valid_utf8("\xEF\xBB\xBF"
                                            "abc"));
  EXPECT_FALSE(ssespec::model::is_valid_utf8("\xFF"));
}

TEST(ModelUtf8Test, StripsOneBomOnly) {
  const auto decoded = ssespec::model::utf8_decode("\xEF\xBB\xBF\xEF\xBB\xBF"
                                                   "a");
  EXPECT_EQ(ssespec::model::utf8_encode(decoded.code_points), "\xEF\xBB\xBF"
                                                              "a");
}

} // namespace
