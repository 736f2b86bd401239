// The one way a fuzz target reports a broken invariant: print what broke and where, then abort, so
// libFuzzer saves the input and the replay test fails. An assert() would vanish under NDEBUG.
#pragma once

#include <cstdio>
#include <cstdlib>

#define SSESPEC_FUZZ_CHECK(condition, message)                                                               \
  do {                                                                                                       \
    if (!(condition)) {                                                                                      \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n  (%s)\n", __FILE__, __LINE__, message,             \
                   #condition);                                                                              \
      std::abort();                                                                                          \
    }                                                                                                        \
  } while (false)
