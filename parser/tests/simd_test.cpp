// Every vector path against its scalar oracle: line-end scanning at every length, alignment and
// end-of-line position, and UTF-8 validation on every short sequence of boundary bytes placed across
// block boundaries, plus random mutations of valid text.
#include "cpu_features.h"
#include "line_scan.h"
#include "utf8.h"

#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace ssespec {
namespace {

using line_scan::Found;

// A buffer with room to place text at every alignment within a 64-byte line.
class Placed {
public:
  std::string_view place(const std::string& text, std::size_t alignment) {
    storage_.assign(text.size() + 128, '\0');
    auto base = reinterpret_cast<std::uintptr_t>(storage_.data());
    const std::size_t skip = (64 - base % 64) % 64 + alignment;
    std::copy(text.begin(), text.end(), storage_.begin() + static_cast<std::ptrdiff_t>(skip));
    return {storage_.data() + skip, text.size()};
  }

private:
  std::vector<char> storage_;
};

void expect_same_scan(std::string_view text, const std::string& label) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const Found oracle = line_scan::find_line_end_scalar(begin, end);
  std::vector<std::pair<const char*, Found>> paths = {{"dispatch", line_scan::find_line_end(begin, end)}};
#if defined(__SSE2__)
  paths.emplace_back("sse2", line_scan::find_line_end_sse2(begin, end));
#endif
#if defined(SSESPEC_X86_SIMD)
  if (cpu::features.avx2) paths.emplace_back("avx2", line_scan::find_line_end_avx2(begin, end));
#endif
  for (const auto& [name, found] : paths) {
    ASSERT_EQ(found.line_end - begin, oracle.line_end - begin) << name << ' ' << label;
    ASSERT_EQ(found.non_ascii, oracle.non_ascii) << name << ' ' << label;
  }
}

TEST(SimdLineScanTest, EveryLengthAlignmentAndPosition) {
  Placed placed;
  for (std::size_t size = 0; size <= 200; ++size) {
    for (std::size_t alignment = 0; alignment < 64; alignment += (size < 80 ? 1 : 7)) {
      // No line end at all, with and without a high byte at either end.
      std::string text(size, 'a');
      expect_same_scan(placed.place(text, alignment), "none size=" + std::to_string(size));
      if (size > 0) {
        text.back() = '\xC3';
        expect_same_scan(placed.place(text, alignment), "high last size=" + std::to_string(size));
      }
      for (std::size_t at = 0; at < size; at += (size < 80 ? 1 : 5)) {
        for (const char eol : {'\n', '\r'}) {
          std::string line(size, 'x');
          line[at] = eol;
          const std::string label = "size=" + std::to_string(size) + " at=" + std::to_string(at) +
                                    " align=" + std::to_string(alignment);
          expect_same_scan(placed.place(line, alignment), "ascii " + label);
          // A high byte just before, just after, and far before the line end.
          if (at > 0) {
            std::string before = line;
            before[at - 1] = '\x80';
            expect_same_scan(placed.place(before, alignment), "before " + label);
            std::string first = line;
            first[0] = '\xFF';
            expect_same_scan(placed.place(first, alignment), "first " + label);
          }
          if (at + 1 < size) {
            std::string after = line;
            after[at + 1] = '\xE2';
            after.back() = '\x9F';
            expect_same_scan(placed.place(after, alignment), "after " + label);
          }
        }
      }
    }
  }
}

TEST(SimdLineScanTest, RandomTextAgrees) {
  std::mt19937 random(11);
  Placed placed;
  const char alphabet[] = {'a', '\n', '\r', '\x80', '\xFF', ' ', ':', '\x7F'};
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 300, 'x');
    const unsigned density = 1 + random() % 200;
    for (char& c : text) {
      const unsigned pick = random() % (8 * density);
      if (pick < 8) c = alphabet[pick];
    }
    expect_same_scan(placed.place(text, random() % 64), "round " + std::to_string(round));
  }
}

struct Validator {
  const char* name;
  bool (*function)(std::string_view);
};

std::vector<Validator> vector_validators() {
  std::vector<Validator> validators = {{"dispatch", &utf8::is_valid}};
#if defined(SSESPEC_X86_SIMD)
  if (cpu::features.ssse3) validators.push_back({"ssse3", &utf8::is_valid_ssse3});
  if (cpu::features.avx2) validators.push_back({"avx2", &utf8::is_valid_avx2});
#endif
  return validators;
}

