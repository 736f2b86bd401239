// UTF-8 as the WHATWG Encoding standard decodes it (https://encoding.spec.whatwg.org/#utf-8-decoder):
// a validity check for the fast path, and the decoder that replaces each maximal subpart of an
// invalid sequence with U+FFFD for the slow path.
#pragma once

#include "cpu_features.h"

#include <string>
#include <string_view>

namespace ssespec::utf8 {

// True when `bytes` decode without a single replacement: no invalid sequence, none truncated at the end.
// Takes the widest validator the CPU has; each one below gives the same answer for every input.
bool is_valid(std::string_view bytes);

// The byte-by-byte validator: the fallback, and the oracle the vector ones are tested against.
bool is_valid_scalar(std::string_view bytes);
#if defined(SSESPEC_X86_SIMD)
// Table-lookup validators (utf8_simd.h). Call only when cpu::features says the CPU has them.
bool is_valid_ssse3(std::string_view bytes);
bool is_valid_avx2(std::string_view bytes);
#endif

// Appends the decoding of `bytes` to `out`, each error replaced with U+FFFD (EF BF BD) exactly as the
// WHATWG UTF-8 decoder does, including the error for a sequence the end of `bytes` cuts short.
void decode_replacing(std::string_view bytes, std::string& out);

} // namespace ssespec::utf8
