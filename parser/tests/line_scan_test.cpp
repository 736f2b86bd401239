// The vector line-end scan against the plain byte loop, at every length and alignment.
#include "line_scan.h"

#include <gtest/gtest.h>
#include <random>
#include <string>

namespace ssespec::line_scan {
namespace {

TEST(LineScanTest, VectorPathAgreesWithScalarEverywhere) {
  std::mt19937 random(7);
  const char alphabet[] = {'a', 'b', '\n', '\r', '\x80', '\xFF', ' ', ':'};
  for (int round = 0; round < 20000; ++round) {
    const std::size_t size = random() % 70;
    std::string text(size, 'x');
    for (char& c : text) {
      const unsigned pick = random() % 64;
      c = pick < 8 ? alphabet[pick] : 'x';
    }
    const Found scalar = find_line_end_scalar(text.data(), text.data() + text.size());
    const Found fast = find_line_end(text.data(), text.data() + text.size());
    ASSERT_EQ(fast.line_end, scalar.line_end) << round;
    ASSERT_EQ(fast.non_ascii, scalar.non_ascii) << round;
  }
}

// The word-at-a-time tail: bytes next to LF and CR in value (a borrow in the word arithmetic would
// show there), NUL, 0x01 and high bytes, every string of up to 4 of them, then random ones across
// word boundaries.
TEST(LineScanTest, WordAtATimeAgreesWithScalar) {
  const char alphabet[] = {'\n', '\r', '\x09', '\x0B', '\x0C', '\x0E', '\0', '\x01', '\x80', '\xFF', 'a'};
  const std::size_t count = sizeof alphabet;
  const auto check = [](const std::string& text) {
    const Found scalar = find_line_end_scalar(text.data(), text.data() + text.size());
    const Found swar = find_line_end_swar(text.data(), text.data() + text.size());
    EXPECT_EQ(swar.line_end - text.data(), scalar.line_end - text.data()) << testing::PrintToString(text);
    EXPECT_EQ(swar.non_ascii, scalar.non_ascii) << testing::PrintToString(text);
  };
  for (std::size_t size = 0; size <= 4; ++size) {
    std::size_t total = 1;
    for (std::size_t i = 0; i < size; ++i)
      total *= count;
    for (std::size_t n = 0; n < total; ++n) {
      std::string text;
      for (std::size_t rest = n, i = 0; i < size; ++i, rest /= count)
        text += alphabet[rest % count];
      check(text);
    }
  }
  std::mt19937 random(11);
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 25, 'x');
    for (char& c : text) {
      const unsigned pick = random() % 24;
      c = pick < count ? alphabet[pick] : 'x';
    }
    check(text);
  }
}

TEST(LineScanTest, FindsCrAndLf) {
  const std::string text = "0123456789abcdef0123456789\r";
  EXPECT_EQ(find_line_end(text.data(), text.data() + text.size()).line_end, text.data() + 26);
  const std::string high = "\xC3\xA9" + std::string(30, 'a') + "\n";
  const Found found = find_line_end(high.data(), high.data() + high.size());
  EXPECT_TRUE(found.non_ascii);
  EXPECT_EQ(found.line_end, high.data() + 32);
  const std::string after = std::string(30, 'a') + "\n\xC3\xA9";
  EXPECT_FALSE(find_line_end(after.data(), after.data() + after.size()).non_ascii);
}

} // namespace
} // namespace ssespec::line_scan