void expect_same_validity(std::string_view text, const std::string& label) {
  const bool oracle = utf8::is_valid_scalar(text);
  for (const Validator& validator : vector_validators()) {
    ASSERT_EQ(validator.function(text), oracle) << validator.name << ' ' << label;
  }
}

TEST(SimdUtf8Test, TheVectorPathsExistOnThisMachine) {
#if defined(SSESPEC_X86_SIMD)
  // Not a requirement of the library, but without them this suite would compare the scalar code with
  // itself: say so rather than pass quietly.
  if (!cpu::features.avx2 || !cpu::features.ssse3) GTEST_SKIP() << "this CPU lacks AVX2 or SSSE3";
  EXPECT_GE(vector_validators().size(), 3u);
#else
  GTEST_SKIP() << "no x86 vector paths in this build";
#endif
}

// Every sequence of up to four bytes drawn from the values where UTF-8's rules change, placed at
// offsets that put it inside a block, across a 16- and a 32-byte boundary, and at the very end.
TEST(SimdUtf8Test, EveryShortSequenceOfBoundaryBytes) {
  const std::vector<unsigned char> bytes = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                            0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                            0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  Placed placed;
  std::vector<std::string> sequences = {""};
  for (int length = 1; length <= 4; ++length) {
    std::vector<std::string> longer;
    for (const std::string& prefix : sequences) {
      if (prefix.size() + 1 != static_cast<std::size_t>(length)) continue;
      for (const unsigned char b : bytes)
        longer.push_back(prefix + static_cast<char>(b));
    }
    sequences.insert(sequences.end(), longer.begin(), longer.end());
  }
  // Context: valid text, including a 4-byte character, so validity depends on the sequence alone.
  const std::string context = "ab\xC3\xA9z\xF0\x9F\x98\x80qrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const std::size_t offsets[] = {0, 14, 15, 29, 30, 31, 45};
  for (const std::string& sequence : sequences) {
    for (const std::size_t offset : offsets) {
      std::string text = context.substr(0, offset) + sequence + context.substr(offset);
      expect_same_validity(placed.place(text, 0), "offset " + std::to_string(offset));
      std::string at_end = context + context.substr(0, offset) + sequence;
      expect_same_validity(placed.place(at_end, 0), "at end, offset " + std::to_string(offset));
    }
  }
}

TEST(SimdUtf8Test, RandomMutationsOfValidTextAgree) {
  std::mt19937 random(5);
  const std::string pieces[] = {"a",
                                " ",
                                "\xC3\xA9",
                                "\xE2\x82\xAC",
                                "\xED\x9F\xBF",
                                "\xEE\x80\x80",
                                "\xF0\x9F\x98\x80",
                                "\xF4\x8F\xBF\xBF",
                                "\xE0\xA0\x80",
                                "\xF0\x90\x80\x80"};
  Placed placed;
  int invalid = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    const std::size_t target = random() % 260;
    while (text.size() < target)
      text += pieces[random() % std::size(pieces)];
    const unsigned mutations = random() % 3;
    for (unsigned m = 0; m < mutations && !text.empty(); ++m) {
      const std::size_t at = random() % text.size();
      switch (random() % 3) {
      case 0:
        text[at] = static_cast<char>(random() % 256);
        break;
      case 1:
        text.erase(at, 1);
        break;
      default:
        text.insert(at, 1, static_cast<char>(0x80 + random() % 128));
        break;
      }
    }
    invalid += utf8::is_valid_scalar(text) ? 0 : 1;
    expect_same_validity(placed.place(text, random() % 64), "round " + std::to_string(round));
  }
  // The mutations must produce both verdicts, or this test compares nothing interesting.
  EXPECT_GT(invalid, 5000);
  EXPECT_LT(invalid, 29000);
}

TEST(SimdUtf8Test, LongValidLinesAndOneBadByteAnywhere) {
  std::string text;
  const std::string pieces[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "x"};
  for (int i = 0; text.size() < 300; ++i)
    text += pieces[i % 4];
  expect_same_validity(text, "valid");
  ASSERT_TRUE(utf8::is_valid(text));
  for (std::size_t at = 0; at < text.size(); ++at) {
    std::string bad = text;
    bad[at] = '\xFF';
    ASSERT_FALSE(utf8::is_valid(bad)) << at;
    expect_same_validity(bad, "0xFF at " + std::to_string(at));
    std::string cut = text.substr(0, at);
    expect_same_validity(cut, "cut at " + std::to_string(at));
  }
}

} // namespace
} // namespace ssespec
