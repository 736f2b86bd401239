// Base64 (RFC 4648, standard alphabet) for the adapter protocol's chunks and fixture byte parts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ssespec {

std::string base64_encode(std::string_view bytes);

// Decodes standard base64. Padding may be left out; anything else that is not base64 (characters
// outside the alphabet, white space, padding in the middle, a dangling single character) is an error,
// described in `error` when given.
std::optional<std::string> base64_decode(std::string_view text, std::string* error = nullptr);

} // namespace ssespec
