// An implementation behind the ssespec-adapter/1 protocol: a command (argv, or a line for /bin/sh), spoken to
// over its stdin and stdout. Whatever it does, the runner carries on: an adapter that hangs is
// killed at the timeout, one that crashes or writes garbage is restarted for the next request, and
// each failure carries what the adapter wrote to stderr while it happened.
#pragma once

#include "implementation.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ssespec {

struct SubprocessLimits {
  std::chrono::milliseconds hello_timeout{10'000};   // from start to the hello line
  std::chrono::milliseconds request_timeout{10'000}; // from the request's first byte to its response line
  std::size_t max_response_bytes = std::size_t{512} << 20;
  std::size_t max_diagnostics_bytes = 8192; // stderr kept per failure: its last this many bytes
  int max_start_failures = 3;               // consecutive failed starts before giving up on it
};

// How to start an adapter: an argv (run directly, searched on PATH) or a shell command line, in a
// working directory (empty: the runner's).
struct AdapterCommand {
  std::vector<std::string> argv;
  std::string shell;
  std::string cwd;

  static AdapterCommand from_shell(std::string line) { return {{}, std::move(line), {}}; }
  std::string display() const; // for reports: the shell line, or the argv joined with spaces
};

class SubprocessImplementation : public Implementation {
public:
  explicit SubprocessImplementation(AdapterCommand command, SubprocessLimits limits = {});
  ~SubprocessImplementation() override;
  SubprocessImplementation(const SubprocessImplementation&) = delete;
  SubprocessImplementation& operator=(const SubprocessImplementation&) = delete;

  std::optional<protocol::Hello> start() override;
  std::string start_error() const override { return start_error_; }
  Exchange run(const protocol::Request& request) override;
  std::string origin() const override { return command_.display(); }

  // Times the adapter process was started (1 when it never failed).
  int starts() const { return starts_; }

private:
  bool spawn();
  void stop();
  // Reads one line from the adapter's stdout into `line` before `deadline`; false with `failure` set
  // otherwise.
  bool read_line(std::string& line, std::chrono::steady_clock::time_point deadline, std::string& failure,
                 bool& timed_out);
  bool write_all(const std::string& bytes, std::chrono::steady_clock::time_point deadline,
                 std::string& failure, bool& timed_out);
  std::string diagnostics_since(off_t offset);
  off_t diagnostics_size() const;
  std::string exit_description();

  AdapterCommand command_;
  SubprocessLimits limits_;
  pid_t pid_ = -1;   // until reaped
  pid_t group_ = -1; // the adapter's process group, until stop() ends it
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;  // an unlinked temporary file: a chatty adapter can never block on a full pipe
  std::string pending_; // bytes read past the last line
  std::optional<protocol::Hello> hello_;
  std::string start_error_;
  int start_failures_ = 0;
  int starts_ = 0;
};

} // namespace ssespec
