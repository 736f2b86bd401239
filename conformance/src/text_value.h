// Text values (docs/fixture-format.md): a JSON string, or an array of parts, each a string, a
// {"base64": ...} part (raw bytes) or a {"repeat": ..., "count": ...} part. Decoded with explicit
// bounds, every problem named by its place inside the value.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ssespec {

// A `repeat` part may repeat at most this many times (the format's own bound) ...
inline constexpr std::size_t kMaxRepeatCount = 67'108'864;
// ... and no text value, however built, may exceed this many bytes.
inline constexpr std::size_t kMaxTextValueBytes = std::size_t{256} << 20;

struct TextValueProblem {
  std::string where; // inside the value: "", "[2]", "[2].count"
  std::string message;
};

struct DecodedText {
  std::optional<std::string> bytes; // set when there was no problem
  std::vector<TextValueProblem> problems;
};

// `allow_bytes`: base64 parts are allowed (inputs); expected values are UTF-8 text and may not use them.
DecodedText decode_text_value(const nlohmann::json& value, bool allow_bytes);

} // namespace ssespec
