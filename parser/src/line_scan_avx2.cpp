// The AVX2 line-end scan. This file alone is compiled with -mavx2; line_scan.h calls into it only
// when the CPU reports AVX2. It calls none of the header's inline functions: a copy of one compiled
// here could be the one the linker keeps for every caller, AVX2 instructions and all.
#include "line_scan.h"

#if defined(SSESPEC_X86_SIMD)
#include <immintrin.h>

namespace ssespec::line_scan {
namespace {

inline __m256i end_of_line(__m256i block) {
  return _mm256_or_si256(_mm256_cmpeq_epi8(block, _mm256_set1_epi8('\n')),
                         _mm256_cmpeq_epi8(block, _mm256_set1_epi8('\r')));
}

inline std::uint32_t mask_of(__m256i v) {
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(v));
}

// The last bytes, fewer than a vector, eight at a time.
Found tail_scan(const char* p, const char* end, bool high) {
  Found found = find_line_end_swar(p, end);
  found.non_ascii = found.non_ascii || high;
  return found;
}

} // namespace

Found find_line_end_avx2(const char* begin, const char* end) {
  // The high bits of every byte passed so far, folded into one vector and looked at only once.
  __m256i high = _mm256_setzero_si256();
  const char* p = begin;
  for (; end - p >= 64; p += 64) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    const __m256i eol_a = end_of_line(a);
    const __m256i eol_b = end_of_line(b);
    const __m256i any = _mm256_or_si256(eol_a, eol_b);
    if (!_mm256_testz_si256(any, any)) {
      const std::uint64_t eol = mask_of(eol_a) | (std::uint64_t{mask_of(eol_b)} << 32);
      const std::uint64_t tops = mask_of(a) | (std::uint64_t{mask_of(b)} << 32);
      const unsigned index = static_cast<unsigned>(__builtin_ctzll(eol));
      const bool before = (tops & ((std::uint64_t{1} << index) - 1)) != 0;
      return {p + index, before || mask_of(high) != 0};
    }
    high = _mm256_or_si256(high, _mm256_or_si256(a, b));
  }
  for (; end - p >= 32; p += 32) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const std::uint32_t eol = mask_of(end_of_line(a));
    if (eol != 0) {
      const unsigned index = static_cast<unsigned>(__builtin_ctz(eol));
      const bool before = (mask_of(a) & ((std::uint32_t{1} << index) - 1)) != 0;
      return {p + index, before || mask_of(high) != 0};
    }
    high = _mm256_or_si256(high, a);
  }
  return tail_scan(p, end, mask_of(high) != 0);
}

} // namespace ssespec::line_scan
#endif
