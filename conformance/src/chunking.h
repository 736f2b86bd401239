// Chunkings: where a stream's bytes are cut into the pieces an implementation is fed (or a server
// sends). Self-contained, so the runner, `ssespec repro` and the mock server share one meaning of
// a chunking's textual form (docs/chunking.md):
//   whole              one chunk
//   bytes              one byte per chunk
//   at:3,9,17          cut before bytes 3, 9 and 17 (strictly increasing, each inside the input)
//   random:SEED:COUNT  COUNT cut points drawn from SEED, biased to fall inside CRLF pairs, the BOM and
//                      UTF-8 multi-byte sequences; the same on every platform
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec {

struct Chunking {
  enum class Kind { whole, bytes, at, random };
  Kind kind = Kind::whole;
  std::vector<std::size_t> points; // for `at`
  std::uint64_t seed = 0;          // for `random`
  std::size_t count = 0;           // for `random`: cut points wanted (fewer when the input is shorter)

  static Chunking whole() { return {}; }
  static Chunking bytes() { return {Kind::bytes, {}, 0, 0}; }
  static Chunking at(std::vector<std::size_t> points) { return {Kind::at, std::move(points), 0, 0}; }
  static Chunking random(std::uint64_t seed, std::size_t count) { return {Kind::random, {}, seed, count}; }

  // The textual form; `parse(to_string())` gives the same chunking back.
  std::string to_string() const;
  // nullopt with `error` set when `text` is not a chunking.
  static std::optional<Chunking> parse(std::string_view text, std::string* error = nullptr);

  // The cut points for `input`: strictly increasing, each in (0, input.size()). nullopt with `error`
  // set for an `at` point outside that range.
  std::optional<std::vector<std::size_t>> cuts(std::string_view input, std::string* error = nullptr) const;
};

// The cut points of a random chunking (what Chunking::random(seed, count).cuts(input) gives).
std::vector<std::size_t> random_cuts(std::string_view input, std::uint64_t seed, std::size_t count);

// The pieces: input[0, cuts[0]), input[cuts[0], cuts[1]), ..., input[cuts.back(), end).
std::vector<std::string_view> split_at(std::string_view input, const std::vector<std::size_t>& cuts);

// The 0-based chunk that holds byte `offset` of the input.
std::size_t chunk_holding(const std::vector<std::size_t>& cuts, std::size_t offset);

} // namespace ssespec
