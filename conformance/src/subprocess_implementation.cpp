#include "subprocess_implementation.h"

#include "interrupt.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ssespec {
namespace {

using Clock = std::chrono::steady_clock;

// When the stderr file grows past this between requests it is emptied: only recent output matters.
constexpr off_t kDiagnosticsFileCap = off_t{16} << 20;

// Waits are sliced so that Ctrl-C is noticed within this long.
constexpr long long kWaitSliceMs = 100;

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, kWaitSliceMs));
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int signal_number = WTERMSIG(status);
    const char* name = ::strsignal(signal_number);
    return "killed by signal " + std::to_string(signal_number) + (name ? std::string(" (") + name + ")" : "");
  }
  return "ended with wait status " + std::to_string(status);
}

} // namespace

std::string AdapterCommand::display() const {
  if (argv.empty()) return shell;
  std::string out;
  for (const std::string& arg : argv) {
    const bool plain = !arg.empty() && arg.find_first_of(" \t'\"\\$") == std::string::npos;
    out += (out.empty() ? "" : " ") + (plain ? arg : "'" + arg + "'");
  }
  return out;
}

SubprocessImplementation::SubprocessImplementation(AdapterCommand command, SubprocessLimits limits)
    : command_(std::move(command)), limits_(limits) {
  // A write to an adapter that has exited must fail with EPIPE, not end the runner.
  ::signal(SIGPIPE, SIG_IGN);
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/ssespec-adapter-stderr-XXXXXX";
  stderr_fd_ = ::mkostemp(path.data(), O_CLOEXEC | O_APPEND);
  if (stderr_fd_ >= 0) ::unlink(path.c_str());
}

SubprocessImplementation::~SubprocessImplementation() {
  stop();
  close_fd(stderr_fd_);
}

bool SubprocessImplementation::spawn() {
  int in_pipe[2];
  int out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) {
    start_error_ = std::string("cannot create a pipe: ") + std::strerror(errno);
    return false;
  }
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    start_error_ = std::string("cannot create a pipe: ") + std::strerror(errno);
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    return false;
  }
  // Everything the child needs is made before fork(): with --jobs the runner has threads, and a
  // child of a threaded process should not allocate.
  std::vector<char*> argv;
  for (std::string& arg : command_.argv)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  const std::string cwd_failure = "ssespec: cannot enter the adapter's directory " + command_.cwd + "\n";
  const std::string exec_failure = "ssespec: cannot run " + command_.display() + "\n";
  const pid_t pid = ::fork();
  if (pid < 0) {
    start_error_ = std::string("cannot fork: ") + std::strerror(errno);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]})
      ::close(fd);
    return false;
  }
  if (pid == 0) {
    // The child: its own process group, so that killing it also ends whatever the shell started.
    ::setpgid(0, 0);
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    if (stderr_fd_ >= 0) ::dup2(stderr_fd_, 2);
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGINT, SIG_IGN); // Ctrl-C is the runner's to handle: it ends adapters itself
    if (!command_.cwd.empty() && ::chdir(command_.cwd.c_str()) != 0) {
      (void)!::write(2, cwd_failure.data(), cwd_failure.size());
      ::_exit(127);
    }
    if (command_.argv.empty()) {
      ::execl("/bin/sh", "sh", "-c", command_.shell.c_str(), static_cast<char*>(nullptr));
    } else {
      ::execvp(argv[0], argv.data());
    }
    (void)!::write(2, exec_failure.data(), exec_failure.size());
    ::_exit(127);
  }
  ::setpgid(pid, pid); // also here, so the group exists whichever side runs first
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  pid_ = pid;
  group_ = pid;
  stdin_fd_ = in_pipe[1];
  stdout_fd_ = out_pipe[0];
  ::fcntl(stdin_fd_, F_SETFL, ::fcntl(stdin_fd_, F_GETFL) | O_NONBLOCK);
  ::fcntl(stdout_fd_, F_SETFL, ::fcntl(stdout_fd_, F_GETFL) | O_NONBLOCK);
  pending_.clear();
  ++starts_;
  return true;
}

std::string SubprocessImplementation::exit_description() {
  if (pid_ < 0) return "not running";
  int status = 0;
  // A process that closed its stdout is usually exiting: give it a moment to say how.
  for (int i = 0; i < 20; ++i) {
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return describe_status(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "still running";
}

void SubprocessImplementation::stop() {
  close_fd(stdin_fd_);
  close_fd(stdout_fd_);
  pending_.clear();
  if (group_ > 0) ::kill(-group_, SIGKILL); // whatever the shell started, too
  group_ = -1;
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  pid_ = -1;
}

off_t SubprocessImplementation::diagnostics_size() const {
  struct stat info {};
  if (stderr_fd_ < 0 || ::fstat(stderr_fd_, &info) != 0) return 0;
  return info.st_size;
}

std::string SubprocessImplementation::diagnostics_since(off_t offset) {
  const off_t end = diagnostics_size();
  if (end <= offset) return {};
  const off_t keep = static_cast<off_t>(limits_.max_diagnostics_bytes);
  const off_t begin = end - offset > keep ? end - keep : offset;
  std::string text(static_cast<std::size_t>(end - begin), '\0');
  const ssize_t got = ::pread(stderr_fd_, text.data(), text.size(), begin);
  text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  if (begin > offset) text = "[... " + std::to_string(begin - offset) + " earlier bytes left out]\n" + text;
  return text;
}

bool SubprocessImplementation::write_all(const std::string& bytes, Clock::time_point deadline,
                                         std::string& failure, bool& timed_out) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t wrote = ::write(stdin_fd_, bytes.data() + done, bytes.size() - done);
    if (wrote > 0) {
      done += static_cast<std::size_t>(wrote);
      continue;
    }
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote < 0 && errno == EAGAIN) {
      if (interrupted()) {
        failure = "interrupted";
        return false;
      }
      pollfd wait{stdin_fd_, POLLOUT, 0};
      const int ready = ::poll(&wait, 1, remaining_ms(deadline));
      if (ready == 0 && Clock::now() >= deadline) {
        timed_out = true;
        failure = "timed out writing the request: the adapter stopped reading its stdin";
        return false;
      }
      continue;
    }
    failure = "the adapter closed its stdin (" + exit_description() + ")";
    return false;
  }
  return true;
}

