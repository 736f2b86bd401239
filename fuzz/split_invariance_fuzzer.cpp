// split_invariance_fuzzer: how a stream is cut into feeds must not change what comes out, nor when.
// The stream goes through three parsers with the header's limits: fed whole, fed byte by byte, and
// fed in the header's chunks. All three must give the same events, retries and comments in the
// same order, the same error at the same offset, the same last event ID string and reconnection
// time. Byte by byte, each output's feed index is the byte that completed it; in the chunked run it
// must come out during the chunk holding that byte, never a chunk late, never during finish().
#include "common/check.h"
#include "common/fuzz_input.h"
#include "common/stream_log.h"
#include "ssespec/parser.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using ssespec::fuzz::FuzzInput;
using ssespec::fuzz::LogEntry;
using ssespec::fuzz::LogHandler;

struct Run {
  std::vector<LogEntry> log;
  ssespec::ParseError error = ssespec::ParseError::ok;
  std::uint64_t error_offset = 0;
  std::string last_event_id;
  std::optional<std::uint64_t> reconnection_time;
  std::size_t finish_index = 0; // the chunk index finish() runs under
};

template <typename FeedAll> Run run(const FuzzInput& input, FeedAll&& feed_all) {
  Run result;
  LogHandler handler(result.log);
  ssespec::Parser parser(handler, input.limits);
  result.finish_index = feed_all(parser, handler);
  handler.chunk = result.finish_index;
  result.error = parser.finish();
  result.error_offset = parser.error_offset();
  result.last_event_id.assign(parser.last_event_id());
  result.reconnection_time = parser.reconnection_time();
  return result;
}

void check_same(const Run& a, const Run& b, const char* what) {
  SSESPEC_FUZZ_CHECK(ssespec::fuzz::same_content(a.log, b.log), what);
  SSESPEC_FUZZ_CHECK(a.error == b.error, what);
  SSESPEC_FUZZ_CHECK(a.error == ssespec::ParseError::ok || a.error_offset == b.error_offset, what);
  SSESPEC_FUZZ_CHECK(a.last_event_id == b.last_event_id, what);
  SSESPEC_FUZZ_CHECK(a.reconnection_time == b.reconnection_time, what);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const FuzzInput input = ssespec::fuzz::read_fuzz_input(data, size);
  const std::string_view stream = input.stream;

  const Run whole = run(input, [&](ssespec::Parser& parser, LogHandler& handler) -> std::size_t {
    handler.chunk = 0;
    parser.feed(stream);
    return 1;
  });

  const Run bytes = run(input, [&](ssespec::Parser& parser, LogHandler& handler) -> std::size_t {
    for (std::size_t i = 0; i < stream.size(); ++i) {
      handler.chunk = i;
      parser.feed(stream.substr(i, 1));
    }
    return stream.size();
  });

  // The chunked run, remembering where each chunk starts so a byte can be mapped to its chunk.
  std::vector<std::size_t> chunk_ends;
  const Run chunked = run(input, [&](ssespec::Parser& parser, LogHandler& handler) -> std::size_t {
    std::size_t end = 0;
    return ssespec::fuzz::for_each_chunk(input, [&](std::string_view chunk, std::size_t index) {
      handler.chunk = index;
      parser.feed(chunk);
      end += chunk.size();
      chunk_ends.push_back(end);
    });
  });

  check_same(whole, bytes, "feeding whole and byte by byte disagree");
  check_same(whole, chunked, "feeding whole and in the chosen chunks disagree");

  // Nothing comes out of finish(): an unfinished event is discarded.
  for (const LogEntry& entry : whole.log) {
    SSESPEC_FUZZ_CHECK(entry.chunk == 0, "an output came out of finish() when fed whole");
  }
  std::size_t chunk = 0;
  for (std::size_t i = 0; i < bytes.log.size(); ++i) {
    const std::size_t byte = bytes.log[i].chunk;
    SSESPEC_FUZZ_CHECK(byte < stream.size(), "an output came out of finish() when fed byte by byte");
    // Outputs come in stream order, so the chunk holding their completing byte only moves forward.
    while (chunk < chunk_ends.size() && chunk_ends[chunk] <= byte)
      ++chunk;
    SSESPEC_FUZZ_CHECK(chunk < chunk_ends.size(), "completing byte lies past the last chunk");
    SSESPEC_FUZZ_CHECK(chunked.log[i].chunk == chunk,
                       "an output came out during another chunk than the one holding its completing byte");
  }
  return 0;
}
