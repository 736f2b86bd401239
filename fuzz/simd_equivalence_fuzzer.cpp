// simd_equivalence_fuzzer: every vector path of the parser against its scalar path, on arbitrary
// bytes at every alignment within a cache line:
// - line-end scanning (word at a time, SSE2, AVX2 and the inline dispatcher against the byte loop): walking
// the
//   input line by line, each path finds the same line end and the same "non-ASCII before it";
// - UTF-8 validation (SSSE3, AVX2 and the dispatcher against the byte loop): the same verdict for
//   the whole input, for every line of it, and for every prefix ending at a line end.
// The input is copied into a buffer of exactly its size, so a read past the end is an ASan report.
#include "../parser/src/cpu_features.h"
#include "../parser/src/line_scan.h"
#include "../parser/src/utf8.h"
#include "common/check.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace {

using ssespec::line_scan::Found;

void check_scan(const char* begin, const char* end) {
  const Found oracle = ssespec::line_scan::find_line_end_scalar(begin, end);
  const Found dispatched = ssespec::line_scan::find_line_end(begin, end);
  SSESPEC_FUZZ_CHECK(dispatched.line_end == oracle.line_end,
                     "find_line_end: another line end than the scalar scan");
  SSESPEC_FUZZ_CHECK(dispatched.non_ascii == oracle.non_ascii,
                     "find_line_end: another non_ascii than the scalar scan");
  const Found swar = ssespec::line_scan::find_line_end_swar(begin, end);
  SSESPEC_FUZZ_CHECK(swar.line_end == oracle.line_end,
                     "word-at-a-time scan: another line end than the scalar scan");
  SSESPEC_FUZZ_CHECK(swar.non_ascii == oracle.non_ascii,
                     "word-at-a-time scan: another non_ascii than the scalar scan");
#if defined(__SSE2__)
  const Found sse2 = ssespec::line_scan::find_line_end_sse2(begin, end);
  SSESPEC_FUZZ_CHECK(sse2.line_end == oracle.line_end, "SSE2 scan: another line end than the scalar scan");
  SSESPEC_FUZZ_CHECK(sse2.non_ascii == oracle.non_ascii, "SSE2 scan: another non_ascii than the scalar scan");
#endif
#if defined(SSESPEC_X86_SIMD)
  if (ssespec::cpu::features.avx2) {
    const Found avx2 = ssespec::line_scan::find_line_end_avx2(begin, end);
    SSESPEC_FUZZ_CHECK(avx2.line_end == oracle.line_end, "AVX2 scan: another line end than the scalar scan");
    SSESPEC_FUZZ_CHECK(avx2.non_ascii == oracle.non_ascii,
                       "AVX2 scan: another non_ascii than the scalar scan");
  }
#endif
}

void check_utf8(std::string_view bytes) {
  const bool oracle = ssespec::utf8::is_valid_scalar(bytes);
  SSESPEC_FUZZ_CHECK(ssespec::utf8::is_valid(bytes) == oracle,
                     "utf8::is_valid disagrees with the scalar validator");
#if defined(SSESPEC_X86_SIMD)
  if (ssespec::cpu::features.ssse3) {
    SSESPEC_FUZZ_CHECK(ssespec::utf8::is_valid_ssse3(bytes) == oracle,
                       "SSSE3 validator disagrees with the scalar one");
  }
  if (ssespec::cpu::features.avx2) {
    SSESPEC_FUZZ_CHECK(ssespec::utf8::is_valid_avx2(bytes) == oracle,
                       "AVX2 validator disagrees with the scalar one");
  }
#endif
}

void check_at(const char* begin, const char* end) {
  check_utf8(std::string_view(begin, static_cast<std::size_t>(end - begin)));
  const char* line = begin;
  while (true) {
    check_scan(line, end);
    const Found found = ssespec::line_scan::find_line_end_scalar(line, end);
    check_utf8(std::string_view(line, static_cast<std::size_t>(found.line_end - line)));
    check_utf8(std::string_view(begin, static_cast<std::size_t>(found.line_end - begin)));
    if (found.line_end == end) break;
    line = found.line_end + 1;
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Each copy starts `shift` bytes into an allocation of exactly size + shift bytes: the start
  // address takes every alignment within 64 bytes, and the copy ends where the allocation does, so
  // a read past the end is out of bounds.
  for (std::size_t shift = 0; shift<64; shift += size> 1024 ? 7 : 1) {
    const std::unique_ptr<char[]> storage(new char[size + shift]);
    char* const copy = storage.get() + shift;
    if (size != 0) std::memcpy(copy, data, size);
    check_at(copy, copy + size);
  }
  return 0;
}
