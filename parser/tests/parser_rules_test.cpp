// Every rule of the event-stream format, each input fed whole, byte by byte and cut at every point.
#include "event_log.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace ssespec::testing {
namespace {

struct RuleCase {
  const char* name;
  std::string input;
  std::vector<std::string> expected;
};

void PrintTo(const RuleCase& rule_case, std::ostream* os) {
  *os << rule_case.name;
}

std::string ev(const std::string& type, const std::string& data, const std::string& id = "") {
  return "event type=" + escape(type) + " data=" + escape(data) + " id=" + escape(id);
}

using namespace std::string_literals;

const std::vector<RuleCase>& rule_cases() {
  static const std::vector<RuleCase> cases = {
      // Line endings.
      {"lf", "data: a\n\n", {ev("message", "a")}},
      {"crlf", "data: a\r\n\r\n", {ev("message", "a")}},
      {"cr", "data: a\r\r", {ev("message", "a")}},
      {"mixed_lf_crlf_cr", "data: a\ndata: b\r\ndata: c\r\r\n", {ev("message", "a\nb\nc")}},
      {"lf_cr_lf_is_two_line_ends", "data: a\n\r\n", {ev("message", "a")}},
      {"cr_cr_lf_blank_line", "data: a\r\r\ndata: b\n\n", {ev("message", "a"), ev("message", "b")}},
      {"lf_then_cr_are_separate", "data: a\n\rdata: b\n\n", {ev("message", "a"), ev("message", "b")}},
      {"cr_lf_pair_is_one_line_end", "data: a\r\ndata: b\r\n\r\n", {ev("message", "a\nb")}},
      // BOM.
      {"bom_stripped",
       "\xEF\xBB\xBF"
       "data: a\n\n",
       {ev("message", "a")}},
      {"second_bom_kept_in_field_name",
       "\xEF\xBB\xBF\xEF\xBB\xBF"
       "data: a\n\ndata: b\n\n",
       {ev("message", "b")}},
      {"bom_mid_stream_not_stripped",
       "data: a\n\n\xEF\xBB\xBF"
       "data: b\n\n",
       {ev("message", "a")}},
      {"bom_in_value_kept",
       "data: \xEF\xBB\xBF"
       "a\n\n",
       {ev("message", "\xEF\xBB\xBF"
                      "a")}},
      {"truncated_bom_is_replacement",
       "\xEF\xBB"
       "data: a\n\ndata: b\n\n",
       {ev("message", "b")}},
      {"truncated_bom_in_data", "data: \xEF\xBB\n\n", {ev("message", "\xEF\xBF\xBD")}},
      {"bom_then_blank_line_then_event", "\xEF\xBB\xBF\ndata: a\n\n", {ev("message", "a")}},
      {"bom_before_comment", "\xEF\xBB\xBF:hi\ndata: a\n\n", {"comment hi", ev("message", "a")}},
      {"bom_only", "\xEF\xBB\xBF", {}},
      // UTF-8 decoding with replacement by maximal subpart.
      {"utf8_valid_multibyte",
       "data: \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n\n",
       {ev("message", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80")}},
      {"utf8_lone_continuation", "data: a\x80z\n\n", {ev("message", "a\xEF\xBF\xBDz")}},
      {"utf8_c0_overlong", "data: \xC0\xAF\n\n", {ev("message", "\xEF\xBF\xBD\xEF\xBF\xBD")}},
      {"utf8_e0_overlong", "data: \xE0\x80\xAF\n\n", {ev("message", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")}},
      {"utf8_surrogate", "data: \xED\xA0\x80\n\n", {ev("message", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")}},
      {"utf8_f0_80", "data: \xF0\x80\x80\n\n", {ev("message", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")}},
      {"utf8_f4_90",
       "data: \xF4\x90\x80\x80\n\n",
       {ev("message", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")}},
      {"utf8_f5", "data: \xF5z\n\n", {ev("message", "\xEF\xBF\xBDz")}},
      {"utf8_truncated_4_at_line_end", "data: \xF0\x9F\x98\n\n", {ev("message", "\xEF\xBF\xBD")}},
      {"utf8_truncated_3_then_ascii", "data: \xE2\x82z\n\n", {ev("message", "\xEF\xBF\xBDz")}},
      {"utf8_truncated_then_lead", "data: \xE2\xE2\x82\xAC\n\n", {ev("message", "\xEF\xBF\xBD\xE2\x82\xAC")}},
      {"utf8_ff_fe", "data: \xFF\xFE\n\n", {ev("message", "\xEF\xBF\xBD\xEF\xBF\xBD")}},
      {"u2028_u2029_u0085_not_line_ends",
       "data: a\xE2\x80\xA8"
       "b\xE2\x80\xA9"
       "c\xC2\x85"
       "d\n\n",
       {ev("message", "a\xE2\x80\xA8"
                      "b\xE2\x80\xA9"
                      "c\xC2\x85"
                      "d")}},
      {"invalid_in_field_name", "da\xFFta: a\n\ndata: b\n\n", {ev("message", "b")}},
      {"invalid_in_event_type", "event: \xFF\ndata: a\n\n", {ev("\xEF\xBF\xBD", "a")}},
      {"invalid_in_id", "id: \xC3\ndata: a\n\n", {ev("message", "a", "\xEF\xBF\xBD")}},
      {"nul_in_data", "data: a\0b\n\n"s, {ev("message", "a\0b"s)}},
      // Field parsing.
      {"no_colon_data_is_empty_line", "data\n\n", {ev("message", "")}},
      {"one_space_removed", "data:  a\n\n", {ev("message", " a")}},
      {"no_space", "data:a\n\n", {ev("message", "a")}},
      {"tab_not_removed", "data:\ta\n\n", {ev("message", "\ta")}},
      {"field_names_case_sensitive", "Data: a\n\nDATA: b\n\n", {}},
      {"unknown_field_ignored", "foo: bar\ndata: a\n\n", {ev("message", "a")}},
      {"colon_in_value_kept", "data: a:b: c\n\n", {ev("message", "a:b: c")}},
      {"space_before_name", " data: a\n\n", {}},
      {"trailing_spaces_kept", "data: a  \n\n", {ev("message", "a  ")}},
      {"nul_in_field_name", "da\0ta: a\n\n"s, {}},
      // Data.
      {"empty_value", "data:\n\n", {ev("message", "")}},
      {"two_empty_lines", "data\ndata\n\n", {ev("message", "\n")}},
      {"leading_empty_lines", "data\ndata\ndata: a\n\n", {ev("message", "\n\na")}},
      {"multi_line", "data: a\ndata: b\ndata: c\n\n", {ev("message", "a\nb\nc")}},
      {"only_one_final_lf_removed", "data: a\ndata\n\n", {ev("message", "a\n")}},
      {"space_only_value", "data: \n\n", {ev("message", "")}},
      {"two_spaces_value", "data:  \n\n", {ev("message", " ")}},
      // Event type.
      {"event_type_set", "event: add\ndata: a\n\n", {ev("add", "a")}},
      {"event_type_reset_after_dispatch",
       "event: add\ndata: a\n\ndata: b\n\n",
       {ev("add", "a"), ev("message", "b")}},
      {"event_type_reset_by_block_without_data", "event: add\n\ndata: b\n\n", {ev("message", "b")}},
      {"empty_event_type_is_message", "event:\ndata: a\n\n", {ev("message", "a")}},
      {"last_event_line_wins", "event: a\nevent: b\ndata: x\n\n", {ev("b", "x")}},
      {"event_after_data", "data: x\nevent: late\n\n", {ev("late", "x")}},
      {"event_with_spaces", "event: my event\ndata: x\n\n", {ev("my event", "x")}},
      // Ids.
      {"id_persists", "id: 1\ndata: a\n\ndata: b\n\n", {ev("message", "a", "1"), ev("message", "b", "1")}},
      {"id_reset_by_empty_value",
       "id: 1\ndata: a\n\nid:\ndata: b\n\n",
       {ev("message", "a", "1"), ev("message", "b", "")}},
      {"id_reset_by_bare_id",
       "id: 1\ndata: a\n\nid\ndata: b\n\n",
       {ev("message", "a", "1"), ev("message", "b", "")}},
      {"id_with_nul_ignored",
       "id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"s,
       {ev("message", "a", "1"), ev("message", "b", "1")}},
      {"id_only_block", "id: 7\n\ndata: a\n\n", {ev("message", "a", "7")}},
      {"id_after_data", "data: a\nid: 3\n\n", {ev("message", "a", "3")}},
      {"id_non_ascii", "id: \xC3\xA9\ndata: a\n\n", {ev("message", "a", "\xC3\xA9")}},
      {"id_two_spaces", "id:  5\ndata: a\n\n", {ev("message", "a", " 5")}},
      {"id_in_incomplete_block_never_shows", "data: a\n\nid: 9\ndata: b\n", {ev("message", "a")}},
      // Retry.
      {"retry_digits", "retry: 1000\n", {"retry 1000"}},
      {"retry_leading_zeros", "retry: 0010\n", {"retry 10"}},
      {"retry_zero", "retry: 0\n", {"retry 0"}},
      {"retry_plus", "retry: +1000\n", {}},
      {"retry_minus", "retry: -1\n", {}},
      {"retry_two_spaces", "retry:  1000\n", {}},
      {"retry_suffix", "retry: 1000ms\n", {}},
      {"retry_decimal", "retry: 1.5\n", {}},
      {"retry_exponent", "retry: 1e3\n", {}},
      {"retry_empty", "retry:\n", {}},
      {"retry_bare", "retry\n", {}},
      {"retry_saturates", "retry: 99999999999999999999999\n", {"retry 18446744073709551615"}},
      {"retry_max_exact", "retry: 18446744073709551615\n", {"retry 18446744073709551615"}},
      {"retry_in_undispatched_block", "retry: 5\ndata: a\n", {"retry 5"}},
      {"retry_with_event", "retry: 5\ndata: a\n\n", {"retry 5", ev("message", "a")}},
      // Comments.
      {"comment", ":hello\ndata: a\n\n", {"comment hello", ev("message", "a")}},
      {"comment_space_kept", ": hello\n", {"comment  hello"}},
      {"empty_comment", ":\n", {"comment "}},
      {"comment_between_data_lines", "data: a\n:x\ndata: b\n\n", {"comment x", ev("message", "a\nb")}},
      {"comment_only_no_event", ":a\n:b\n\n", {"comment a", "comment b"}},
      // Dispatch.
      {"extra_blank_lines", "\n\ndata: a\n\n\n\n", {ev("message", "a")}},
      {"block_without_data", "event: x\nid: 1\n\n", {}},
      {"many_events",
       "data: 1\n\ndata: 2\n\ndata: 3\n\n",
       {ev("message", "1"), ev("message", "2"), ev("message", "3")}},
      // End of stream.
      {"partial_event_discarded", "data: a\n\ndata: b\n", {ev("message", "a")}},
      {"unterminated_line_discarded", "data: a\n\ndata: b", {ev("message", "a")}},
      {"trailing_cr_no_blank_line", "data: a\r", {}},
      {"lf_then_cr_dispatches", "data: a\n\r", {ev("message", "a")}},
      {"only_lfs", "\n\n\n", {}},
      {"empty_stream", "", {}},
  };
  return cases;
}

class RuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RuleTest, Whole) {
  EXPECT_EQ(parse_whole(GetParam().input).lines, GetParam().expected);
}

TEST_P(RuleTest, ByteByByte) {
  EXPECT_EQ(parse_byte_by_byte(GetParam().input).lines, GetParam().expected);
}

TEST_P(RuleTest, EverySplitPoint) {
  const std::string& input = GetParam().input;
  for (std::size_t cut = 0; cut <= input.size(); ++cut) {
    EXPECT_EQ(parse_with_cuts(input, {cut}).lines, GetParam().expected) << "cut at " << cut;
  }
}

TEST_P(RuleTest, EveryPairOfSplitPoints) {
  const std::string& input = GetParam().input;
  if (input.size() > 48) GTEST_SKIP() << "quadratic; the single cuts cover long inputs";
  for (std::size_t a = 0; a <= input.size(); ++a) {
    for (std::size_t b = a; b <= input.size(); ++b) {
      EXPECT_EQ(parse_with_cuts(input, {a, b}).lines, GetParam().expected) << "cuts at " << a << "," << b;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Spec, RuleTest, ::testing::ValuesIn(rule_cases()),
                         [](const ::testing::TestParamInfo<RuleCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(ResetTest, KeepsLastEventIdAndDropsPendingState) {
  EventLog log;
  Parser parser(log);
  parser.feed("id: 1\ndata: a\n\nid: 2\nevent: x\ndata: partial\n\xEF\xBB");
  EXPECT_EQ(parser.last_event_id(), "1");
  parser.reset();
  // The undispatched id 2, event type and data are gone; a BOM is stripped again at the new start.
  parser.feed("\xEF\xBB\xBF"
              "data: b\r");
  parser.feed("\n\n");
  parser.finish();
  EXPECT_EQ(log.lines, (std::vector<std::string>{ev("message", "a", "1"), ev("message", "b", "1")}));
  EXPECT_EQ(parser.last_event_id(), "1");
}

TEST(ResetTest, ClearsStickyErrorAndPendingCr) {
  EventLog log;
  Parser parser(log, ParserLimits{8, 64});
  EXPECT_EQ(parser.feed("data: 123456789\n"), ParseError::line_too_long);
  parser.reset();
  EXPECT_EQ(parser.error(), ParseError::ok);
  EXPECT_EQ(parser.feed("data: a\r"), ParseError::ok);
  parser.reset();
  // The CR belonged to the old stream: an LF starting the new one is a blank line of its own.
  EXPECT_EQ(parser.feed("\ndata: b\n\n"), ParseError::ok);
  EXPECT_EQ(log.lines, (std::vector<std::string>{ev("message", "b")}));
}

TEST(StateTest, ReportsLastEventIdAndReconnectionTime) {
  EventLog log;
  Parser parser(log);
  EXPECT_FALSE(parser.reconnection_time().has_value());
  parser.feed("retry: 3000\nid: abc\n\n");
  EXPECT_EQ(parser.last_event_id(), "abc");
  EXPECT_EQ(parser.reconnection_time(), 3000u);
  parser.feed("id: def\n"); // the buffer changes, the string only at the next blank line
  EXPECT_EQ(parser.last_event_id(), "abc");
}

TEST(HandlerTest, ReturningFalseStopsAtOnce) {
  EventLog log;
  log.events_before_stop = 1;
  Parser parser(log);
  EXPECT_EQ(parser.feed("data: a\n\ndata: b\n\n"), ParseError::stopped_by_handler);
  EXPECT_EQ(parser.error_offset(), 8u); // the blank line that dispatched
  EXPECT_EQ(parser.feed("data: c\n\n"), ParseError::stopped_by_handler);
  EXPECT_EQ(parser.finish(), ParseError::stopped_by_handler);
  EXPECT_EQ(log.lines.size(), 1u);
}

TEST(ErrorNamesTest, EveryErrorHasANameAndMessage) {
  EXPECT_EQ(parse_error_name(ParseError::ok), "ok");
  EXPECT_EQ(parse_error_name(ParseError::line_too_long), "line_too_long");
  EXPECT_EQ(parse_error_name(ParseError::event_too_large), "event_too_large");
  EXPECT_EQ(parse_error_name(ParseError::stopped_by_handler), "stopped_by_handler");
  EXPECT_FALSE(parse_error_message(ParseError::event_too_large).empty());
}

} // namespace
} // namespace ssespec::testing
