// The reference adapter, in process over string streams and as the real `ssespec adapter` process.
#include "adapter_protocol.h"
#include "base64.h"
#include "reference_adapter.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace ssespec {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

TEST(ReferenceAdapterTest, HelloThenOneResponsePerRequest) {
  std::istringstream in(protocol::encode_request({"a", {"data: x\r", "\ndata: y\n\n"}}) + "\n" +
                        protocol::encode_request({"b", {"retry: 5\n:c\n"}}) + "\n");
  std::ostringstream out;
  EXPECT_EQ(serve_reference_adapter(in, out), 0);
  const std::vector<std::string> lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 3u);
  const auto hello = protocol::decode_hello(lines[0]);
  ASSERT_TRUE(hello.value) << hello.error;
  EXPECT_EQ(hello.value->name, "ssespec-reference");
  const auto first = protocol::decode_response(lines[1]);
  ASSERT_TRUE(first.value) << first.error;
  ASSERT_EQ(first.value->events.size(), 1u);
  EXPECT_EQ(first.value->events[0].data, "x\ny");
  EXPECT_EQ(first.value->events[0].chunk, 1u);
  const auto second = protocol::decode_response(lines[2]);
  ASSERT_TRUE(second.value) << second.error;
  EXPECT_EQ(second.value->retry, std::vector<std::uint64_t>{5});
  EXPECT_EQ(second.value->comments, std::vector<std::string>{"c"});
}

TEST(ReferenceAdapterTest, MalformedLinesGetErrorsAndTheLoopCarriesOn) {
  std::istringstream in("not json\n{\"id\":\"k\",\"chunks\":[\"***\"]}\n\n" +
                        protocol::encode_request({"ok", {"data: 1\n\n"}}) + "\n");
  std::ostringstream out;
  EXPECT_EQ(serve_reference_adapter(in, out), 0);
  const std::vector<std::string> lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(protocol::decode_response(lines[1]).value->error, "malformed request: not valid JSON");
  const auto bad_chunk = protocol::decode_response(lines[2]);
  EXPECT_EQ(bad_chunk.value->id, "k");
  EXPECT_NE(bad_chunk.value->error->find("chunks[0]"), std::string::npos);
  EXPECT_EQ(protocol::decode_response(lines[3]).value->events.size(), 1u);
}

TEST(ReferenceAdapterTest, OverlongRequestLineIsAnErrorNotUnboundedMemory) {
  std::istringstream in(std::string(5000, 'x') + "\n" + protocol::encode_request({"ok", {}}) + "\n");
  std::ostringstream out;
  EXPECT_EQ(serve_reference_adapter(in, out, {}, 1000), 0);
  const std::vector<std::string> lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(protocol::decode_response(lines[1]).value->error->find("longer than 1000"), std::string::npos);
  EXPECT_TRUE(protocol::decode_response(lines[2]).value->events.empty());
}

TEST(ReferenceAdapterTest, LimitErrorsAreReportedWithTheirOffset) {
  std::istringstream in(protocol::encode_request({"big", {"data: 0123456789\n"}}) + "\n");
  std::ostringstream out;
  serve_reference_adapter(in, out, ParserLimits{8, 64});
  const auto response = protocol::decode_response(lines_of(out.str())[1]);
  EXPECT_EQ(response.value->error.value_or("").substr(0, 24), "line_too_long at byte 8:");
}

// The real binary, over pipes: the same stream in many chunkings gives the same events, each in
// the chunk that completes its blank line.
TEST(ReferenceAdapterProcessTest, ManyChunkingsThroughTheCli) {
  const std::string stream = "\xEF\xBB\xBF"
                             "id: 1\r\ndata: a\r\r\ndata: \xE2\x82\xAC\r\rretry: 10\n:c\ndata: z\n\n";
  const std::string request_path = ::testing::TempDir() + "ssespec_adapter_requests.jsonl";
  std::vector<std::vector<std::size_t>> cut_sets = {{}};
  for (std::size_t cut = 1; cut < stream.size(); ++cut)
    cut_sets.push_back({cut});
  std::mt19937 random(99);
  for (int i = 0; i < 50; ++i) {
    std::vector<std::size_t> cuts;
    for (int k = 0; k < 6; ++k)
      cuts.push_back(1 + random() % (stream.size() - 1));
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    cut_sets.push_back(cuts);
  }
  {
    std::ofstream requests(request_path, std::ios::binary);
    for (std::size_t n = 0; n < cut_sets.size(); ++n) {
      protocol::Request request{std::to_string(n), {}};
      std::size_t start = 0;
      for (const std::size_t cut : cut_sets[n]) {
        request.chunks.push_back(stream.substr(start, cut - start));
        start = cut;
      }
      request.chunks.push_back(stream.substr(start));
      requests << protocol::encode_request(request) << '\n';
    }
  }
  const std::string command = std::string(SSESPEC_CLI_PATH) + " adapter < " + request_path;
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  for (std::size_t got; (got = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    output.append(buffer, got);
  ASSERT_EQ(pclose(pipe), 0);
  const std::vector<std::string> lines = lines_of(output);
  ASSERT_EQ(lines.size(), cut_sets.size() + 1);
  // Dispatch offsets: the blank lines complete at bytes 18 (the CR after "data: a\r"), 30 and 52.
  const std::size_t completing[] = {18, 30, 52};
  for (std::size_t n = 0; n < cut_sets.size(); ++n) {
    const auto response = protocol::decode_response(lines[n + 1]);
    ASSERT_TRUE(response.value) << response.error;
    ASSERT_EQ(response.value->id, std::to_string(n));
    ASSERT_EQ(response.value->events.size(), 3u);
    EXPECT_EQ(response.value->events[0].data, "a");
    EXPECT_EQ(response.value->events[0].last_event_id, "1");
    EXPECT_EQ(response.value->events[1].data, "\xE2\x82\xAC");
    EXPECT_EQ(response.value->events[2].data, "z");
    EXPECT_EQ(response.value->retry, std::vector<std::uint64_t>{10});
    for (std::size_t e = 0; e < 3; ++e) {
      const auto& cuts = cut_sets[n];
      const auto expected_chunk =
          static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), completing[e]) - cuts.begin());
      EXPECT_EQ(response.value->events[e].chunk, expected_chunk) << "request " << n << " event " << e;
    }
  }
}

} // namespace
} // namespace ssespec
