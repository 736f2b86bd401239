// Vectorised UTF-8 validation by table lookups, after Keiser and Lemire, "Validating UTF-8 in less
// than one instruction per byte" (Software: Practice and Experience, 2021). Written once over a
// vector type V and instantiated by utf8_ssse3.cpp and utf8_avx2.cpp, each compiled for its own
// instruction set with V in an unnamed namespace, so no instantiation is shared between them.
//
// Every error in a UTF-8 stream shows in a pair of adjacent bytes (previous byte, current byte)
// except one: a continuation byte where none is expected after another continuation. For the pairs,
// each kind of error below is a product of conditions on three nibbles: the previous byte's high
// nibble, its low nibble and the current byte's high nibble. Three 16-entry tables give, for each
// nibble value, the set of error kinds that nibble is compatible with; a byte is in error when the
// three sets intersect. The remaining kind is settled by comparing "two continuations in a row" with
// "the byte two back starts a 3- or 4-byte sequence, or the byte three back a 4-byte one".
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ssespec::utf8::simd_detail {

// The kinds of error, one bit each.
enum : std::uint8_t {
  kTooShort = 0x01,    // a lead byte (C0..FF) followed by something other than a continuation
  kTooLong = 0x02,     // ASCII followed by a continuation
  kOverlong2 = 0x04,   // C0 or C1 followed by a continuation
  kOverlong3 = 0x08,   // E0 followed by 80..9F
  kSurrogate = 0x10,   // ED followed by A0..BF
  kAbove10FFFF = 0x20, // F4..FF followed by 90..BF
  kBad4Byte80 = 0x40,  // F0 or F5..FF followed by 80..8F: overlong, or past U+10FFFF
  kTwoConts = 0x80,    // a continuation followed by a continuation: right only inside 3/4-byte ones
};

constexpr std::uint8_t kAnyLow = kTooShort | kTooLong | kTwoConts;

// Indexed by the previous byte's high nibble.
constexpr std::uint8_t kPrevHigh[16] = {
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong,
    kTooLong, // 0x..7x ASCII
    kTwoConts,
    kTwoConts,
    kTwoConts,
    kTwoConts,                              // 8x..Bx
    kTooShort | kOverlong2,                 // Cx
    kTooShort,                              // Dx
    kTooShort | kOverlong3 | kSurrogate,    // Ex
    kTooShort | kAbove10FFFF | kBad4Byte80, // Fx
};

// Indexed by the previous byte's low nibble.
constexpr std::uint8_t kPrevLow[16] = {
    kAnyLow | kOverlong2 | kOverlong3 | kBad4Byte80, // x0: C0, E0, F0
    kAnyLow | kOverlong2,                            // x1: C1
    kAnyLow,                                         // x2
    kAnyLow,                                         // x3
    kAnyLow | kAbove10FFFF,                          // x4: F4
    kAnyLow | kAbove10FFFF | kBad4Byte80,            // x5..xF: F5..FF
    kAnyLow | kAbove10FFFF | kBad4Byte80,
    kAnyLow | kAbove10FFFF | kBad4Byte80,
    kAnyLow | kAbove10FFFF | kBad4Byte80,
    kAnyLow | kAbove10FFFF | kBad4Byte80,
    kAnyLow | kAbove10FFFF | kBad4Byte80,
    kAnyLow | kAbove10FFFF | kBad4Byte80,
    kAnyLow | kAbove10FFFF | kBad4Byte80,
    kAnyLow | kAbove10FFFF | kBad4Byte80 | kSurrogate, // xD: ED
    kAnyLow | kAbove10FFFF | kBad4Byte80,
    kAnyLow | kAbove10FFFF | kBad4Byte80,
};

constexpr std::uint8_t kContinuation = kTooLong | kTwoConts | kOverlong2;

// Indexed by the current byte's high nibble.
constexpr std::uint8_t kCurrentHigh[16] = {
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,                                 // ASCII
    kContinuation | kOverlong3 | kBad4Byte80,  // 8x
    kContinuation | kOverlong3 | kAbove10FFFF, // 9x
    kContinuation | kSurrogate | kAbove10FFFF, // Ax
    kContinuation | kSurrogate | kAbove10FFFF, // Bx
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort, // Cx..Fx: a lead where a continuation belongs
};

// V supplies: type `Vec`, `kWidth`, load(p), zero(), table(const uint8_t[16]), lookup(table, nibbles),
// high_nibbles(v), low_nibbles(v), shifted<N>(current, previous) (the block N bytes earlier in the
// stream), bit_or/bit_and/bit_xor, saturating_sub(a, b), splat(byte), any_high_bit(v), any_set(v),
// and incomplete_tail_limits(): 0xFF except the last three bytes, EF DF BF.
template <class V> class Validator {
public:
  using Vec = typename V::Vec;

  // One block of the stream, `previous` being the block before it (zero at the start).
  void check(Vec current) {
    if (!V::any_high_bit(current)) {
      // ASCII: wrong only if the block before ended inside a sequence.
      error_ = V::bit_or(error_, previous_incomplete_);
      previous_incomplete_ = V::zero();
    } else {
      const Vec prev1 = V::template shifted<1>(current, previous_);
      const Vec pairs = V::bit_and(V::bit_and(V::lookup(prev_high_, V::high_nibbles(prev1)),
                                              V::lookup(prev_low_, V::low_nibbles(prev1))),
                                   V::lookup(current_high_, V::high_nibbles(current)));
      // 0x80 where a continuation must come: two back is E0..FF, or three back is F0..FF.
      const Vec prev2 = V::template shifted<2>(current, previous_);
      const Vec prev3 = V::template shifted<3>(current, previous_);
      const Vec must_continue = V::bit_and(V::bit_or(V::saturating_sub(prev2, V::splat(0xE0 - 0x80)),
                                                     V::saturating_sub(prev3, V::splat(0xF0 - 0x80))),
                                           V::splat(0x80));
      error_ = V::bit_or(error_, V::bit_xor(pairs, must_continue));
      previous_incomplete_ = V::saturating_sub(current, limits_);
    }
    previous_ = current;
  }

  bool valid_to_here() const { return !V::any_set(error_); }

  // Validates all of [data, data + size).
  static bool validate(const std::uint8_t* data, std::size_t size) {
    Validator validator;
    std::size_t i = 0;
    for (; i + V::kWidth <= size; i += V::kWidth)
      validator.check(V::load(data + i));
    // The tail, padded with zero bytes: at least one zero follows the last byte when the tail is
    // not empty, so a sequence the end cuts short shows as a missing continuation; an empty tail is
    // one ASCII block, which reports an unfinished sequence at the end of the block before.
    alignas(64) std::uint8_t padded[V::kWidth] = {};
    if (size > i) std::memcpy(padded, data + i, size - i);
    validator.check(V::load(padded));
    return validator.valid_to_here();
  }

private:
  Vec prev_high_ = V::table(kPrevHigh);
  Vec prev_low_ = V::table(kPrevLow);
  Vec current_high_ = V::table(kCurrentHigh);
  Vec limits_ = V::incomplete_tail_limits();
  Vec previous_ = V::zero();
  Vec previous_incomplete_ = V::zero();
  Vec error_ = V::zero();
};

} // namespace ssespec::utf8::simd_detail
