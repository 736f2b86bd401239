#include "utf8.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace ssespec::utf8 {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// The WHATWG decoder's per-lead-byte state: how many continuation bytes follow and the range the
// first of them must fall in (E0, ED, F0 and F4 narrow it to exclude overlongs and surrogates).
struct Lead {
  int needed; // -1: the byte cannot start a sequence
  std::uint8_t lower;
  std::uint8_t upper;
};

constexpr Lead classify(std::uint8_t byte) {
  if (byte < 0x80) return {0, 0x80, 0xBF};
  if (byte >= 0xC2 && byte <= 0xDF) return {1, 0x80, 0xBF};
  if (byte == 0xE0) return {2, 0xA0, 0xBF};
  if (byte == 0xED) return {2, 0x80, 0x9F};
  if (byte >= 0xE1 && byte <= 0xEF) return {2, 0x80, 0xBF};
  if (byte == 0xF0) return {3, 0x90, 0xBF};
  if (byte == 0xF4) return {3, 0x80, 0x8F};
  if (byte >= 0xF1 && byte <= 0xF3) return {3, 0x80, 0xBF};
  return {-1, 0, 0}; // 80..C1 and F5..FF
}

// classify() for every byte value, computed at compile time: a lookup per lead byte instead of a
// chain of range comparisons (which also spares the fuzz build a traced comparison per step).
constexpr std::array<Lead, 256> kLeads = [] {
  std::array<Lead, 256> leads{};
  for (int byte = 0; byte < 256; ++byte)
    leads[static_cast<std::size_t>(byte)] = classify(static_cast<std::uint8_t>(byte));
  return leads;
}();

// Length of the valid sequence starting at bytes[i], or of the maximal subpart to replace (as a
// negative number) when it is invalid. Never 0.
int sequence_length(const std::uint8_t* bytes, std::size_t size, std::size_t i) {
  const Lead lead = kLeads[bytes[i]];
  if (lead.needed == 0) return 1;
  if (lead.needed < 0) return -1;
  std::uint8_t lower = lead.lower;
  std::uint8_t upper = lead.upper;
  for (int seen = 0; seen < lead.needed; ++seen) {
    const std::size_t at = i + 1 + static_cast<std::size_t>(seen);
    // Out of range or cut short: the bytes so far are one maximal subpart; the offending byte is
    // looked at again as the start of what follows.
    if (at >= size || bytes[at] < lower || bytes[at] > upper) return -(seen + 1);
    lower = 0x80;
    upper = 0xBF;
  }
  return lead.needed + 1;
}

// The index of the first byte at or after `i` that is not ASCII, or `size`: eight bytes at a time,
// since most text is mostly ASCII.
std::size_t skip_ascii(const std::uint8_t* bytes, std::size_t size, std::size_t i) {
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  while (i < size && bytes[i] < 0x80)
    ++i;
  return i;
}

} // namespace

bool is_valid(std::string_view text) {
#if defined(SSESPEC_X86_SIMD)
  // Below one vector the scalar loop wins: the vector code would pad and check a whole block.
  if (text.size() >= 32 && cpu::features.avx2) return is_valid_avx2(text);
  if (text.size() >= 16 && cpu::features.ssse3) return is_valid_ssse3(text);
#endif
  return is_valid_scalar(text);
}

bool is_valid_scalar(std::string_view text) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    if (bytes[i] < 0x80) {
      i = skip_ascii(bytes, size, i);
      continue;
    }
    const int length = sequence_length(bytes, size, i);
    if (length < 0) return false;
    i += static_cast<std::size_t>(length);
  }
  return true;
}

void decode_replacing(std::string_view text, std::string& out) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  std::size_t run_start = 0; // the valid bytes since the last replacement, appended in one go
  while (i < size) {
    if (bytes[i] < 0x80) {
      i = skip_ascii(bytes, size, i);
      continue;
    }
    const int length = sequence_length(bytes, size, i);
    if (length > 0) {
      i += static_cast<std::size_t>(length);
    } else {
      out.append(text.data() + run_start, i - run_start);
      out.append(kReplacement);
      i += static_cast<std::size_t>(-length);
      run_start = i;
    }
  }
  out.append(text.data() + run_start, size - run_start);
}

} // namespace ssespec::utf8
