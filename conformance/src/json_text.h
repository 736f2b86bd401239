// Parsing JSON text that comes from outside (fixtures, scenarios, configuration, protocol lines).
// nlohmann::json::parse throws some errors even with exceptions turned off (a number too large for
// a double, "1e99999", is out_of_range.406), so every entry point goes through here instead.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ssespec {

// The parsed value, or nullopt with `error` describing the problem (with its byte position where
// the parser gives one).
inline std::optional<nlohmann::json> parse_json_text(std::string_view text, std::string& error) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& exception) {
    error = exception.what();
    return std::nullopt;
  }
}

} // namespace ssespec