bool SubprocessImplementation::read_line(std::string& line, Clock::time_point deadline, std::string& failure,
                                         bool& timed_out) {
  std::size_t scanned = 0;
  while (true) {
    const std::size_t newline = pending_.find('\n', scanned);
    if (newline != std::string::npos) {
      line.assign(pending_, 0, newline);
      pending_.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    scanned = pending_.size();
    if (pending_.size() > limits_.max_response_bytes) {
      failure =
          "the adapter wrote a line longer than " + std::to_string(limits_.max_response_bytes) + " bytes";
      return false;
    }
    if (interrupted()) {
      failure = "interrupted";
      return false;
    }
    pollfd wait{stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&wait, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      if (Clock::now() < deadline) continue;
      timed_out = true;
      failure = pending_.empty() ? "timed out: no answer" : "timed out in the middle of a line";
      return false;
    }
    char buffer[65536];
    const ssize_t got = ::read(stdout_fd_, buffer, sizeof buffer);
    if (got > 0) {
      pending_.append(buffer, static_cast<std::size_t>(got));
      continue;
    }
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    failure = std::string("the adapter closed its stdout") +
              (pending_.empty() ? "" : " in the middle of a line") + " (" + exit_description() + ")";
    return false;
  }
}

std::optional<protocol::Hello> SubprocessImplementation::start() {
  if (group_ > 0 && hello_) return hello_;
  if (start_failures_ >= limits_.max_start_failures) return std::nullopt;
  if (diagnostics_size() > kDiagnosticsFileCap) ::ftruncate(stderr_fd_, 0);
  const off_t diagnostics_from = diagnostics_size();
  std::string failure;
  if (spawn()) {
    std::string line;
    bool timed_out = false;
    if (read_line(line, Clock::now() + limits_.hello_timeout, failure, timed_out)) {
      protocol::Decoded<protocol::Hello> hello = protocol::decode_hello(line);
      if (hello.value) {
        start_failures_ = 0;
        hello_ = std::move(hello.value);
        return hello_;
      }
      failure = "bad hello line: " + hello.error;
    } else {
      failure = "no hello line: " + failure;
    }
  } else {
    failure = start_error_;
  }
  stop();
  ++start_failures_;
  start_error_ = failure;
  const std::string diagnostics = diagnostics_since(diagnostics_from);
  if (!diagnostics.empty()) start_error_ += "\nstderr:\n" + diagnostics;
  return std::nullopt;
}

Exchange SubprocessImplementation::run(const protocol::Request& request) {
  Exchange exchange;
  if (group_ <= 0 && !start()) {
    exchange.failure = start_failures_ >= limits_.max_start_failures
                           ? "the adapter failed to start " + std::to_string(start_failures_) +
                                 " times in a row; last: " + start_error_
                           : "the adapter failed to start: " + start_error_;
    return exchange;
  }
  if (diagnostics_size() > kDiagnosticsFileCap) ::ftruncate(stderr_fd_, 0);
  const off_t diagnostics_from = diagnostics_size();
  const Clock::time_point deadline = Clock::now() + limits_.request_timeout;
  std::string line;
  std::string failure;
  bool ok = write_all(protocol::encode_request(request) + "\n", deadline, failure, exchange.timed_out) &&
            read_line(line, deadline, failure, exchange.timed_out);
  if (ok) {
    protocol::Decoded<protocol::Response> response = protocol::decode_response(line);
    if (!response.value) {
      failure = "garbled response (" + response.error + "): " + line.substr(0, 200);
      ok = false;
    } else if (response.value->id != request.id) {
      failure =
          "the response's id \"" + response.value->id + "\" does not answer request \"" + request.id + "\"";
      ok = false;
    } else {
      exchange.response = std::move(response.value);
      if (exchange.response->error) exchange.diagnostics = diagnostics_since(diagnostics_from);
    }
  }
  if (!ok) {
    // Out of step with the adapter: start afresh for the next request.
    stop();
    exchange.failure = failure;
    exchange.diagnostics = diagnostics_since(diagnostics_from);
  }
  return exchange;
}

} // namespace ssespec
