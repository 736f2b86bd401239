#include "chunking.h"
#include "dispatch_points.h"
#include "expansion.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace ssespec {
namespace {

TEST(ChunkingTest, TextualFormRoundTrips) {
  for (const char* text : {"whole", "bytes", "at:3", "at:3,9,17", "random:42:8", "random:0:0"}) {
    std::string error;
    const std::optional<Chunking> chunking = Chunking::parse(text, &error);
    ASSERT_TRUE(chunking) << text << ": " << error;
    EXPECT_EQ(chunking->to_string(), text);
  }
}

TEST(ChunkingTest, BadFormsAreRefusedWithAReason) {
  for (const char* text : {"", "Whole", "at:", "at:0", "at:3,3", "at:5,2", "at:1,,2", "at:x", "random:1",
                           "random:a:2", "random:1:2:3", "byte"}) {
    std::string error;
    EXPECT_FALSE(Chunking::parse(text, &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

TEST(ChunkingTest, CutsAndPieces) {
  const std::string input = "data: a\n\n";
  EXPECT_EQ(*Chunking::whole().cuts(input), std::vector<std::size_t>{});
  EXPECT_EQ(Chunking::bytes().cuts(input)->size(), input.size() - 1);
  const std::vector<std::size_t> cuts = *Chunking::parse("at:2,7")->cuts(input);
  EXPECT_EQ(split_at(input, cuts), (std::vector<std::string_view>{"da", "ta: a", "\n\n"}));
  std::string error;
  EXPECT_FALSE(Chunking::parse("at:9")->cuts(input, &error));
  EXPECT_NE(error.find("not inside"), std::string::npos);
  EXPECT_EQ(chunk_holding(cuts, 0), 0u);
  EXPECT_EQ(chunk_holding(cuts, 2), 1u);
  EXPECT_EQ(chunk_holding(cuts, 8), 2u);
}

TEST(ChunkingTest, RandomCutsAreDeterministicDistinctAndInRange) {
  const std::string input(1000, 'x');
  for (std::size_t count : {1u, 7u, 200u, 900u, 999u, 5000u}) {
    const std::vector<std::size_t> cuts = random_cuts(input, 7, count);
    EXPECT_EQ(cuts, random_cuts(input, 7, count));
    EXPECT_EQ(cuts.size(), std::min<std::size_t>(count, 999));
    EXPECT_TRUE(std::is_sorted(cuts.begin(), cuts.end()));
    EXPECT_EQ(std::adjacent_find(cuts.begin(), cuts.end()), cuts.end());
    EXPECT_GE(cuts.front(), 1u);
    EXPECT_LE(cuts.back(), 999u);
  }
  EXPECT_NE(random_cuts(input, 7, 8), random_cuts(input, 8, 8));
  EXPECT_TRUE(random_cuts("x", 1, 4).empty());
}

TEST(ChunkingTest, RandomCutsTearCrlfBomAndUtf8FarMoreOftenThanChance) {
  // 2 tearing points (the BOM) + 50 CRLF pairs + 50 euro signs (2 each) in 1,000-odd positions.
  std::string input = "\xEF\xBB\xBF";
  for (int i = 0; i < 50; ++i)
    input += "data: \xE2\x82\xAC\r\n";
  std::size_t torn = 0, total = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    for (const std::size_t cut : random_cuts(input, seed, 4)) {
      ++total;
      const unsigned char at = static_cast<unsigned char>(input[cut]);
      if (cut < 3 || input[cut] == '\n' || (at & 0xC0) == 0x80) ++torn;
    }
  }
  // Uniform cuts would tear about 152 / 612 (25 %); the bias sends half the draws to tearing points.
  EXPECT_GT(torn * 100 / total, 50u);
}

TEST(DispatchPointsTest, TheCompletingByteOfEachDispatchingBlankLine) {
  EXPECT_EQ(dispatch_points("data: a\n\n"), (std::vector<std::size_t>{8}));
  EXPECT_EQ(dispatch_points("data: a\r\n\r\n"), (std::vector<std::size_t>{9})); // the CR completes it
  EXPECT_EQ(dispatch_points("data: a\r\rdata\n\n"), (std::vector<std::size_t>{8, 14}));
  EXPECT_EQ(dispatch_points("\xEF\xBB\xBF"
                            "data\n\n"),
            (std::vector<std::size_t>{8}));
  EXPECT_EQ(dispatch_points("\xEF\xBB\xBF\xEF\xBB\xBF"
                            "data\n\n"),
            (std::vector<std::size_t>{}));
  EXPECT_EQ(dispatch_points(":data\n\nevent: x\n\nid: 1\n\n"), (std::vector<std::size_t>{}));
  EXPECT_EQ(dispatch_points("datax: 1\n\ndata:1\n\n\n"), (std::vector<std::size_t>{17}));
  EXPECT_EQ(dispatch_points("data: 1\n\ndata: 2\n"), (std::vector<std::size_t>{8})); // unfinished block
  EXPECT_EQ(dispatch_points("data: 1\n\r\n"), (std::vector<std::size_t>{8}));
}

TEST(ExpansionTest, ShortInputsRunEverySplitLongOnesRandomAndLineEndingsWhereAllowed) {
  SpecCase spec;
  spec.id = "data/x";
  spec.input = "data: a\n\n";
  spec.any_line_endings = true;
  const std::vector<Variant> variants = expand_case(spec, ExpansionOptions{});
  // Per line ending: whole, bytes, and every split point.
  const std::size_t per_ending_lf = 2 + (spec.input.size() - 1);
  const std::size_t per_ending_crlf = 2 + (spec.input.size() + 2 - 1);
  EXPECT_EQ(variants.size(), per_ending_lf * 2 + per_ending_crlf);
  EXPECT_EQ(variants[0].name(), "lf/whole");
  EXPECT_EQ(variants[1].name(), "lf/bytes");
  EXPECT_EQ(variants[2].name(), "lf/at:1");
  EXPECT_EQ(*variants[per_ending_lf].input, "data: a\r\n\r\n");
  EXPECT_EQ(*variants.back().input, "data: a\r\r");

  spec.any_line_endings = false;
  spec.input = std::string(300, 'x') + "\n\n";
  const std::vector<Variant> long_variants = expand_case(spec, ExpansionOptions{});
  ASSERT_EQ(long_variants.size(), 2u + 16u);
  EXPECT_EQ(long_variants[2].chunking.kind, Chunking::Kind::random);
  // The textual form reproduces the variant exactly.
  const Variant again =
      *make_variant(spec, LineEnding::lf, *Chunking::parse(long_variants[5].chunking.to_string()));
  EXPECT_EQ(again.cuts, long_variants[5].cuts);
}

} // namespace
} // namespace ssespec
