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

}  // namespace
}  // namespace ssespec::line_scan
