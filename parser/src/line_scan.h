// Finding where a line ends: the first CR or LF. The same pass notes whether any byte before it has
// the high bit set, so an ASCII line skips UTF-8 validation altogether.
#pragma once

#include "cpu_features.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ssespec::line_scan {

struct Found {
  const char* line_end; // the CR or LF, or `end` when the range holds neither
  bool non_ascii;       // some byte in [begin, line_end) is 0x80 or above
};

// The plain byte loop. Always compiled: it is the fallback and the oracle the tests compare with.
inline Found find_line_end_scalar(const char* begin, const char* end) {
  unsigned char high = 0;
  for (const char* p = begin; p != end; ++p) {
    const auto byte = static_cast<unsigned char>(*p);
    if (byte == '\n' || byte == '\r') return {p, high >= 0x80};
    high |= byte;
  }
  return {end, high >= 0x80};
}

// Eight bytes at a time in a 64-bit word (a little-endian one: byte k of the range is bits 8k to
// 8k+7), for the part of a range too short for a vector. In x = word ^ (the byte repeated), a byte
// equal to it is 0, and (x - 0x01...) & ~x & 0x80... sets the top bit of the lowest such byte
// exactly; a borrow can only mark bytes above a true match, so the lowest mark is a line end. Short
// lines are the common case, and this is one comparison per eight bytes instead of two per byte
// (which matters most under the fuzzer's comparison tracing).
inline Found find_line_end_swar(const char* begin, const char* end) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const auto marks = [](std::uint64_t word, unsigned char byte) {
    const std::uint64_t x = word ^ (kOnes * byte);
    return (x - kOnes) & ~x & kHighs;
  };
  std::uint64_t high = 0;
  for (const char* p = begin; p != end;) {
    const auto left = static_cast<std::size_t>(end - p);
    const std::size_t n = left < 8 ? left : 8;
    std::uint64_t word = 0; // bytes past the range stay 0: neither CR, LF nor high
    std::memcpy(&word, p, n);
    const std::uint64_t in_range = n == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1;
    const std::uint64_t eol = (marks(word, '\n') | marks(word, '\r')) & in_range;
    if (eol != 0) {
      const auto index = static_cast<unsigned>(__builtin_ctzll(eol)) / 8;
      const std::uint64_t before = (std::uint64_t{1} << (8 * index)) - 1; // index < 8
      return {p + index, (high | (word & before & kHighs)) != 0};
    }
    high |= word & kHighs;
    p += n;
  }
  return {end, high != 0};
}

#if defined(SSESPEC_X86_SIMD)
// Thirty-two bytes at a time (sixty-four in the main loop), in line_scan_avx2.cpp, which alone is
// compiled for AVX2. Call only when cpu::features.avx2. Reads nothing past `end`.
Found find_line_end_avx2(const char* begin, const char* end);
#endif

#if defined(__SSE2__)
// Sixteen bytes of an SSE2 scan: the end-of-line mask and the high-bit mask.
struct Block16 {
  unsigned eol;
  unsigned high;
};

inline Block16 scan16(const char* p) {
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i eol =
      _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(block, _mm_set1_epi8('\r')));
  return {static_cast<unsigned>(_mm_movemask_epi8(eol)), static_cast<unsigned>(_mm_movemask_epi8(block))};
}

// The high bits of the bytes before the first end of line in the block.
inline bool high_before(const Block16& block) {
  const unsigned index = static_cast<unsigned>(__builtin_ctz(block.eol));
  return (block.high & ((1u << index) - 1)) != 0;
}

// Sixteen bytes at a time; the tail shorter than a vector goes eight bytes at a time through
// find_line_end_swar(), so nothing past `end` is ever read.
inline Found find_line_end_sse2(const char* begin, const char* end) {
  unsigned high = 0;
  const char* p = begin;
  for (; end - p >= 16; p += 16) {
    const Block16 block = scan16(p);
    if (block.eol != 0) return {p + __builtin_ctz(block.eol), high != 0 || high_before(block)};
    high |= block.high;
  }
  Found tail = find_line_end_swar(p, end);
  tail.non_ascii = tail.non_ascii || high != 0;
  return tail;
}
#endif

// Most event-stream lines are short, so the first 32 bytes are looked at inline with SSE2; a line
// longer than that continues in the widest scan the CPU has.
inline Found find_line_end(const char* begin, const char* end) {
#if defined(__SSE2__)
  if (end - begin >= 32) {
    const Block16 first = scan16(begin);
    if (first.eol != 0) return {begin + __builtin_ctz(first.eol), high_before(first)};
    const Block16 second = scan16(begin + 16);
    if (second.eol != 0)
      return {begin + 16 + __builtin_ctz(second.eol), first.high != 0 || high_before(second)};
    const bool high = (first.high | second.high) != 0;
#if defined(SSESPEC_X86_SIMD)
    Found rest =
        cpu::features.avx2 ? find_line_end_avx2(begin + 32, end) : find_line_end_sse2(begin + 32, end);
#else
    Found rest = find_line_end_sse2(begin + 32, end);
#endif
    rest.non_ascii = rest.non_ascii || high;
    return rest;
  }
  return find_line_end_sse2(begin, end);
#else
  return find_line_end_scalar(begin, end);
#endif
}

} // namespace ssespec::line_scan
