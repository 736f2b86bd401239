// The parser-level adapter protocol, `ssespec-adapter/1`: JSON lines over stdio (docs/adapter-protocol.md).
// Both sides live here: the runner encodes requests and decodes hello and response lines; an adapter
// (the reference one included) decodes requests and encodes hello and response lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec::protocol {

inline constexpr std::string_view kAdapterProtocol = "ssespec-adapter/1";

// The first line an adapter writes.
struct Hello {
  std::string protocol{kAdapterProtocol};
  std::string name;
  std::string version;
  std::vector<std::string> capabilities; // e.g. "retry", "comments", "last-event-id", "chunk-index"
};

// One stream to parse: each chunk fed separately, then the end of the stream.
struct Request {
  std::string id;
  std::vector<std::string> chunks; // raw bytes (base64 on the wire)
};

struct ObservedEvent {
  std::string type;
  std::string data;
  std::string last_event_id;
  // The 0-based chunk during whose feeding the event came out; chunks.size() for the end of the
  // stream; absent where the implementation cannot tell.
  std::optional<std::size_t> chunk;
};

struct Response {
  std::string id;
  std::vector<ObservedEvent> events;
  std::vector<std::uint64_t> retry;
  std::optional<std::vector<std::string>> comments; // only from adapters with "comments"
  std::optional<std::string> error;                 // set instead of a result
};

// Decoding results: the value, or a message naming what is wrong with the line.
template <typename T> struct Decoded {
  std::optional<T> value;
  std::string error;
  std::string id; // for requests and responses: the id, when one could be read despite an error
};

std::string encode_hello(const Hello& hello);
Decoded<Hello> decode_hello(std::string_view line);

std::string encode_request(const Request& request);
Decoded<Request> decode_request(std::string_view line);

std::string encode_response(const Response& response);
Decoded<Response> decode_response(std::string_view line);

} // namespace ssespec::protocol
