// UTF-8 as the WHATWG Encoding standard decodes it (https://encoding.spec.whatwg.org/#utf-8-decoder):
// a validity check for the fast path, and the decoder that replaces each maximal subpart of an
// invalid sequence with U+FFFD for the slow path.
#pragma once

#include <string>
#include <string_view>

namespace ssespec::utf8 {

// True when `bytes` decode without a single replacement: no invalid sequence, none truncated at the end.
bool is_valid(std::string_view bytes);

// Appends the decoding of `bytes` to `out`, each error replaced with U+FFFD (EF BF BD) exactly as the
// WHATWG UTF-8 decoder does, including the error for a sequence the end of `bytes` cuts short.
void decode_replacing(std::string_view bytes, std::string& out);

}  // namespace ssespec::utf8
