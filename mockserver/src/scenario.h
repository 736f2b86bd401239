// A mock-server scenario as loaded from mockserver/scenarios/*.json (docs/scenario-format.md): for
// the n-th connection, what the request should look like and what to answer, plus, optionally, what
// a client driven against it must observe.
#pragma once

#include "steps.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ssespec::mock {

// What a request header must be: absent, present with any value, or exactly a value.
struct HeaderExpectation {
  enum class Kind { absent, present, equals } kind = Kind::present;
  std::string value;
};

// What the n-th request must look like. Every field is optional; mismatches are recorded with the
// request (they never change the answer), so a client check can report them.
struct RequestExpectation {
  std::optional<std::string> method;
  std::optional<std::string> path;
  std::optional<std::string> query;
  std::vector<std::pair<std::string, HeaderExpectation>> headers;
  std::optional<std::string> body;
};

enum class Framing { chunked, close };

// The answer to one connection.
struct Connection {
  RequestExpectation expect;
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers; // in order; names as written
  bool content_type_given = false; // false: "Content-Type: text/event-stream" is added
  Framing framing = Framing::chunked;
  std::vector<Step> steps;
};

// A client event as expected by a client scenario.
struct ClientEvent {
  std::string type;
  std::string data;
  std::string last_event_id;
};

// start[i+1] - end[i] between two connections, in milliseconds.
struct DelayCheck {
  std::size_t after = 0; // the 0-based connection after whose end the delay is measured
  double min_ms = 0;
  std::optional<double> max_ms;
};

// What a client driven against the scenario must do (docs/scenario-format.md, "client").
struct ClientExpectation {
  std::string level = "must"; // must | should | implementation-defined
  std::vector<std::string> requires_caps;
  // The open command's fields beyond the URL.
  std::string method = "GET";
  std::vector<std::pair<std::string, std::string>> request_headers;
  std::optional<std::string> request_body;
  // When to stop watching: all given conditions hold, then settle_ms more; or timeout_ms passes.
  std::size_t wait_events = 0;
  std::size_t wait_requests = 0;
  std::optional<int> wait_ready_state;
  double settle_ms = 0;
  double timeout_ms = 10000;
  // Checks.
  std::optional<std::vector<ClientEvent>> events;
  std::optional<std::size_t> requests;
  std::optional<bool> error; // true: at least one error record; false: none
  std::optional<std::size_t> opens;
  std::optional<int> final_ready_state;
  std::vector<DelayCheck> delays;
};

struct Scenario {
  std::string name; // the file stem; served at /scenarios/<name>
  std::string file; // where it was loaded from, for messages
  std::string description;
  std::vector<Connection> connections;
  // Connections past the list: answered 204 No Content (which tells an EventSource to stop),
  // or, with repeat_last, like the last one (for load: any number of identical streams).
  bool repeat_last = false;
  std::optional<ClientExpectation> client;
};

} // namespace ssespec::mock
