#include "cpu_features.h"

namespace ssespec::cpu {
namespace {

Features detect() {
  Features found;
#if defined(SSESPEC_X86_SIMD)
  // Needed when this runs from a static constructor, before the runtime has filled in its table.
  __builtin_cpu_init();
  found.ssse3 = __builtin_cpu_supports("ssse3");
  found.avx2 = __builtin_cpu_supports("avx2");
#endif
  return found;
}

} // namespace

const Features features = detect();

} // namespace ssespec::cpu
