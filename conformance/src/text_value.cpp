#include "text_value.h"

#include "base64.h"

namespace ssespec {

DecodedText decode_text_value(const nlohmann::json& value, bool allow_bytes) {
  DecodedText result;
  const auto problem = [&](std::string where, std::string message) {
    result.problems.push_back({std::move(where), std::move(message)});
  };
  if (value.is_string()) {
    result.bytes = value.get<std::string>();
    return result;
  }
  if (!value.is_array()) {
    problem("", "must be a string or an array of parts");
    return result;
  }
  const std::string too_long = "makes the value longer than " + std::to_string(kMaxTextValueBytes) + " bytes";
  std::string bytes;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const nlohmann::json& part = value[i];
    const std::string where = "[" + std::to_string(i) + "]";
    if (part.is_string()) {
      const std::string& text = part.get_ref<const std::string&>();
      if (text.size() > kMaxTextValueBytes - bytes.size()) {
        problem(where, too_long);
        return result;
      }
      bytes += text;
      continue;
    }
    const bool is_base64 = part.is_object() && part.contains("base64");
    const bool is_repeat = part.is_object() && part.contains("repeat");
    if (!is_base64 && !is_repeat) {
      problem(where, allow_bytes ? "must be a string, {\"base64\": ...} or {\"repeat\": ..., \"count\": ...}"
                                 : "must be a string or {\"repeat\": ..., \"count\": ...}");
      continue;
    }
    for (const auto& [key, member] : part.items()) {
      (void)member;
      if (key != (is_base64 ? "base64" : "repeat") && !(is_repeat && key == "count")) {
        problem(where + "." + key, "unknown field");
      }
    }
    if (is_base64) {
      if (!allow_bytes) {
        problem(where, "base64 parts are for inputs only: expected values are UTF-8 text");
        continue;
      }
      if (!part["base64"].is_string()) {
        problem(where + ".base64", "must be a string");
        continue;
      }
      std::string error;
      std::optional<std::string> decoded =
          base64_decode(part["base64"].get_ref<const std::string&>(), &error);
      if (!decoded) {
        problem(where + ".base64", error);
        continue;
      }
      if (decoded->size() > kMaxTextValueBytes - bytes.size()) {
        problem(where, too_long);
        return result;
      }
      bytes += *decoded;
      continue;
    }
    if (!part["repeat"].is_string()) {
      problem(where + ".repeat", "must be a string");
      continue;
    }
    const auto count = part.find("count");
    if (count == part.end()) {
      problem(where + ".count", "missing");
      continue;
    }
    if (!count->is_number_unsigned() || count->get<std::uint64_t>() > kMaxRepeatCount) {
      problem(where + ".count", "must be an integer from 0 to " + std::to_string(kMaxRepeatCount));
      continue;
    }
    const std::string& unit = part["repeat"].get_ref<const std::string&>();
    const std::uint64_t times = count->get<std::uint64_t>();
    if (!unit.empty() && times > (kMaxTextValueBytes - bytes.size()) / unit.size()) {
      problem(where, too_long);
      return result;
    }
    bytes.reserve(bytes.size() + unit.size() * times);
    for (std::uint64_t n = 0; n < times; ++n)
      bytes += unit;
  }
  if (result.problems.empty()) result.bytes = std::move(bytes);
  return result;
}

} // namespace ssespec
