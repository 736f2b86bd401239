// Limits: reported as named, sticky errors at the same offset whatever the chunking, and memory
// never grows past them.
#include "event_log.h"

#include <gtest/gtest.h>
#include <string>

namespace ssespec::testing {
namespace {

TEST(LimitsTest, LineTooLongAtTheSameOffsetWhateverTheChunking) {
  const ParserLimits limits{16, 1024};
  const std::string input = "data: ok\n\ndata: 0123456789abcdefghij\n\ndata: never\n\n";
  const ParseResult whole = parse_whole(input, limits);
  EXPECT_EQ(whole.error, ParseError::line_too_long);
  EXPECT_EQ(whole.error_offset, 10u + 16u);
  EXPECT_EQ(whole.lines, (std::vector<std::string>{"event type=message data=ok id="}));
  const ParseResult bytes = parse_byte_by_byte(input, limits);
  EXPECT_EQ(bytes.error, whole.error);
  EXPECT_EQ(bytes.error_offset, whole.error_offset);
  EXPECT_EQ(bytes.lines, whole.lines);
  for (std::size_t cut = 0; cut <= input.size(); ++cut) {
    const ParseResult split = parse_with_cuts(input, {cut}, limits);
    EXPECT_EQ(split.error_offset, whole.error_offset) << "cut " << cut;
    EXPECT_EQ(split.lines, whole.lines) << "cut " << cut;
  }
}

TEST(LimitsTest, LineOfExactlyTheLimitIsAccepted) {
  const ParserLimits limits{8, 1024};
  EXPECT_EQ(parse_byte_by_byte("data: ab\n\n", limits).error, ParseError::ok);
  EXPECT_EQ(parse_whole("data: abc\n\n", limits).error, ParseError::line_too_long);
}

TEST(LimitsTest, SplitBomPrefixCountsTowardsTheLine) {
  const ParserLimits limits{3, 1024};
  // EF BB then "ab": not a BOM, so the line is 4 bytes long.
  EXPECT_EQ(parse_byte_by_byte("\xEF\xBB"
                               "ab\n",
                               limits)
                .error,
            ParseError::line_too_long);
  EXPECT_EQ(parse_whole("\xEF\xBB"
                        "ab\n",
                        limits)
                .error,
            ParseError::line_too_long);
}

TEST(LimitsTest, EventTooLargeCountsValuesAndLineFeeds) {
  const ParserLimits limits{1024, 6};
  EXPECT_EQ(parse_whole("data: ab\ndata: cd\n\n", limits).error, ParseError::ok); // "ab\ncd\n"
  const ParseResult result = parse_whole("data: ab\ndata: cd\ndata\n\n", limits);
  EXPECT_EQ(result.error, ParseError::event_too_large);
  EXPECT_EQ(result.error_offset, 18u); // the third data line
  EXPECT_EQ(parse_byte_by_byte("data: ab\ndata: cd\ndata\n\n", limits).error_offset, 18u);
}

TEST(LimitsTest, ErrorsAreSticky) {
  EventLog log;
  Parser parser(log, ParserLimits{4, 64});
  EXPECT_EQ(parser.feed("data: long\n"), ParseError::line_too_long);
  EXPECT_EQ(parser.feed("\n"), ParseError::line_too_long);
  EXPECT_EQ(parser.finish(), ParseError::line_too_long);
  EXPECT_TRUE(log.lines.empty());
}

TEST(LimitsTest, HugeUnterminatedInputStaysBounded) {
  // 8 MiB with no line end, fed in 4 KiB pieces against a 64 KiB line limit: the error comes at
  // the limit and the parser stops taking bytes, so nothing grows with the input.
  EventLog log;
  Parser parser(log, ParserLimits{64 * 1024, 64 * 1024});
  const std::string piece(4096, 'x');
  ParseError error = ParseError::ok;
  for (int i = 0; i < 2048 && error == ParseError::ok; ++i)
    error = parser.feed(piece);
  EXPECT_EQ(error, ParseError::line_too_long);
  EXPECT_EQ(parser.error_offset(), 64u * 1024u);
}

TEST(LimitsTest, DefaultsAreGenerous) {
  const ParserLimits limits;
  EXPECT_EQ(limits.max_line_length, 16u << 20);
  EXPECT_EQ(limits.max_event_data, 64u << 20);
  const std::string line = "data: " + std::string(2 << 20, 'y') + "\n\n";
  EXPECT_EQ(parse_whole(line).error, ParseError::ok);
}

} // namespace
} // namespace ssespec::testing
