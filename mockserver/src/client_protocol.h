// The client-level protocol, `ssespec-client/1` (docs/client-protocol.md): JSON lines over stdio
// between the client runner and an adapter wrapping one EventSource client. Both sides live here.
//
//   adapter -> runner, first:  {"protocol":"ssespec-client/1","name":..,"version":..,"capabilities":[..]}
//   runner  -> adapter:        {"id":"s1","cmd":"open","url":..,"method":"GET","headers":{..},"body":null,
//                               "event_types":["message",..]}
//                              {"id":"s1","cmd":"close"}
//   adapter -> runner:         {"id":"s1","kind":"open"|"event"|"error"|"readyState"|"closed"|"unsupported"
//                               |"bad-command", "type":..,"data":..,"lastEventId":..,"readyState":N,
//                               "message":..,"t":ms}
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssespec::client {

inline constexpr std::string_view kClientProtocol = "ssespec-client/1";
// Every capability the protocol knows; an adapter claims the ones its client has.
inline constexpr std::string_view kKnownCapabilities[] = {"post",          "custom-headers", "reconnect",
                                                          "last-event-id", "retry",          "ready-state"};

struct Hello {
  std::string protocol{kClientProtocol};
  std::string name;
  std::string version;
  std::vector<std::string> capabilities;
};

struct Command {
  std::string id;
  std::string cmd; // "open" or "close"
  std::string url;
  std::string method = "GET";
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;
  // The event types the scenario's stream dispatches, for clients that can only listen by name (a
  // browser's EventSource has no catch-all listener). Sorted, no duplicates; may be empty.
  std::vector<std::string> event_types;
};

struct Record {
  std::string id;
  std::string kind; // open, event, error, readyState, closed, unsupported, bad-command
  std::string type;
  std::string data;
  std::string last_event_id;
  std::optional<int> ready_state;
  std::string message;
  double t = 0; // ms since the adapter started
};

template <typename T> struct Decoded {
  std::optional<T> value;
  std::string error;
};

std::string encode_hello(const Hello& hello);
Decoded<Hello> decode_hello(std::string_view line);
std::string encode_command(const Command& command);
Decoded<Command> decode_command(std::string_view line);
std::string encode_record(const Record& record);
Decoded<Record> decode_record(std::string_view line);

} // namespace ssespec::client
