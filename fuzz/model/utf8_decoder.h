// UTF-8 decoding for the model, written from the WHATWG Encoding standard's "UTF-8 decoder" and
// "UTF-8 decode" (https://encoding.spec.whatwg.org/#utf-8-decoder). Deliberately separate from the
// parser's decoder: the differential target is only worth something while the two share nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ssespec::model {

struct DecodedText {
  std::u32string code_points; // errors already replaced with U+FFFD
  std::size_t errors = 0;     // how many replacements were made
};

// The UTF-8 decoder run over `bytes` to the end of the stream, replacing each error with U+FFFD.
// No BOM handling: that is "UTF-8 decode", below.
DecodedText utf8_decode_without_bom(std::string_view bytes);

// "UTF-8 decode": strips one leading BOM (EF BB BF), then decodes the rest.
DecodedText utf8_decode(std::string_view bytes);

// Code points back to UTF-8 bytes (the UTF-8 encoder). Every input here is a scalar value.
std::string utf8_encode(std::u32string_view code_points);

// True when `bytes` decode with no error at all.
bool is_valid_utf8(std::string_view bytes);

} // namespace ssespec::model
