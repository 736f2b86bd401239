// How the parser targets read their input: an 8-byte control header, then the stream itself.
//
//   byte 0  flags: bit 0 limits the line length to byte 1, bit 1 limits the event data to byte 2,
//           bit 2 asks for a second connection (reset() and the stream again), bit 3 makes a
//           callback return false (the (byte 1 + byte 2) % 16-th one)
//   byte 1  ParserLimits::max_line_length when bit 0 is set
//   byte 2  ParserLimits::max_event_data when bit 1 is set
//   bytes 3-7  chunk lengths, used in turn: 0 is an empty feed, 255 the whole rest; five zeros
//           mean one chunk
//
// An input shorter than the header is read as if padded with zeros: no limits, one chunk. Seeds
// made from fixtures put a header in front of each case's bytes (fuzz/seeds/make_seeds.cpp).
#pragma once

#include "ssespec/parser.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ssespec::fuzz {

inline constexpr std::size_t kHeaderSize = 8;
inline constexpr std::size_t kChunkLengthCount = 5;
inline constexpr std::uint8_t kRestOfStream = 255;

enum Flag : std::uint8_t {
  kLimitLine = 1,
  kLimitData = 2,
  kReconnect = 4,
  kStopInCallback = 8,
};

struct FuzzInput {
  std::uint8_t flags = 0;
  ParserLimits limits; // the defaults unless a limit flag is set
  std::array<std::uint8_t, kChunkLengthCount> chunk_lengths{};
  std::size_t stop_after_callbacks = 0; // meaningful with kStopInCallback
  std::string_view stream;

  bool has(Flag flag) const { return (flags & flag) != 0; }
};

inline FuzzInput read_fuzz_input(const std::uint8_t* data, std::size_t size) {
  std::array<std::uint8_t, kHeaderSize> header{};
  const std::size_t header_size = size < kHeaderSize ? size : kHeaderSize;
  for (std::size_t i = 0; i < header_size; ++i)
    header[i] = data[i];
  FuzzInput input;
  input.flags = header[0];
  if (input.has(kLimitLine)) input.limits.max_line_length = header[1];
  if (input.has(kLimitData)) input.limits.max_event_data = header[2];
  for (std::size_t i = 0; i < kChunkLengthCount; ++i)
    input.chunk_lengths[i] = header[3 + i];
  input.stop_after_callbacks = (std::size_t{header[1]} + header[2]) % 16;
  input.stream = std::string_view(reinterpret_cast<const char*>(data) + header_size, size - header_size);
  return input;
}

// Calls visit(chunk, index) for each chunk the header's lengths cut the stream into, in order; the
// chunks concatenate to the stream. Returns how many there were. Allocates nothing.
template <typename Visit> std::size_t for_each_chunk(const FuzzInput& input, Visit&& visit) {
  bool all_zero = true;
  for (const std::uint8_t length : input.chunk_lengths)
    all_zero = all_zero && length == 0;
  const std::string_view stream = input.stream;
  if (all_zero) {
    visit(stream, std::size_t{0});
    return 1;
  }
  std::size_t index = 0;
  std::size_t offset = 0;
  std::size_t turn = 0;
  // Stops once the stream is used up, after at least one chunk, so an empty stream is still fed.
  while (index == 0 || offset < stream.size()) {
    const std::uint8_t length = input.chunk_lengths[turn];
    turn = (turn + 1) % kChunkLengthCount;
    const std::size_t left = stream.size() - offset;
    const std::size_t take = length == kRestOfStream || length > left ? left : length;
    visit(stream.substr(offset, take), index);
    offset += take;
    ++index;
  }
  return index;
}

} // namespace ssespec::fuzz
