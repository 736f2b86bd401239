// UTF-8 validation, 16 bytes at a time with SSSE3 (its pshufb is the table lookup; SSE2 has none).
// This file alone is compiled with -mssse3, and utf8.cpp calls it only when the CPU reports SSSE3.
#include "cpu_features.h"

#if defined(SSESPEC_X86_SIMD)
#include "utf8.h"
#include "utf8_simd.h"

#include <tmmintrin.h>

namespace ssespec::utf8 {
namespace {

struct Ssse3 {
  using Vec = __m128i;
  static constexpr std::size_t kWidth = 16;
  static Vec load(const std::uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
  static Vec zero() { return _mm_setzero_si128(); }
  static Vec splat(int byte) { return _mm_set1_epi8(static_cast<char>(byte)); }
  static Vec table(const std::uint8_t (&t)[16]) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(t));
  }
  static Vec lookup(Vec table, Vec nibbles) { return _mm_shuffle_epi8(table, nibbles); }
  static Vec low_nibbles(Vec v) { return _mm_and_si128(v, splat(0x0F)); }
  static Vec high_nibbles(Vec v) { return _mm_and_si128(_mm_srli_epi16(v, 4), splat(0x0F)); }
  // The bytes N places earlier in the stream: the top of `previous` shifted in below `current`.
  template <int N> static Vec shifted(Vec current, Vec previous) {
    return _mm_alignr_epi8(current, previous, 16 - N);
  }
  static Vec bit_or(Vec a, Vec b) { return _mm_or_si128(a, b); }
  static Vec bit_and(Vec a, Vec b) { return _mm_and_si128(a, b); }
  static Vec bit_xor(Vec a, Vec b) { return _mm_xor_si128(a, b); }
  static Vec saturating_sub(Vec a, Vec b) { return _mm_subs_epu8(a, b); }
  static bool any_high_bit(Vec v) { return _mm_movemask_epi8(v) != 0; }
  static bool any_set(Vec v) { return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())) != 0xFFFF; }
  static Vec incomplete_tail_limits() {
    return _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xEF),
                         static_cast<char>(0xDF), static_cast<char>(0xBF));
  }
};

} // namespace

bool is_valid_ssse3(std::string_view bytes) {
  return simd_detail::Validator<Ssse3>::validate(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                                 bytes.size());
}

} // namespace ssespec::utf8
#endif
