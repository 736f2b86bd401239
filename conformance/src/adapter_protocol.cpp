#include "adapter_protocol.h"

#include "base64.h"
#include "json_text.h"

#include <nlohmann/json.hpp>

namespace ssespec::protocol {
namespace {

using nlohmann::json;

// Strings from implementations may hold invalid UTF-8; replace rather than throw when writing.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<json> parse_object(std::string_view line, std::string& error) {
  std::string parse_error;
  std::optional<json> value = parse_json_text(line, parse_error);
  if (!value) {
    error = "not valid JSON";
    return std::nullopt;
  }
  if (!value->is_object()) {
    error = "not a JSON object";
    return std::nullopt;
  }
  return value;
}

// Reads a required string member; sets `error` naming the member otherwise.
bool read_string(const json& object, const char* key, std::string& out, std::string& error) {
  const auto it = object.find(key);
  if (it == object.end()) {
    error = std::string("missing \"") + key + "\"";
    return false;
  }
  if (!it->is_string()) {
    error = std::string("\"") + key + "\" is not a string";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

} // namespace

std::string encode_hello(const Hello& hello) {
  return dump(json{{"protocol", hello.protocol},
                   {"name", hello.name},
                   {"version", hello.version},
                   {"capabilities", hello.capabilities}});
}

Decoded<Hello> decode_hello(std::string_view line) {
  Decoded<Hello> result;
  const std::optional<json> object = parse_object(line, result.error);
  if (!object) return result;
  Hello hello;
  if (!read_string(*object, "protocol", hello.protocol, result.error)) return result;
  if (hello.protocol != kAdapterProtocol) {
    result.error =
        "unsupported protocol \"" + hello.protocol + "\" (expected " + std::string(kAdapterProtocol) + ")";
    return result;
  }
  if (!read_string(*object, "name", hello.name, result.error)) return result;
  if (object->contains("version") && !read_string(*object, "version", hello.version, result.error))
    return result;
  if (const auto it = object->find("capabilities"); it != object->end()) {
    if (!it->is_array()) {
      result.error = "\"capabilities\" is not an array";
      return result;
    }
    for (const json& capability : *it) {
      if (!capability.is_string()) {
        result.error = "\"capabilities\" holds a non-string";
        return result;
      }
      hello.capabilities.push_back(capability.get<std::string>());
    }
  }
  result.value = std::move(hello);
  return result;
}

std::string encode_request(const Request& request) {
  json chunks = json::array();
  for (const std::string& chunk : request.chunks)
    chunks.push_back(base64_encode(chunk));
  return dump(json{{"id", request.id}, {"chunks", std::move(chunks)}});
}

Decoded<Request> decode_request(std::string_view line) {
  Decoded<Request> result;
  const std::optional<json> object = parse_object(line, result.error);
  if (!object) return result;
  Request request;
  if (!read_string(*object, "id", request.id, result.error)) return result;
  result.id = request.id;
  const auto chunks = object->find("chunks");
  if (chunks == object->end() || !chunks->is_array()) {
    result.error = chunks == object->end() ? "missing \"chunks\"" : "\"chunks\" is not an array";
    return result;
  }
  for (std::size_t i = 0; i < chunks->size(); ++i) {
    const json& chunk = (*chunks)[i];
    if (!chunk.is_string()) {
      result.error = "chunks[" + std::to_string(i) + "] is not a string";
      return result;
    }
    std::string base64_error;
    std::optional<std::string> bytes = base64_decode(chunk.get_ref<const std::string&>(), &base64_error);
    if (!bytes) {
      result.error = "chunks[" + std::to_string(i) + "]: " + base64_error;
      return result;
    }
    request.chunks.push_back(std::move(*bytes));
  }
  result.value = std::move(request);
  return result;
}

std::string encode_response(const Response& response) {
  json out = {{"id", response.id}};
  if (response.error) {
    out["error"] = *response.error;
    return dump(out);
  }
  json events = json::array();
  for (const ObservedEvent& event : response.events) {
    json entry = {{"type", event.type}, {"data", event.data}, {"lastEventId", event.last_event_id}};
    if (event.chunk) entry["chunk"] = *event.chunk;
    events.push_back(std::move(entry));
  }
  out["events"] = std::move(events);
  out["retry"] = response.retry;
  if (response.comments) out["comments"] = *response.comments;
  return dump(out);
}

Decoded<Response> decode_response(std::string_view line) {
  Decoded<Response> result;
  const std::optional<json> object = parse_object(line, result.error);
  if (!object) return result;
  Response response;
  if (!read_string(*object, "id", response.id, result.error)) return result;
  result.id = response.id;
  if (const auto it = object->find("error"); it != object->end()) {
    response.error = it->is_string() ? it->get<std::string>() : it->dump();
    result.value = std::move(response);
    return result;
  }
  const auto events = object->find("events");
  if (events == object->end() || !events->is_array()) {
    result.error = events == object->end() ? "missing \"events\"" : "\"events\" is not an array";
    return result;
  }
  for (std::size_t i = 0; i < events->size(); ++i) {
    const json& entry = (*events)[i];
    const std::string where = "events[" + std::to_string(i) + "]";
    if (!entry.is_object()) {
      result.error = where + " is not an object";
      return result;
    }
    ObservedEvent event;
    std::string field_error;
    if (!read_string(entry, "type", event.type, field_error) ||
        !read_string(entry, "data", event.data, field_error)) {
      result.error = where + ": " + field_error;
      return result;
    }
    if (entry.contains("lastEventId") &&
        !read_string(entry, "lastEventId", event.last_event_id, field_error)) {
      result.error = where + ": " + field_error;
      return result;
    }
    if (const auto chunk = entry.find("chunk"); chunk != entry.end() && !chunk->is_null()) {
      if (!chunk->is_number_unsigned()) {
        result.error = where + ": \"chunk\" is not a non-negative integer";
        return result;
      }
      event.chunk = chunk->get<std::size_t>();
    }
    response.events.push_back(std::move(event));
  }
  if (const auto retry = object->find("retry"); retry != object->end()) {
    if (!retry->is_array()) {
      result.error = "\"retry\" is not an array";
      return result;
    }
    for (const json& value : *retry) {
      if (!value.is_number_unsigned()) {
        result.error = "\"retry\" holds something other than a non-negative integer";
        return result;
      }
      response.retry.push_back(value.get<std::uint64_t>());
    }
  }
  if (const auto comments = object->find("comments"); comments != object->end()) {
    if (!comments->is_array()) {
      result.error = "\"comments\" is not an array";
      return result;
    }
    std::vector<std::string> texts;
    for (const json& text : *comments) {
      if (!text.is_string()) {
        result.error = "\"comments\" holds a non-string";
        return result;
      }
      texts.push_back(text.get<std::string>());
    }
    response.comments = std::move(texts);
  }
  result.value = std::move(response);
  return result;
}

} // namespace ssespec::protocol
