// Fixture text values (docs/fixture-format.md) to bytes, for the seed generator and the model's
// tests: a string, or an array of strings, {"base64"} and {"repeat","count"} parts.
#pragma once

#include "base64.h"

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ssespec::fuzz {

// nullopt with `error` set when the value is malformed. A repeat part stops once it has added
// `max_repeat_bytes` (at least one repetition), so seeds stay small; pass SIZE_MAX for all of it.
inline std::optional<std::string> text_value(const nlohmann::json& value, std::string& error,
                                             std::size_t max_repeat_bytes) {
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_array()) {
    error = "not a string or an array of parts";
    return std::nullopt;
  }
  std::string out;
  for (const nlohmann::json& part : value) {
    if (part.is_string()) {
      out += part.get<std::string>();
    } else if (part.is_object() && part.contains("base64") && part["base64"].is_string()) {
      std::string why;
      const std::optional<std::string> bytes =
          ssespec::base64_decode(part["base64"].get<std::string>(), &why);
      if (!bytes) {
        error = "bad base64 part: " + why;
        return std::nullopt;
      }
      out += *bytes;
    } else if (part.is_object() && part.contains("repeat") && part["repeat"].is_string() &&
               part.contains("count") && part["count"].is_number_unsigned()) {
      const std::string unit = part["repeat"].get<std::string>();
      const std::size_t count = part["count"].get<std::size_t>();
      const std::size_t fits = unit.empty() ? 0 : std::max<std::size_t>(1, max_repeat_bytes / unit.size());
      for (std::size_t i = 0; i < std::min(count, fits); ++i)
        out += unit;
    } else {
      error = "a part is neither a string, {\"base64\"} nor {\"repeat\",\"count\"}";
      return std::nullopt;
    }
  }
  return out;
}

} // namespace ssespec::fuzz
