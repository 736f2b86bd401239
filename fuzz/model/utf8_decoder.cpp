// The decoder follows the standard's steps one for one, byte by byte, with its variable names.
#include "utf8_decoder.h"

#include <cstdint>

namespace ssespec::model {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool in_range(std::uint8_t byte, std::uint8_t low, std::uint8_t high) {
  return byte >= low && byte <= high;
}

// The decoder itself: on_code_point(c) for each code point, on_error() for each error (where the
// caller puts U+FFFD). Kept as one template so the checker below cannot drift from the decoder.
template <typename OnCodePoint, typename OnError>
void run_decoder(std::string_view bytes, OnCodePoint&& on_code_point, OnError&& on_error) {
  // "UTF-8 code point, UTF-8 bytes seen, and UTF-8 bytes needed (all initially 0), a UTF-8 lower
  // boundary (initially 0x80), and a UTF-8 upper boundary (initially 0xBF)."
  char32_t code_point = 0;
  int bytes_seen = 0;
  int bytes_needed = 0;
  std::uint8_t lower_boundary = 0x80;
  std::uint8_t upper_boundary = 0xBF;

  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto byte = static_cast<std::uint8_t>(bytes[i]);
    if (bytes_needed == 0) {
      ++i;
      if (in_range(byte, 0x00, 0x7F)) {
        on_code_point(byte);
      } else if (in_range(byte, 0xC2, 0xDF)) {
        bytes_needed = 1;
        code_point = byte & 0x1F;
      } else if (in_range(byte, 0xE0, 0xEF)) {
        if (byte == 0xE0) lower_boundary = 0xA0;
        if (byte == 0xED) upper_boundary = 0x9F;
        bytes_needed = 2;
        code_point = byte & 0xF;
      } else if (in_range(byte, 0xF0, 0xF4)) {
        if (byte == 0xF0) lower_boundary = 0x90;
        if (byte == 0xF4) upper_boundary = 0x8F;
        bytes_needed = 3;
        code_point = byte & 0x7;
      } else {
        on_error();
      }
      continue;
    }
    // "If byte is not in the range UTF-8 lower boundary to UTF-8 upper boundary, inclusive, then:
    // set UTF-8 code point, UTF-8 bytes needed, and UTF-8 bytes seen to 0, set UTF-8 lower boundary
    // to 0x80, and set UTF-8 upper boundary to 0xBF. Restore byte to ioQueue. Return error."
    if (!in_range(byte, lower_boundary, upper_boundary)) {
      code_point = 0;
      bytes_needed = 0;
      bytes_seen = 0;
      lower_boundary = 0x80;
      upper_boundary = 0xBF;
      on_error();
      continue; // the byte is not consumed: it is read again as the start of a sequence
    }
    ++i;
    lower_boundary = 0x80;
    upper_boundary = 0xBF;
    code_point = (code_point << 6) | (byte & 0x3F);
    ++bytes_seen;
    if (bytes_seen != bytes_needed) continue;
    on_code_point(code_point);
    code_point = 0;
    bytes_needed = 0;
    bytes_seen = 0;
  }
  // "If byte is end-of-queue and UTF-8 bytes needed is not 0, set UTF-8 bytes needed to 0 and
  // return error."
  if (bytes_needed != 0) {
    on_error();
  }
}

} // namespace

DecodedText utf8_decode_without_bom(std::string_view bytes) {
  DecodedText out;
  run_decoder(
      bytes, [&](char32_t c) { out.code_points.push_back(c); },
      [&] {
        out.code_points.push_back(kReplacement);
        ++out.errors;
      });
  return out;
}

DecodedText utf8_decode(std::string_view bytes) {
  // "Let buffer be the result of peeking three bytes from ioQueue ... If buffer is 0xEF 0xBB 0xBF,
  // then read three bytes from ioQueue."
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return utf8_decode_without_bom(bytes);
}

std::string utf8_encode(std::u32string_view code_points) {
  std::string out;
  for (const char32_t c : code_points) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

bool is_valid_utf8(std::string_view bytes) {
  // Without building the code points: the parser targets call this on every output.
  std::size_t errors = 0;
  run_decoder(
      bytes, [](char32_t) {}, [&] { ++errors; });
  return errors == 0;
}

} // namespace ssespec::model
