// Finding where a line ends: the first CR or LF. The same pass notes whether any byte before it has
// the high bit set, so an ASCII line skips UTF-8 validation altogether.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ssespec::line_scan {

struct Found {
  const char* line_end;  // the CR or LF, or `end` when the range holds neither
  bool non_ascii;        // some byte in [begin, line_end) is 0x80 or above
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

#if defined(__SSE2__)
// Sixteen bytes at a time; the tail shorter than a vector goes through the scalar loop, so nothing
// past `end` is ever read.
inline Found find_line_end_sse2(const char* begin, const char* end) {
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  int high = 0;
  const char* p = begin;
  for (; end - p >= 16; p += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int eol = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, lf), _mm_cmpeq_epi8(block, cr)));
    const int top_bits = _mm_movemask_epi8(block);
    if (eol != 0) {
      const int index = __builtin_ctz(static_cast<unsigned>(eol));
      high |= top_bits & ((1 << index) - 1);
      return {p + index, high != 0};
    }
    high |= top_bits;
  }
  Found tail = find_line_end_scalar(p, end);
  tail.non_ascii = tail.non_ascii || high != 0;
  return tail;
}
#endif

inline Found find_line_end(const char* begin, const char* end) {
#if defined(__SSE2__)
  return find_line_end_sse2(begin, end);
#else
  return find_line_end_scalar(begin, end);
#endif
}

}  // namespace ssespec::line_scan
