#include "client_protocol.h"

#include "json_text.h"

#include <nlohmann/json.hpp>

namespace ssespec::client {

using nlohmann::json;

namespace {

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <typename T> Decoded<T> fail(std::string message) {
  Decoded<T> out;
  out.error = std::move(message);
  return out;
}

bool get_string(const json& object, const char* key, std::string& out, std::string& error, bool required) {
  if (!object.contains(key)) {
    if (required) error = std::string("\"") + key + "\" is required";
    return !required;
  }
  if (!object[key].is_string()) {
    error = std::string("\"") + key + "\" must be a string";
    return false;
  }
  out = object[key].get<std::string>();
  return true;
}

} // namespace

std::string encode_hello(const Hello& hello) {
  return dump({{"protocol", hello.protocol},
               {"name", hello.name},
               {"version", hello.version},
               {"capabilities", hello.capabilities}});
}

Decoded<Hello> decode_hello(std::string_view line) {
  std::string parse_error;
  const std::optional<json> parsed = parse_json_text(line, parse_error);
  if (!parsed || !parsed->is_object()) return fail<Hello>("hello is not a JSON object");
  const json& value = *parsed;
  Hello hello;
  std::string error;
  if (!get_string(value, "protocol", hello.protocol, error, true) ||
      !get_string(value, "name", hello.name, error, true) ||
      !get_string(value, "version", hello.version, error, false)) {
    return fail<Hello>("hello: " + error);
  }
  if (hello.protocol != kClientProtocol) {
    return fail<Hello>("hello: protocol is \"" + hello.protocol + "\", expected \"" +
                       std::string(kClientProtocol) + "\"");
  }
  if (value.contains("capabilities")) {
    if (!value["capabilities"].is_array())
      return fail<Hello>("hello: \"capabilities\" must be an array of strings");
    for (const auto& cap : value["capabilities"]) {
      if (!cap.is_string()) return fail<Hello>("hello: \"capabilities\" must be an array of strings");
      hello.capabilities.push_back(cap.get<std::string>());
    }
  }
  Decoded<Hello> out;
  out.value = std::move(hello);
  return out;
}

std::string encode_command(const Command& command) {
  json value = {{"id", command.id}, {"cmd", command.cmd}};
  if (command.cmd == "open") {
    json headers = json::object();
    for (const auto& [name, header] : command.headers)
      headers[name] = header;
    value["url"] = command.url;
    value["method"] = command.method;
    value["headers"] = headers;
    value["body"] = command.body ? json(*command.body) : json(nullptr);
    value["event_types"] = command.event_types;
  }
  return dump(value);
}

Decoded<Command> decode_command(std::string_view line) {
  std::string parse_error;
  const std::optional<json> parsed = parse_json_text(line, parse_error);
  if (!parsed || !parsed->is_object()) return fail<Command>("command is not a JSON object");
  const json& value = *parsed;
  Command command;
  std::string error;
  if (!get_string(value, "id", command.id, error, true) ||
      !get_string(value, "cmd", command.cmd, error, true)) {
    return fail<Command>(error);
  }
  if (command.cmd == "close") {
    Decoded<Command> out;
    out.value = std::move(command);
    return out;
  }
  if (command.cmd != "open") return fail<Command>("unknown cmd \"" + command.cmd + "\" (open, close)");
  if (!get_string(value, "url", command.url, error, true) ||
      !get_string(value, "method", command.method, error, false)) {
    return fail<Command>(error);
  }
  if (value.contains("headers") && !value["headers"].is_null()) {
    if (!value["headers"].is_object()) return fail<Command>("\"headers\" must be an object of strings");
    for (const auto& [name, header] : value["headers"].items()) {
      if (!header.is_string()) return fail<Command>("\"headers\" must be an object of strings");
      command.headers.emplace_back(name, header.get<std::string>());
    }
  }
  if (value.contains("body") && !value["body"].is_null()) {
    if (!value["body"].is_string()) return fail<Command>("\"body\" must be a string or null");
    command.body = value["body"].get<std::string>();
  }
  if (value.contains("event_types") && !value["event_types"].is_null()) {
    if (!value["event_types"].is_array()) return fail<Command>("\"event_types\" must be an array of strings");
    for (const json& type : value["event_types"]) {
      if (!type.is_string()) return fail<Command>("\"event_types\" must be an array of strings");
      command.event_types.push_back(type.get<std::string>());
    }
  }
  Decoded<Command> out;
  out.value = std::move(command);
  return out;
}

std::string encode_record(const Record& record) {
  json value = {{"id", record.id}, {"kind", record.kind}, {"t", record.t}};
  if (record.kind == "event") {
    value["type"] = record.type;
    value["data"] = record.data;
    value["lastEventId"] = record.last_event_id;
  }
  if (record.ready_state) value["readyState"] = *record.ready_state;
  if (!record.message.empty()) value["message"] = record.message;
  return dump(value);
}

Decoded<Record> decode_record(std::string_view line) {
  std::string parse_error;
  const std::optional<json> parsed = parse_json_text(line, parse_error);
  if (!parsed || !parsed->is_object()) return fail<Record>("record is not a JSON object");
  const json& value = *parsed;
  Record record;
  std::string error;
  if (!get_string(value, "id", record.id, error, true) ||
      !get_string(value, "kind", record.kind, error, true) ||
      !get_string(value, "message", record.message, error, false)) {
    return fail<Record>(error);
  }
  static const char* kinds[] = {"open",   "event",       "error",      "readyState",
                                "closed", "unsupported", "bad-command"};
  bool known = false;
  for (const char* kind : kinds)
    known = known || record.kind == kind;
  if (!known) return fail<Record>("unknown kind \"" + record.kind + "\"");
  if (record.kind == "event") {
    if (!get_string(value, "data", record.data, error, true) ||
        !get_string(value, "lastEventId", record.last_event_id, error, false)) {
      return fail<Record>("event: " + error);
    }
    record.type = "message";
    if (!get_string(value, "type", record.type, error, false)) return fail<Record>("event: " + error);
  }
  if (value.contains("readyState")) {
    if (!value["readyState"].is_number_integer() || value["readyState"].get<int>() < 0 ||
        value["readyState"].get<int>() > 2) {
      return fail<Record>("\"readyState\" must be 0, 1 or 2");
    }
    record.ready_state = value["readyState"].get<int>();
  }
  if (record.kind == "readyState" && !record.ready_state)
    return fail<Record>("readyState record without \"readyState\"");
  if (value.contains("t")) {
    if (!value["t"].is_number()) return fail<Record>("\"t\" must be a number (ms)");
    record.t = value["t"].get<double>();
  }
  Decoded<Record> out;
  out.value = std::move(record);
  return out;
}

} // namespace ssespec::client
