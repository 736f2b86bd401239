// The WHATWG UTF-8 decoder: each maximal subpart of an invalid sequence becomes one U+FFFD.
#include "utf8.h"

#include <gtest/gtest.h>
#include <string>

namespace ssespec::utf8 {
namespace {

const std::string R = "\xEF\xBF\xBD";

std::string decode(const std::string& bytes) {
  std::string out;
  decode_replacing(bytes, out);
  return out;
}

TEST(Utf8Test, ValidSequencesPassThrough) {
  for (const std::string text : {"", "abc", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                 "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xEF\xBB\xBF"}) {
    EXPECT_TRUE(is_valid(text)) << text;
    EXPECT_EQ(decode(text), text);
  }
}

TEST(Utf8Test, InvalidSequencesReplacedByMaximalSubpart) {
  struct Case {
    std::string in;
    std::string out;
  } cases[] = {
      {"\x80", R},
      {"\xBF", R},
      {"\xC0\x80", R + R},
      {"\xC1\xBF", R + R},
      {"\xC2", R},
      {"\xC2"
       "a",
       R + "a"},
      {"\xE0\x80\x80", R + R + R},
      {"\xE0\x9F\xBF", R + R + R},
      {"\xE0\xA0", R},
      {"\xED\xA0\x80", R + R + R},
      {"\xED\xBF\xBF", R + R + R},
      {"\xF0\x80\x80\x80", R + R + R + R},
      {"\xF0\x8F\xBF\xBF", R + R + R + R},
      {"\xF0\x9F\x98", R},
      {"\xF0\x9F", R},
      {"\xF4\x90\x80\x80", R + R + R + R},
      {"\xF5\x80\x80\x80", R + R + R + R},
      {"\xF8\x88\x80\x80\x80", R + R + R + R + R},
      {"\xFE\xFF", R + R},
      {"\xE2\x82\xE2\x82\xAC", R + "\xE2\x82\xAC"},
      {"a\xF0\x9F\x98"
       "b",
       "a" + R + "b"},
      {"\xF1\x80\x80\xC0", R + R},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(is_valid(c.in));
    EXPECT_EQ(decode(c.in), c.out);
  }
}

TEST(Utf8Test, AsciiFastPathBoundaries) {
  std::string text(40, 'a');
  EXPECT_TRUE(is_valid(text));
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string bad = text;
    bad[i] = '\xFF';
    EXPECT_FALSE(is_valid(bad)) << i;
    EXPECT_EQ(decode(bad), text.substr(0, i) + R + text.substr(i + 1));
  }
}

} // namespace
} // namespace ssespec::utf8
