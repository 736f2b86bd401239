#include "implementations_config.h"
#include "json_text.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ssespec {

ImplementationsConfig parse_implementations_config(std::string_view text, const std::string& file,
                                                   const std::string& root) {
  using nlohmann::json;
  ImplementationsConfig config;
  const auto error = [&](const std::string& where, const std::string& message) {
    config.errors.push_back(file + ": " + where + ": " + message);
  };
  std::string parse_error;
  const std::optional<json> parsed = parse_json_text(text, parse_error);
  if (!parsed) {
    config.errors.push_back(file + ": not valid JSON: " + parse_error);
    return config;
  }
  const json& document = *parsed;
  if (!document.is_object() || !document.contains("implementations") ||
      !document["implementations"].is_array()) {
    config.errors.push_back(file + ": must be an object with an \"implementations\" array");
    return config;
  }
  std::set<std::string> names;
  const json& list = document["implementations"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    const std::string where = "implementations[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      error(where, "must be an object");
      continue;
    }
    const std::size_t before = config.errors.size();
    ImplementationEntry entry;
    for (const auto& [key, value] : item.items()) {
      (void)value;
      static const std::set<std::string> known = {"name",       "builtin",      "command", "cwd",
                                                  "timeout_ms", "capabilities", "enabled", "notes"};
      if (!known.count(key)) error(where + "." + key, "unknown field");
    }
    if (!item.contains("name") || !item["name"].is_string() || item["name"].get<std::string>().empty()) {
      error(where + ".name", "must be a non-empty string");
    } else {
      entry.name = item["name"].get<std::string>();
      if (!names.insert(entry.name).second) error(where + ".name", "\"" + entry.name + "\" is used twice");
    }
    if (item.contains("builtin")) {
      if (item["builtin"] != "reference") error(where + ".builtin", "the only builtin is \"reference\"");
      if (item.contains("command")) error(where, "has both \"builtin\" and \"command\"");
      entry.builtin_reference = true;
    } else if (!item.contains("command")) {
      error(where, "needs \"builtin\": \"reference\" or a \"command\"");
    } else if (item["command"].is_string() && !item["command"].get<std::string>().empty()) {
      entry.command.shell = item["command"].get<std::string>();
    } else if (item["command"].is_array() && !item["command"].empty() &&
               std::all_of(item["command"].begin(), item["command"].end(),
                           [](const json& a) { return a.is_string(); })) {
      entry.command.argv = item["command"].get<std::vector<std::string>>();
    } else {
      error(where + ".command",
            "must be a non-empty string (for /bin/sh) or a non-empty array of strings (argv)");
    }
    if (item.contains("cwd")) {
      if (!item["cwd"].is_string()) {
        error(where + ".cwd", "must be a string");
      } else {
        const std::filesystem::path cwd = item["cwd"].get<std::string>();
        entry.command.cwd =
            (cwd.is_absolute() ? cwd : std::filesystem::path(root) / cwd).lexically_normal().string();
      }
    }
    if (item.contains("timeout_ms")) {
      if (!item["timeout_ms"].is_number_unsigned() || item["timeout_ms"].get<std::uint64_t>() == 0 ||
          item["timeout_ms"].get<std::uint64_t>() > 3'600'000) {
        error(where + ".timeout_ms", "must be an integer from 1 to 3600000");
      } else {
        entry.timeout = std::chrono::milliseconds(item["timeout_ms"].get<std::uint64_t>());
      }
    }
    if (item.contains("capabilities")) {
      if (!item["capabilities"].is_array() ||
          !std::all_of(item["capabilities"].begin(), item["capabilities"].end(),
                       [](const json& c) { return c.is_string(); })) {
        error(where + ".capabilities", "must be an array of strings");
      } else {
        entry.capabilities = item["capabilities"].get<std::vector<std::string>>();
      }
    }
    if (item.contains("enabled")) {
      if (!item["enabled"].is_boolean()) {
        error(where + ".enabled", "must be true or false");
      } else {
        entry.enabled = item["enabled"].get<bool>();
      }
    }
    if (config.errors.size() == before) config.entries.push_back(std::move(entry));
  }
  return config;
}

ImplementationsConfig load_implementations_config(const std::string& path, const std::string& root) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ImplementationsConfig config;
    config.errors.push_back(path + ": cannot read");
    return config;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_implementations_config(text.str(), path, root);
}

ImplementationSetup setup_for(const ImplementationEntry& entry, SubprocessLimits limits) {
  ImplementationSetup setup;
  setup.name = entry.name;
  setup.capabilities = entry.capabilities;
  if (entry.builtin_reference) {
    setup.make = [] { return std::make_unique<InProcessReference>(); };
  } else {
    limits.request_timeout = entry.timeout;
    setup.make = [command = entry.command, limits] {
      return std::make_unique<SubprocessImplementation>(command, limits);
    };
  }
  return setup;
}

} // namespace ssespec
