// What a kept failing run stores (FailureLimits): a large one only in part, with its full sizes beside
// it, through the runner, the JSON report and back (also from a report written before the limits),
// and the console and HTML saying so; a small one whole, with nothing said.
#include "report_console.h"
#include "reports.h"
#include "runner.h"
#include "test_cases.h"

#include <gtest/gtest.h>
#include <sstream>

namespace ssespec {
namespace {

constexpr std::size_t kLarge = 10'000; // over every default limit

// Two-byte characters throughout, so that a cut at an even byte count would split one unless the
// cut moves to a character boundary.
std::string text_of(std::size_t bytes) {
  std::string out = "x"; // odd start: the characters straddle every even limit
  while (out.size() + 2 <= bytes)
    out += "\xC3\xA9"; // é
  return out;
}

// An implementation that answers every stream with `events` events (and as many retry values and
// comments) of `data_bytes` bytes each, writing `stderr_bytes` to stderr, or with an error.
class Flood : public Implementation {
public:
  Flood(std::size_t events, std::size_t data_bytes, std::size_t stderr_bytes, bool error = false)
      : events_(events), data_bytes_(data_bytes), stderr_bytes_(stderr_bytes), error_(error) {}
  std::optional<protocol::Hello> start() override {
    return protocol::Hello{std::string(protocol::kAdapterProtocol), "flood", "1", {"retry", "comments"}};
  }
  std::string start_error() const override { return {}; }
  Exchange run(const protocol::Request& request) override {
    Exchange exchange;
    exchange.response = protocol::Response{request.id, {}, {}, std::vector<std::string>(), std::nullopt};
    if (error_) {
      exchange.response->error = "refused: " + text_of(data_bytes_);
    } else {
      for (std::size_t i = 0; i < events_; ++i) {
        exchange.response->events.push_back({"message", text_of(data_bytes_), "", std::nullopt});
        exchange.response->retry.push_back(i);
        exchange.response->comments->push_back(text_of(data_bytes_));
      }
    }
    exchange.diagnostics =
        std::string(stderr_bytes_ / 2, 'a') + std::string(stderr_bytes_ - stderr_bytes_ / 2, 'z');
    return exchange;
  }
  std::string origin() const override { return "flood"; }

private:
  std::size_t events_, data_bytes_, stderr_bytes_;
  bool error_;
};

RunSettings settings_keeping_all_variants() {
  RunSettings settings;
  settings.failures_kept = 100; // so that the byte-by-byte variant is among the kept ones
  settings.check_timing = false;
  return settings;
}

const VariantOutcome& the_variant(const CaseResult& result, const std::string& suffix) {
  for (const VariantOutcome& failure : result.failures) {
    if (failure.variant.size() >= suffix.size() &&
        failure.variant.compare(failure.variant.size() - suffix.size(), suffix.size(), suffix) == 0)
      return failure;
  }
  ADD_FAILURE() << "no kept variant " << suffix;
  return result.failures.front();
}

bool is_utf8_prefix_cut(const std::string& kept) {
  // text_of's characters are "x" then two-byte ones: a clean cut leaves an odd size.
  return kept.size() % 2 == 1;
}

CaseResult run_large(const RunSettings& settings, bool keep_all = false) {
  Flood flood(100, kLarge, kLarge);
  flood.start();
  return run_case(flood, {"retry", "comments"}, make_case("big", Level::must, std::string(kLarge, 'd')),
                  settings, keep_all);
}

TEST(KeptFailuresTest, LargeFailureIsKeptInPartWithItsFullSizes) {
  const RunSettings settings = settings_keeping_all_variants();
  const CaseResult result = run_large(settings);
  ASSERT_EQ(result.verdict, Verdict::fail);
  ASSERT_EQ(result.failures.size(), result.failed); // all kept, each capped
  for (const VariantOutcome& failure : result.failures) {
    SCOPED_TRACE(failure.variant);
    EXPECT_EQ(failure.input, std::string(4096, 'd'));
    EXPECT_EQ(failure.input_bytes, kLarge);
    EXPECT_TRUE(failure.kept_in_part());
    for (const std::size_t cut : failure.cuts)
      EXPECT_LT(cut, 4096u);
    ASSERT_TRUE(failure.actual);
    EXPECT_EQ(failure.actual->events.size(), 64u);
    EXPECT_EQ(failure.events_total, 100u);
    EXPECT_EQ(failure.actual->retry.size(), 64u);
    EXPECT_EQ(failure.retry_total, 100u);
    ASSERT_TRUE(failure.actual->comments);
    EXPECT_EQ(failure.actual->comments->size(), 64u);
    EXPECT_EQ(failure.comments_total, 100u);
    for (const protocol::ObservedEvent& event : failure.actual->events) {
      EXPECT_EQ(event.data.size(), 4095u); // 4096 would end inside a character
      EXPECT_TRUE(is_utf8_prefix_cut(event.data));
    }
    // Each event's data and each comment: 128 texts cut, each with its full size.
    ASSERT_EQ(failure.actual_cut.size(), 128u);
    EXPECT_EQ(failure.actual_cut[0].field, "events[0].data");
    EXPECT_EQ(failure.actual_cut[0].kept, 4095u);
    EXPECT_EQ(failure.actual_cut[0].bytes, kLarge - 1); // text_of(kLarge) is one byte short: odd size
    EXPECT_EQ(failure.actual_cut.back().field, "comments[63]");
    // The stderr's end is kept: the latest words.
    EXPECT_EQ(failure.diagnostics, std::string(4096, 'z'));
    EXPECT_EQ(failure.stderr_bytes, kLarge);
  }
  const VariantOutcome& whole = the_variant(result, "/whole");
  EXPECT_EQ(whole.cuts_total, 0u);
  EXPECT_EQ(describe_chunking(whole), "whole, 1 chunk");
  const VariantOutcome& bytes = the_variant(result, "/bytes");
  EXPECT_EQ(bytes.cuts_total, kLarge - 1);
  ASSERT_EQ(bytes.cuts.size(), 4095u); // 1 .. 4095
  EXPECT_EQ(bytes.cuts.back(), 4095u);
  EXPECT_EQ(describe_chunking(bytes), "1 byte per chunk, 10000 chunks");
  // Still the smallest chunkings first, by their full number of cuts.
  for (std::size_t i = 1; i < result.failures.size(); ++i)
    EXPECT_LE(result.failures[i - 1].cuts_total, result.failures[i].cuts_total);
}

TEST(KeptFailuresTest, OnlyTheSmallestFailuresAreKeptAndTheyStayInOrder) {
  RunSettings settings;
  settings.check_timing = false; // failures_kept 5
  const CaseResult result = run_large(settings);
  ASSERT_EQ(result.failures.size(), 5u);
  EXPECT_GT(result.failed, 5u);
  EXPECT_EQ(result.failures.front().cuts_total, 0u);
  for (std::size_t i = 1; i < result.failures.size(); ++i) {
    const VariantOutcome& a = result.failures[i - 1];
    const VariantOutcome& b = result.failures[i];
    EXPECT_TRUE(a.cuts_total < b.cuts_total || (a.cuts_total == b.cuts_total && a.cuts <= b.cuts));
  }
  for (const VariantOutcome& failure : result.failures)
    EXPECT_LT(failure.cuts_total, kLarge - 1) << "the byte-by-byte variant is the largest chunking";
}

TEST(KeptFailuresTest, ChunkingIsDescribedFromTheFullCounts) {
  VariantOutcome failure;
  failure.input = std::string(4096, 'd');
  failure.input_bytes = kLarge;
  failure.cuts_total = 1; // at 5000, not kept
  EXPECT_EQ(describe_chunking(failure), "2 chunks, cut past the bytes kept");
  failure.cuts = {5, 9};
  failure.cuts_total = 3;
  EXPECT_EQ(describe_chunking(failure), "cut at 5, 9, ... (4 chunks)");
  failure.input_bytes = 0; // as read from a report written before the limits: all kept
  failure.cuts_total = 0;
  EXPECT_EQ(describe_chunking(failure), "cut at 5, 9 (3 chunks)");
  EXPECT_FALSE(failure.kept_in_part());
}

TEST(KeptFailuresTest, ReproKeepsTheWholeFailure) {
  // `ssespec repro` serves the input it keeps: all of it.
  const CaseResult result = run_large(RunSettings{}, true);
  const VariantOutcome& bytes = the_variant(result, "/bytes");
  EXPECT_EQ(bytes.input.size(), kLarge);
  EXPECT_EQ(bytes.cuts.size(), kLarge - 1);
  EXPECT_EQ(bytes.actual->events.size(), 100u);
  EXPECT_FALSE(bytes.kept_in_part());
}

TEST(KeptFailuresTest, LongMessageIsCutWithItsSize) {
  Flood refusing(0, kLarge, 0, true);
  refusing.start();
  RunSettings settings;
  settings.check_timing = false;
  const CaseResult result =
      run_case(refusing, {}, make_case("refused", Level::must, "data: a\n\n"), settings);
  ASSERT_FALSE(result.failures.empty());
  const VariantOutcome& failure = result.failures.front();
  EXPECT_LE(failure.message.size(), 4096u);
  EXPECT_GE(failure.message.size(), 4093u);
  EXPECT_GT(failure.message_bytes, kLarge);
  EXPECT_EQ(failure.message.rfind("the implementation reported an error: refused: x", 0), 0u);
  ASSERT_EQ(failure.actual_cut.size(), 1u);
  EXPECT_EQ(failure.actual_cut[0].field, "error");
  EXPECT_NE(kept_in_part_note(failure, "x/refused").find("message first"), std::string::npos);
}

RunReport report_of(CaseResult result) {
  RunReport report;
  report.started_at = "2026-01-01T00:00:00Z";
  report.cases.push_back(result.spec);
  ImplementationReport implementation;
  implementation.name = "flood";
  implementation.origin = "flood";
  implementation.hello = protocol::Hello{std::string(protocol::kAdapterProtocol), "flood", "1", {}};
  implementation.cases.push_back(std::move(result));
  report.implementations.push_back(std::move(implementation));
  return report;
}

TEST(KeptFailuresTest, JsonRoundTripKeepsTheFullSizes) {
  const RunReport report = report_of(run_large(settings_keeping_all_variants()));
  const nlohmann::json json = to_json(report);
  const nlohmann::json& written = json["implementations"][0]["results"][0]["failures"][0];
  EXPECT_EQ(written["input_bytes"], kLarge);
  EXPECT_EQ(written["actual_events_total"], 100);
  EXPECT_EQ(json["settings"]["failure_limits"]["input_bytes"], 4096);
  std::string error;
  const std::optional<RunReport> back = run_report_from_json(json, error);
  ASSERT_TRUE(back) << error;
  const std::vector<VariantOutcome>& was = report.implementations[0].cases[0].failures;
  const std::vector<VariantOutcome>& is = back->implementations[0].cases[0].failures;
  ASSERT_EQ(is.size(), was.size());
  ASSERT_TRUE(was.front().kept_in_part());
  for (std::size_t i = 0; i < is.size(); ++i) {
    SCOPED_TRACE(was[i].variant);
    EXPECT_EQ(is[i].input, was[i].input);
    EXPECT_EQ(is[i].cuts, was[i].cuts);
    EXPECT_EQ(is[i].input_bytes, was[i].input_bytes);
    EXPECT_EQ(is[i].cuts_total, was[i].cuts_total);
    EXPECT_EQ(is[i].message_bytes, was[i].message_bytes);
    EXPECT_EQ(is[i].stderr_bytes, was[i].stderr_bytes);
    EXPECT_EQ(is[i].events_total, was[i].events_total);
    EXPECT_EQ(is[i].retry_total, was[i].retry_total);
    EXPECT_EQ(is[i].comments_total, was[i].comments_total);
    ASSERT_EQ(is[i].actual_cut.size(), was[i].actual_cut.size());
    for (std::size_t k = 0; k < is[i].actual_cut.size(); ++k) {
      EXPECT_EQ(is[i].actual_cut[k].field, was[i].actual_cut[k].field);
      EXPECT_EQ(is[i].actual_cut[k].kept, was[i].actual_cut[k].kept);
      EXPECT_EQ(is[i].actual_cut[k].bytes, was[i].actual_cut[k].bytes);
    }
    EXPECT_EQ(kept_in_part_note(is[i], "x/big"), kept_in_part_note(was[i], "x/big"));
  }
  EXPECT_EQ(back->settings.failure_limits.events, 64u);
}

TEST(KeptFailuresTest, ReportWrittenBeforeTheLimitsReads) {
  // The same report as one written before the limits: none of the size fields.
  const RunReport report = report_of(run_large(settings_keeping_all_variants()));
  ASSERT_TRUE(report.implementations[0].cases[0].failures.front().kept_in_part());
  nlohmann::json json = to_json(report);
  json["settings"].erase("failure_limits");
  for (nlohmann::json& failure : json["implementations"][0]["results"][0]["failures"]) {
    for (const char* key :
         {"input_bytes", "cuts_total", "message_bytes", "stderr_bytes", "actual_events_total",
          "actual_retry_total", "actual_comments_total", "actual_cut"})
      failure.erase(key);
  }
  std::string error;
  const std::optional<RunReport> back = run_report_from_json(json, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->settings.failure_limits.input_bytes, FailureLimits::none().input_bytes);
  for (const VariantOutcome& failure : back->implementations[0].cases[0].failures) {
    SCOPED_TRACE(failure.variant);
    // All it has is all there was, as far as the old file can say.
    EXPECT_EQ(failure.input_bytes, failure.input.size());
    EXPECT_EQ(failure.cuts_total, failure.cuts.size());
    EXPECT_EQ(failure.events_total, failure.actual->events.size());
    EXPECT_FALSE(failure.kept_in_part());
  }
  EXPECT_FALSE(report_html(*back).empty());
}

TEST(KeptFailuresTest, SizeBelowWhatIsKeptIsAnError) {
  nlohmann::json json = to_json(report_of(run_large(settings_keeping_all_variants())));
  json["implementations"][0]["results"][0]["failures"][0]["input_bytes"] = 10;
  std::string error;
  EXPECT_FALSE(run_report_from_json(json, error));
  EXPECT_NE(error.find("input_bytes 10 is less than the 4096 kept"), std::string::npos) << error;
}

std::string console_of(const RunReport& report) {
  std::ostringstream out;
  print_implementation(out, report.implementations[0], ConsoleOptions{false, 100});
  return out.str();
}

TEST(KeptFailuresTest, ReportsSayWhatIsShownInPart) {
  const RunReport report = report_of(run_large(settings_keeping_all_variants()));
  const std::string console = console_of(report);
  EXPECT_NE(console.find("kept in part: input first 4096 of 10000 bytes"), std::string::npos) << console;
  EXPECT_NE(console.find("input first 4096 of 10000 bytes, 4095 of its 9999 cuts inside them;"),
            std::string::npos);
  EXPECT_NE(console.find("actual first 64 of 100 events"), std::string::npos);
  EXPECT_NE(console.find("actual events[0].data first 4095 of 9999 bytes"), std::string::npos);
  EXPECT_NE(console.find("actual 124 more texts likewise"), std::string::npos); // of 128
  EXPECT_EQ(console.find("comments[63]"), std::string::npos);
  EXPECT_NE(console.find("stderr last 4096 of 10000 bytes"), std::string::npos);
  EXPECT_NE(console.find("`ssespec repro x/big` (with --impl or --adapter) runs it whole"),
            std::string::npos);
  EXPECT_NE(console.find("1 byte per chunk, 10000 chunks"), std::string::npos);
  EXPECT_EQ(console.find("1 byte per chunk, 4096 chunks"), std::string::npos);

  const std::string html = report_html(report);
  EXPECT_NE(html.find("Input (first 4096 of 10000 bytes, 1 byte per chunk, 10000 chunks)"),
            std::string::npos);
  EXPECT_NE(html.find("<p class=\"part\">kept in part: input first 4096 of 10000 bytes"), std::string::npos);
  EXPECT_NE(report_junit(report).find("kept in part: input first 4096 of 10000 bytes"), std::string::npos);
  EXPECT_NE(report_markdown(report).find("too large to keep whole"), std::string::npos);
}

TEST(KeptFailuresTest, SmallFailureIsKeptWholeWithoutAMark) {
  Flood flood(2, 10, 10);
  flood.start();
  RunSettings settings;
  settings.check_timing = false;
  const std::string input = "data: a\n\n";
  const RunReport report =
      report_of(run_case(flood, {"retry", "comments"}, make_case("small", Level::must, input), settings));
  const CaseResult& result = report.implementations[0].cases[0];
  ASSERT_FALSE(result.failures.empty());
  for (const VariantOutcome& failure : result.failures) {
    SCOPED_TRACE(failure.variant);
    EXPECT_EQ(failure.input, input);
    EXPECT_EQ(failure.input_bytes, input.size());
    EXPECT_EQ(failure.cuts.size(), failure.cuts_total);
    EXPECT_EQ(failure.actual->events.size(), 2u);
    EXPECT_EQ(failure.actual->events[0].data, text_of(10));
    EXPECT_TRUE(failure.actual_cut.empty());
    EXPECT_EQ(failure.diagnostics.size(), 10u);
    EXPECT_FALSE(failure.kept_in_part());
    EXPECT_EQ(kept_in_part_note(failure, "x/small"), "");
  }
  EXPECT_EQ(console_of(report).find("kept in part"), std::string::npos);
  EXPECT_EQ(report_html(report).find("kept in part"), std::string::npos);
  EXPECT_EQ(report_junit(report).find("kept in part"), std::string::npos);
  EXPECT_EQ(report_markdown(report).find("too large"), std::string::npos);
  EXPECT_NE(report_html(report).find("Input (9 bytes, whole, 1 chunk)"), std::string::npos);
}

} // namespace
} // namespace ssespec
