#include "implementations_config.h"

#include "json_text.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ssespec {

namespace {

using nlohmann::json;
using ErrorSink = std::function<void(const std::string&, const std::string&)>;

// "command" (a /bin/sh string or an argv array) and "cwd" (relative to the repository) of `item`.
void read_command(const json& item, const std::string& where, const std::string& root,
                  AdapterCommand& command, const ErrorSink& error) {
  const json& value = item["command"];
  if (value.is_string() && !value.get<std::string>().empty()) {
    command.shell = value.get<std::string>();
  } else if (value.is_array() && !value.empty() &&
             std::all_of(value.begin(), value.end(), [](const json& a) { return a.is_string(); })) {
    command.argv = value.get<std::vector<std::string>>();
  } else {
    error(where + ".command",
          "must be a non-empty string (for /bin/sh) or a non-empty array of strings (argv)");
  }
  if (item.contains("cwd")) {
    if (!item["cwd"].is_string()) {
      error(where + ".cwd", "must be a string");
    } else {
      const std::filesystem::path cwd = item["cwd"].get<std::string>();
      command.cwd = (cwd.is_absolute() ? cwd : std::filesystem::path(root) / cwd).lexically_normal().string();
    }
  }
}

// An entry and its client name what runs them the same way: "builtin": "reference", or a command.
void read_builtin_or_command(const json& object, const std::string& where, const std::string& root,
                             bool& builtin_reference, AdapterCommand& command, const ErrorSink& error) {
  if (object.contains("builtin")) {
    if (object["builtin"] != "reference") error(where + ".builtin", "the only builtin is \"reference\"");
    if (object.contains("command")) error(where, "has both \"builtin\" and \"command\"");
    builtin_reference = true;
  } else if (!object.contains("command")) {
    error(where, "needs \"builtin\": \"reference\" or a \"command\"");
  } else {
    read_command(object, where, root, command, error);
  }
}

void read_client(const json& client, const std::string& where, const std::string& root,
                 ImplementationEntry& entry, const ErrorSink& error) {
  if (!client.is_object()) {
    error(where, "must be an object: {\"builtin\": \"reference\"} or {\"command\": ..., \"cwd\": ...}");
    return;
  }
  for (const auto& [key, value] : client.items()) {
    (void)value;
    if (key != "builtin" && key != "command" && key != "cwd") error(where + "." + key, "unknown field");
  }
  entry.has_client = true;
  read_builtin_or_command(client, where, root, entry.client_builtin_reference, entry.client_command, error);
}

void read_max_expansion(const json& caps, const std::string& where, ImplementationEntry& entry,
                        const ErrorSink& error) {
  if (!caps.is_object()) {
    error(where, "must be an object with \"split_max\", \"random\" and/or \"bytewise_max\"");
    return;
  }
  const std::pair<const char*, std::optional<std::size_t>*> fields[] = {
      {"split_max", &entry.max_split}, {"random", &entry.max_random}, {"bytewise_max", &entry.max_bytewise}};
  for (const auto& item : caps.items()) {
    // Not a structured binding: clang 14 cannot capture one in the lambda.
    const std::string& key = item.key();
    const json& value = item.value();
    const auto field =
        std::find_if(std::begin(fields), std::end(fields), [&](const auto& f) { return key == f.first; });
    if (field == std::end(fields)) {
      error(where + "." + key, "unknown field (split_max, random, bytewise_max)");
    } else if (!value.is_number_unsigned() || value.get<std::uint64_t>() > (std::uint64_t{1} << 32)) {
      error(where + "." + key, "must be a non-negative integer");
    } else {
      *field->second = static_cast<std::size_t>(value.get<std::uint64_t>());
    }
  }
}

std::string shell_quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

} // namespace

ImplementationsConfig parse_implementations_config(std::string_view text, const std::string& file,
                                                   const std::string& root) {
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
                                                  "timeout_ms", "capabilities", "enabled", "notes",
                                                  "client",     "max_expansion"};
      if (!known.count(key)) error(where + "." + key, "unknown field");
    }
    if (!item.contains("name") || !item["name"].is_string() || item["name"].get<std::string>().empty()) {
      error(where + ".name", "must be a non-empty string");
    } else {
      entry.name = item["name"].get<std::string>();
      if (!names.insert(entry.name).second) error(where + ".name", "\"" + entry.name + "\" is used twice");
    }
    read_builtin_or_command(item, where, root, entry.builtin_reference, entry.command, error);
    if (item.contains("client")) read_client(item["client"], where + ".client", root, entry, error);
    if (item.contains("max_expansion"))
      read_max_expansion(item["max_expansion"], where + ".max_expansion", entry, error);
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
  setup.max_split = entry.max_split;
  setup.max_random = entry.max_random;
  setup.max_bytewise = entry.max_bytewise;
  if (entry.has_client)
    setup.client_adapter = entry.client_builtin_reference ? "" : shell_line(entry.client_command);
  return setup;
}

RunSettings settings_for(const ImplementationSetup& setup, RunSettings settings) {
  ExpansionOptions& x = settings.expansion;
  if (setup.max_split) x.every_split_max_bytes = std::min(x.every_split_max_bytes, *setup.max_split);
  if (setup.max_random) x.random_chunkings = std::min(x.random_chunkings, *setup.max_random);
  if (setup.max_bytewise) x.byte_by_byte_max_bytes = std::min(x.byte_by_byte_max_bytes, *setup.max_bytewise);
  return settings;
}

std::string shell_line(const AdapterCommand& command) {
  std::string line = command.cwd.empty() ? "" : "cd " + shell_quote(command.cwd) + " && ";
  if (!command.argv.empty()) {
    line += "exec";
    for (const std::string& word : command.argv)
      line += " " + shell_quote(word);
  } else {
    line += command.shell;
  }
  return line;
}

} // namespace ssespec
