// A child process run through /bin/sh -c, with its stdin and stdout as pipes and its stderr kept in
// a temporary file (so a chatty child can never block on a full pipe). Reads take deadlines: a
// child that hangs costs its timeout, never the run.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>

namespace ssespec::client {

class Subprocess {
public:
  using Clock = std::chrono::steady_clock;
  Subprocess() = default;
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // Starts `command`; false with `error` set if it cannot.
  bool start(const std::string& command, std::string& error);
  bool write_line(const std::string& line);
  // The next stdout line (without '\n'); std::nullopt at the deadline or end of output (see eof()).
  // A line longer than `max_line` is an error (too_long() then says so).
  std::optional<std::string> read_line(Clock::time_point deadline, std::size_t max_line);
  bool eof() const { return eof_; }
  bool too_long() const { return too_long_; }
  // Closes stdin, waits up to `grace` for the child to exit, then kills its process group.
  // Returns a description of how it ended ("exit 0", "signal 9", ...).
  std::string finish(std::chrono::milliseconds grace);
  // The last `max_bytes` of what the child wrote to stderr.
  std::string stderr_tail(std::size_t max_bytes = 4096) const;

private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1; // the temporary file, already unlinked
  std::string buffer_;
  bool eof_ = false;
  bool too_long_ = false;
  std::string ended_;
};

} // namespace ssespec::client
