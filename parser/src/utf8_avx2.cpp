// UTF-8 validation, 32 bytes at a time with AVX2. This file alone is compiled with -mavx2, and
// utf8.cpp calls it only when the CPU reports AVX2.
#include "cpu_features.h"

#if defined(SSESPEC_X86_SIMD)
#include "utf8.h"
#include "utf8_simd.h"

#include <immintrin.h>

namespace ssespec::utf8 {
namespace {

struct Avx2 {
  using Vec = __m256i;
  static constexpr std::size_t kWidth = 32;
  static Vec load(const std::uint8_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static Vec zero() { return _mm256_setzero_si256(); }
  static Vec splat(int byte) { return _mm256_set1_epi8(static_cast<char>(byte)); }
  // pshufb looks up within each 128-bit lane, so the table is in both.
  static Vec table(const std::uint8_t (&t)[16]) {
    const __m128i half = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t));
    return _mm256_broadcastsi128_si256(half);
  }
  static Vec lookup(Vec table, Vec nibbles) { return _mm256_shuffle_epi8(table, nibbles); }
  static Vec low_nibbles(Vec v) { return _mm256_and_si256(v, splat(0x0F)); }
  static Vec high_nibbles(Vec v) { return _mm256_and_si256(_mm256_srli_epi16(v, 4), splat(0x0F)); }
  // The bytes N places earlier in the stream: the top of `previous` shifted in below `current`.
  template <int N> static Vec shifted(Vec current, Vec previous) {
    const Vec straddle = _mm256_permute2x128_si256(previous, current, 0x21);
    return _mm256_alignr_epi8(current, straddle, 16 - N);
  }
  static Vec bit_or(Vec a, Vec b) { return _mm256_or_si256(a, b); }
  static Vec bit_and(Vec a, Vec b) { return _mm256_and_si256(a, b); }
  static Vec bit_xor(Vec a, Vec b) { return _mm256_xor_si256(a, b); }
  static Vec saturating_sub(Vec a, Vec b) { return _mm256_subs_epu8(a, b); }
  static bool any_high_bit(Vec v) { return _mm256_movemask_epi8(v) != 0; }
  static bool any_set(Vec v) { return !_mm256_testz_si256(v, v); }
  static Vec incomplete_tail_limits() {
    return _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, //
                            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xEF),
                            static_cast<char>(0xDF), static_cast<char>(0xBF));
  }
};

} // namespace

bool is_valid_avx2(std::string_view bytes) {
  return simd_detail::Validator<Avx2>::validate(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                                bytes.size());
}

} // namespace ssespec::utf8
#endif
