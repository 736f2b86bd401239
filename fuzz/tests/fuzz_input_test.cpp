// The control header decides what the parser targets exercise: check that it cuts streams as
// documented in common/fuzz_input.h, since a wrong cut would silently fuzz less than it claims.
#include "common/fuzz_input.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

std::vector<std::string> chunks_of(const std::string& bytes) {
  const auto input =
      ssespec::fuzz::read_fuzz_input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  std::vector<std::string> out;
  std::size_t expected_index = 0;
  ssespec::fuzz::for_each_chunk(input, [&](std::string_view chunk, std::size_t index) {
    EXPECT_EQ(index, expected_index++);
    out.emplace_back(chunk);
  });
  return out;
}

std::string header(unsigned char flags, unsigned char line, unsigned char data,
                   std::vector<unsigned char> lengths) {
  std::string out{static_cast<char>(flags), static_cast<char>(line), static_cast<char>(data)};
  for (const unsigned char length : lengths)
    out.push_back(static_cast<char>(length));
  return out;
}

TEST(FuzzInputTest, ZeroLengthsFeedTheWholeStream) {
  EXPECT_EQ(chunks_of(header(0, 0, 0, {0, 0, 0, 0, 0}) + "data: a\n\n"),
            (std::vector<std::string>{"data: a\n\n"}));
}

TEST(FuzzInputTest, LengthsAreUsedInTurnWithEmptyFeeds) {
  EXPECT_EQ(chunks_of(header(0, 0, 0, {1, 0, 2, 255, 9}) + "abcdef"),
            (std::vector<std::string>{"a", "", "bc", "def"}));
  EXPECT_EQ(chunks_of(header(0, 0, 0, {2, 1, 1, 1, 1}) + "abcdefghi"),
            (std::vector<std::string>{"ab", "c", "d", "e", "f", "gh", "i"}));
}

TEST(FuzzInputTest, EmptyStreamIsStillFedOnce) {
  EXPECT_EQ(chunks_of(header(0, 0, 0, {3, 3, 3, 3, 3})), (std::vector<std::string>{""}));
}

TEST(FuzzInputTest, ShortInputIsAllHeaderWithDefaults) {
  const std::string bytes = "\x03\x05";
  const auto input =
      ssespec::fuzz::read_fuzz_input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  EXPECT_TRUE(input.stream.empty());
  EXPECT_EQ(input.limits.max_line_length, 5u);
  EXPECT_EQ(input.limits.max_event_data, 0u);
}

TEST(FuzzInputTest, LimitsOnlyWhenTheirFlagIsSet) {
  const std::string bytes = header(ssespec::fuzz::kLimitData, 7, 9, {0, 0, 0, 0, 0});
  const auto input =
      ssespec::fuzz::read_fuzz_input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  EXPECT_EQ(input.limits.max_line_length, ssespec::ParserLimits{}.max_line_length);
  EXPECT_EQ(input.limits.max_event_data, 9u);
}

} // namespace
