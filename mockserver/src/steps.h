// The step kinds a scenario connection runs, in one place: what each means on the wire, how it is
// read from JSON (steps.cpp, parse_step) and how it is executed (steps.cpp, run_steps).
//
//   send       write bytes, each chunk its own flushed write (a separate send() on the socket)
//   sleep      wait, writing nothing
//   heartbeat  write a comment every `every_ms` for `for_ms`
//   retry      write "retry: N\n"
//   close      end the response cleanly (the terminating chunk) and stop
//   abort      drop the connection at once, leaving the chunked encoding (and any line) unfinished
//   stall      keep the connection open, writing nothing, until `ms` passes; then go on
//   redirect   answer 3xx with a Location instead of a stream (the only step of its connection)
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec::mock {

// One write. `raw` bytes came from base64 and are never changed by a line-ending transform.
struct Chunk {
  std::string bytes;
  bool raw = false;
};

struct Step {
  enum class Kind { send, sleep, heartbeat, retry, close, abort, stall, redirect };
  Kind kind = Kind::send;
  std::vector<Chunk> chunks;  // send
  double ms = 0;              // sleep, stall: how long; heartbeat: for how long
  double every_ms = 0;        // heartbeat
  std::string comment;        // heartbeat: the bytes written each time
  std::uint64_t retry_ms = 0; // retry
  int redirect_status = 302;  // redirect
  std::string location;       // redirect: "{path}" is replaced by the request's path
};

std::string_view step_kind_name(Step::Kind kind);

// Collects problems as "FILE: JSON.PATH: what is wrong".
class Problems {
public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void add(const std::string& path, const std::string& message) {
    list_.push_back(file_ + ": " + path + ": " + message);
  }
  const std::vector<std::string>& list() const { return list_; }
  bool empty() const { return list_.empty(); }

private:
  std::string file_;
  std::vector<std::string> list_;
};

// A text value (docs/scenario-format.md): a string, or an array of parts (strings, {"base64"},
// {"repeat","count"}). Appends its bytes to `out`; false (with a problem named at `path`) if malformed.
bool parse_text_value(const nlohmann::json& value, const std::string& path, Problems& problems,
                      std::string& out);

// Reads one step; problems are named at `path` (e.g. "connections[1].steps[3]").
bool parse_step(const nlohmann::json& value, const std::string& path, Problems& problems, Step& step);

// Where steps write. Both calls return false once the peer is gone or the server is stopping.
class StreamWriter {
public:
  virtual ~StreamWriter() = default;
  virtual bool write(std::string_view bytes) = 0;
  // Waits `ms`, waking early (and returning false) when the server stops.
  virtual bool wait(double ms) = 0;
};

enum class StreamEnd { closed, aborted, peer_gone, stopped };
std::string_view stream_end_name(StreamEnd end);

// Runs the steps in order (a redirect step is handled before the stream starts, never here).
// Without a close or abort step the stream ends cleanly after the last one.
StreamEnd run_steps(const std::vector<Step>& steps, StreamWriter& writer);

// Hard bounds a scenario cannot exceed, so a typo cannot pin the server.
inline constexpr double kMaxStepMs = 600'000; // any sleep, stall or heartbeat duration
inline constexpr double kMinHeartbeatEveryMs = 1;
inline constexpr std::size_t kMaxRepeatCount = 67'108'864;
inline constexpr std::size_t kMaxChunkBytes = std::size_t{64} << 20;

} // namespace ssespec::mock
