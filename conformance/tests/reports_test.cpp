// Reports from one small run with a failure in it: JSON round trip, well-formed JUnit XML with
// hostile bytes escaped, the HTML matrix, the Markdown summary, and expectation files.
#include "compare.h"
#include "expectations.h"
#include "report_console.h"
#include "reports.h"
#include "runner.h"
#include "test_cases.h"

#include <gtest/gtest.h>
#include <regex>
#include <sstream>

namespace ssespec {
namespace {

using namespace std::string_literals;

// An implementation that gets one case wrong, with control bytes, '<' and invalid UTF-8 in its answer.
class Hostile : public Implementation {
public:
  std::optional<protocol::Hello> start() override {
    return protocol::Hello{
        std::string(protocol::kAdapterProtocol), "hostile <&>", "1", {"retry", "last-event-id"}};
  }
  std::string start_error() const override { return {}; }
  Exchange run(const protocol::Request& request) override {
    Exchange exchange;
    exchange.response = protocol::Response{request.id, {}, {}, std::nullopt, std::nullopt};
    if (request.id.rfind("x/bad", 0) == 0) {
      exchange.response->events.push_back({"message", std::string("\x01<]]>&\xFF", 7), "", std::nullopt});
      exchange.diagnostics = "stderr with \x02, NUL \0, ESC \x1b[31m and \xFF in it\r\nline 2"s;
    } else {
      exchange.response->events.push_back({"message", "a", "", std::nullopt});
    }
    return exchange;
  }
  std::string origin() const override { return "hostile"; }
};

RunReport small_run() {
  RunReport report;
  report.settings.jobs = 1;
  report.started_at = "2026-01-01T00:00:00Z";
  report.cases = {make_case("good", Level::must), make_case("bad", Level::must),
                  make_case("bad-should", Level::should)};
  ImplementationSetup setup;
  setup.make = [] { return std::make_unique<Hostile>(); };
  report.implementations.push_back(run_suite(setup, report.cases, report.settings));
  return report;
}

// Enough of XML 1.0 to catch what a careless writer gets wrong: tags balance, attribute values
// quoted, '&' only in entities, no '<' in text, no control characters at all.
std::string xml_problem(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = xml.find("?>");
  if (xml.rfind("<?xml", 0) != 0 || i == std::string::npos) return "no XML declaration";
  for (i += 2; i < xml.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(xml[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "control byte at " + std::to_string(i);
    if (c == '&') {
      static const std::regex entity("&(amp|lt|gt|quot|#39);");
      if (!std::regex_search(xml.substr(i, 8), entity, std::regex_constants::match_continuous)) {
        return "bare & at " + std::to_string(i);
      }
    }
    if (c == '>') return "bare > outside a tag at " + std::to_string(i); // we escape it too
    if (c != '<') continue;
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return "unterminated tag";
    const std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.find('<') != std::string::npos) return "'<' inside a tag at " + std::to_string(i);
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return "mismatched </" + tag.substr(1) + ">";
      open.pop_back();
    } else {
      const std::string name = tag.substr(0, tag.find_first_of(" />"));
      static const std::regex attributes(R"(^[A-Za-z-]+(\s+[A-Za-z_-]+="[^"<]*")*\s*/?$)");
      if (!std::regex_match(tag, attributes)) return "bad tag <" + tag.substr(0, 60) + ">";
      if (tag.back() != '/') open.push_back(name);
    }
    i = end;
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

TEST(ReportsTest, RunVerdictsAndExitCode) {
  const RunReport report = small_run();
  const ImplementationReport& hostile = report.implementations.at(0);
  EXPECT_EQ(hostile.cases[0].grade, Grade::ok);
  EXPECT_EQ(hostile.cases[1].grade, Grade::failed);
  EXPECT_EQ(hostile.cases[2].grade, Grade::warning);
  EXPECT_EQ(exit_code_for(report), 1);
  // The smallest failing chunking comes first: the whole input, one chunk.
  EXPECT_EQ(hostile.cases[1].failures.front().variant, "lf/whole");
  EXPECT_EQ(hostile.cases[1].failed, hostile.cases[1].variants);
}

TEST(ReportsTest, JsonRoundTripsExactly) {
  const RunReport report = small_run();
  const nlohmann::json json = to_json(report);
  std::string error;
  const std::optional<RunReport> back = run_report_from_json(
      nlohmann::json::parse(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)), error);
  ASSERT_TRUE(back) << error;
  // Invalid UTF-8 in an answer is replaced once on the way out; after that the round trip is exact.
  const nlohmann::json once = to_json(*back);
  std::string error2;
  const std::optional<RunReport> twice = run_report_from_json(once, error2);
  ASSERT_TRUE(twice) << error2;
  EXPECT_EQ(to_json(*twice), once);
  EXPECT_EQ(back->implementations.at(0).cases.at(1).grade, Grade::failed);
  EXPECT_EQ(back->cases.at(1)->input, "data: a\n\n");
  EXPECT_EQ(exit_code_for(*back), 1);
  EXPECT_FALSE(run_report_from_json(nlohmann::json::object({{"tool", "other"}}), error));
}

TEST(ReportsTest, JunitIsWellFormedEvenWithHostileBytes) {
  const std::string xml = report_junit(small_run());
  EXPECT_EQ(xml_problem(xml), "");
  EXPECT_NE(xml.find("failures=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"x/bad\""), std::string::npos);
  EXPECT_NE(xml.find("\\x01"), std::string::npos); // the control byte, shown rather than dropped
  EXPECT_NE(xml.find("WARN (should-level"), std::string::npos);
  // The checker itself catches what it is for.
  EXPECT_NE(xml_problem("<?xml version=\"1.0\"?>\n<a><b></a>"), "");
  EXPECT_NE(xml_problem("<?xml version=\"1.0\"?>\n<a>x & y</a>"), "");
  EXPECT_NE(xml_problem("<?xml version=\"1.0\"?>\n<a>\x01</a>"), "");
}

TEST(ReportsTest, HtmlIsSelfContainedAndShowsFailures) {
  const std::string html = report_html(small_run());
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("class=\"g FAIL\""), std::string::npos);
  EXPECT_NE(html.find("hostile &lt;&amp;&gt;"), std::string::npos);
  EXPECT_EQ(html.find("hostile <&>"), std::string::npos);
  EXPECT_NE(html.find("x/bad"), std::string::npos);
  EXPECT_NE(html.find("Expected:"), std::string::npos);
}

// A failing cell shows at most as many expected events as a kept failure keeps actual ones.
TEST(ReportsTest, HtmlShowsTheFirstExpectedEventsOfALongCase) {
  RunReport report = small_run();
  auto spec = std::make_shared<SpecCase>(*report.cases[1]); // x/bad, which fails
  const std::size_t many = FailureLimits{}.events + 36;
  spec->expect.events.assign(many, {"message", "tick", ""});
  report.cases[1] = spec;
  report.implementations[0].cases[1].spec = spec;
  const std::string html = report_html(report);
  EXPECT_NE(html.find("(the first " + std::to_string(FailureLimits{}.events) + " of " + std::to_string(many) +
                      " events; the case file has them all)"),
            std::string::npos);
  std::size_t shown = 0;
  for (std::size_t at = 0; (at = html.find("data=&quot;tick&quot;", at)) != std::string::npos; ++at)
    ++shown;
  EXPECT_EQ(shown, FailureLimits{}.events);
}

TEST(ReportsTest, MarkdownCountsByAreaAndLevel) {
  const std::string markdown = report_markdown(small_run());
  // The matrix: must-level passed/run per area; then passed/run per level, and the skipped.
  EXPECT_NE(markdown.find("| implementation | x |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| hostile <&> | 1/2 |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| hostile <&> | 1/2 | 0/1 | - | 0 |"), std::string::npos) << markdown;
  EXPECT_EQ(markdown.find("client must"), std::string::npos) << markdown;
}

TEST(ExpectationsTest, UnexpectedFailuresAndPassesAreSeparated) {
  const RunReport report = small_run();
  Expectations expectations;
  parse_expectations(
      R"({"implementation": "hostile <&>", "failures": ["x/good", {"id": "x/gone", "reason": "r"}]})",
      "e.json", expectations);
  ASSERT_TRUE(expectations.errors.empty());
  const ExpectationCheck check = check_expectations(report, expectations);
  ASSERT_EQ(check.unexpected_failures.size(), 1u);
  EXPECT_EQ(check.unexpected_failures[0].id, "x/bad");
  ASSERT_EQ(check.unexpected_passes.size(), 1u);
  EXPECT_EQ(check.unexpected_passes[0].id, "x/good");
  ASSERT_EQ(check.stale.size(), 1u);
  EXPECT_FALSE(check.matches());

  // The file written from the run makes the same run match.
  Expectations written;
  parse_expectations(expectations_file_for(report.implementations[0]), "w.json", written);
  ASSERT_TRUE(written.errors.empty()) << written.errors.front();
  EXPECT_TRUE(check_expectations(report, written).matches());
  EXPECT_EQ(check_expectations(report, written).known_failures.size(), 1u);
}

TEST(ExpectationsTest, BadFilesAreErrors) {
  Expectations expectations;
  parse_expectations("[]", "a.json", expectations);
  parse_expectations(R"({"implementation": "x", "failures": [3]})", "b.json", expectations);
  parse_expectations(R"({"implementation": "y", "failures": ["a", "a"]})", "c.json", expectations);
  ASSERT_EQ(expectations.errors.size(), 3u);
  EXPECT_NE(expectations.errors[1].find("b.json: failures[0]"), std::string::npos);
  EXPECT_NE(expectations.errors[2].find("listed twice"), std::string::npos);
}

TEST(CompareTest, QuoteAndMarkupEscape) {
  EXPECT_EQ(quote("a\r\n\"\x01\xFF\xE2\x82\xAC"), "\"a\\r\\n\\\"\\x01\\xFF\xE2\x82\xAC\"");
  EXPECT_EQ(quote("abcdef", 3), "\"abc\"... (6 bytes)");
  EXPECT_EQ(markup_escape("<a href='x'>&\x01\xC3"), "&lt;a href=&#39;x&#39;&gt;&amp;\\x01\\xC3");
  EXPECT_EQ(printable_text("a\tb\nc\r\x1b[0m\0\x7F\xE2\x82\xAC\xE2\x82"s),
            "a\tb\nc\\x0D\\x1B[0m\\x00\\x7F\xE2\x82\xAC\\xE2\\x82");
}

// An adapter's stderr reaches the console report as printable text: a NUL would cut a CI log short
// and an escape sequence would drive the terminal.
TEST(ReportsTest, ConsoleShowsAdapterStderrAsPrintableText) {
  const RunReport report = small_run();
  std::ostringstream out;
  print_implementation(out, report.implementations[0], ConsoleOptions{false, 10});
  const std::string text = out.str();
  EXPECT_NE(text.find("stderr with \\x02, NUL \\x00, ESC \\x1B[31m and \\xFF in it\\x0D"), std::string::npos)
      << text;
  EXPECT_NE(text.find("| line 2"), std::string::npos) << text;
  for (const char c : text)
    EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << text;
}

} // namespace
} // namespace ssespec

