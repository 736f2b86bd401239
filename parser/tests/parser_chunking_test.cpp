// An event comes out during the feed that completes its blank line: never a feed late, and the same
// events whatever the chunking.
#include "event_log.h"

#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace ssespec::testing {
namespace {

// Offset of the byte that completes each dispatching blank line, found by feeding byte by byte.
std::vector<std::size_t> dispatch_bytes(const std::string& input) {
  return parse_byte_by_byte(input).dispatch_feeds;
}

TEST(DispatchTimingTest, LoneCrBlankLineDispatchesWithoutWaitingForMoreInput) {
  EventLog log;
  Parser parser(log);
  parser.feed("data: a\r\r"); // nothing after the second CR yet
  EXPECT_EQ(log.lines.size(), 1u);
}

TEST(DispatchTimingTest, CrlfBlankLineDispatchesAtItsCr) {
  // "data: a\r\n\r\n": the blank line is complete at its CR, offset 9.
  EXPECT_EQ(dispatch_bytes("data: a\r\n\r\n"), (std::vector<std::size_t>{9}));
  EXPECT_EQ(dispatch_bytes("data: a\n\n"), (std::vector<std::size_t>{8}));
  EXPECT_EQ(dispatch_bytes("data: a\r\r"), (std::vector<std::size_t>{8}));
  EXPECT_EQ(dispatch_bytes("data: a\n\ndata: b\r\r"), (std::vector<std::size_t>{8, 17}));
}

TEST(DispatchTimingTest, CrEndingOneFeedAndLfStartingTheNextIsOneLineEnd) {
  EventLog log;
  Parser parser(log);
  parser.feed("data: a\r");
  parser.feed("\ndata: b\r");
  parser.feed("\n\r");
  EXPECT_EQ(log.lines.size(), 1u);
  parser.feed("\n");
  parser.finish();
  EXPECT_EQ(log.lines, (std::vector<std::string>{"event type=message data=a\\nb id="}));
}

std::string sample_stream() {
  return "\xEF\xBB\xBF:comment\r\nretry: 100\r\nid: 1\revent: e\ndata: \xC3\xA9t\xC3\xA9\r\n"
         "data:  two\r\r\n\r\ndata: \xF0\x9F\x98\x80\xE2\x82\n\nid\rdata\r\r"
         "data: x\n:y\n\n\n\r\n"
         "data: \xFF\xC0\xAF\n\n"
         "data: tail";
}

TEST(ChunkingTest, RandomChunkingsAgreeWithWholeAndDispatchInTheCompletingFeed) {
  const std::string input = sample_stream();
  const ParseResult whole = parse_whole(input);
  const std::vector<std::size_t> completing_byte = dispatch_bytes(input);
  ASSERT_EQ(completing_byte.size(), whole.dispatch_feeds.size());
  std::mt19937 random(12345);
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::size_t> cuts;
    const int count = static_cast<int>(random() % 12);
    for (int i = 0; i < count; ++i)
      cuts.push_back(random() % (input.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    const ParseResult result = parse_with_cuts(input, cuts);
    ASSERT_EQ(result.lines, whole.lines) << "round " << round;
    // Expected feed: the number of cuts at or before the completing byte.
    for (std::size_t e = 0; e < completing_byte.size(); ++e) {
      const auto feed = static_cast<std::size_t>(
          std::upper_bound(cuts.begin(), cuts.end(), completing_byte[e]) - cuts.begin());
      ASSERT_EQ(result.dispatch_feeds[e], feed) << "round " << round << " event " << e;
    }
  }
}

TEST(ChunkingTest, EmptyFeedsChangeNothing) {
  const std::string input = sample_stream();
  EventLog log;
  Parser parser(log);
  for (const char c : input) {
    parser.feed("");
    parser.feed(std::string_view(&c, 1));
    parser.feed("");
  }
  parser.finish();
  EXPECT_EQ(log.lines, parse_whole(input).lines);
}

} // namespace
} // namespace ssespec::testing
