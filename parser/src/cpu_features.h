// Which vector instruction sets this CPU has, asked once. The SIMD paths are chosen at run time,
// so one binary runs everywhere and uses AVX2 where there is AVX2.
#pragma once

namespace ssespec::cpu {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SSESPEC_X86_SIMD 1
#endif

struct Features {
  bool ssse3 = false;
  bool avx2 = false;
};

// Read at static initialisation; anything that runs before that sees no features and takes the
// scalar and SSE2 paths, which give the same answers.
extern const Features features;

} // namespace ssespec::cpu