namespace ssespec {
namespace {

// `ssespec run --clients` adds an implementation that ran other cases (the client scenarios) and
// whose hello speaks the client protocol: both must survive the JSON round trip, and the matrix
// must find each column's results by case id.
TEST(ReportsTest, ImplementationsWithDifferentCasesRoundTripAndRender) {
  RunReport report = small_run();
  auto client_case = make_case("client-only", Level::must);
  ImplementationReport client;
  client.name = "client <impl>";
  client.origin = "client adapter";
  client.hello = protocol::Hello{"ssespec-client/1", "client <impl>", "2", {"reconnect"}};
  CaseResult result;
  result.spec = client_case;
  result.verdict = Verdict::fail;
  result.grade = Grade::failed;
  result.variants = 1;
  result.failed = 1;
  result.failures.push_back(
      {"client", Verdict::fail, "header Last-Event-ID: expected \"7\"", "", {}, std::nullopt, ""});
  client.cases.push_back(result);
  report.cases.push_back(client_case);
  report.implementations.push_back(client);

  std::string error;
  const std::optional<RunReport> back = run_report_from_json(to_json(report), error);
  ASSERT_TRUE(back) << error;
  ASSERT_EQ(back->implementations.size(), 2u);
  EXPECT_EQ(back->implementations[1].hello->protocol, "ssespec-client/1");
  EXPECT_EQ(back->implementations[1].cases.size(), 1u);
  EXPECT_EQ(back->implementations[0].cases.size(), 3u);

  const std::string html = report_html(*back);
  // The parser column has no result for the client case, the client column none for the three
  // parser cases: four empty cells, and the client failure is linked from its own column.
  std::size_t empty_cells = 0;
  for (std::size_t at = html.find("class=\"g NA\""); at != std::string::npos;
       at = html.find("class=\"g NA\"", at + 1))
    ++empty_cells;
  EXPECT_EQ(empty_cells, 4u);
  EXPECT_NE(html.find("header Last-Event-ID: expected"), std::string::npos);
}

} // namespace
} // namespace ssespec
