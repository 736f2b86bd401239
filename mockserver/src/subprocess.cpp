#include "subprocess.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace ssespec::client {

Subprocess::~Subprocess() {
  if (pid_ > 0) finish(std::chrono::milliseconds(0));
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  if (stderr_fd_ >= 0) ::close(stderr_fd_);
}

bool Subprocess::start(const std::string& command, std::string& error) {
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  char path[] = "/tmp/ssespec-adapter-stderr-XXXXXX";
  stderr_fd_ = ::mkostemp(path, O_CLOEXEC);
  if (stderr_fd_ < 0) {
    error = std::string("temporary file: ") + std::strerror(errno);
    return false;
  }
  ::unlink(path);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd_, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so finish() can end the adapter and whatever it started, and nothing else.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none, defaults;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  const int rc = ::posix_spawn(&pid_, "/bin/sh", &actions, &attr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(in[0]);
  ::close(out[1]);
  stdin_fd_ = in[1];
  stdout_fd_ = out[0];
  if (rc != 0) {
    pid_ = -1;
    error = std::string("cannot start /bin/sh: ") + std::strerror(rc);
    return false;
  }
  return true;
}

bool Subprocess::write_line(const std::string& line) {
  if (stdin_fd_ < 0) return false;
  std::string bytes = line + "\n";
  std::size_t written = 0;
  while (written < bytes.size()) {
    // MSG_NOSIGNAL does not apply to pipes; the runner ignores SIGPIPE and sees EPIPE here.
    auto n = ::write(stdin_fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> Subprocess::read_line(Clock::time_point deadline, std::size_t max_line) {
  for (;;) {
    if (auto newline = buffer_.find('\n'); newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (buffer_.size() > max_line) {
      too_long_ = true;
      return std::nullopt;
    }
    if (eof_ || stdout_fd_ < 0) return std::nullopt;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return std::nullopt;
    pollfd p{stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) return std::nullopt;
    if (ready <= 0) continue;
    char chunk[65536];
    auto n = ::read(stdout_fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      eof_ = true;
      continue;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::string Subprocess::finish(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return ended_;
  if (stdin_fd_ >= 0) {
    ::close(stdin_fd_);
    stdin_fd_ = -1;
  }
  int status = 0;
  const auto deadline = Clock::now() + grace;
  pid_t done = 0;
  while ((done = ::waitpid(pid_, &status, WNOHANG)) == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (done == 0) {
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    ended_ = "killed after not exiting within " + std::to_string(grace.count()) + " ms";
  } else if (WIFEXITED(status)) {
    ended_ = "exit " + std::to_string(WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    ended_ = "signal " + std::to_string(WTERMSIG(status));
  }
  // Whatever the adapter left running in its group goes with it.
  ::kill(-pid_, SIGKILL);
  pid_ = -1;
  return ended_;
}

std::string Subprocess::stderr_tail(std::size_t max_bytes) const {
  if (stderr_fd_ < 0) return {};
  const auto size = ::lseek(stderr_fd_, 0, SEEK_END);
  if (size <= 0) return {};
  const auto from = size > static_cast<off_t>(max_bytes) ? size - static_cast<off_t>(max_bytes) : 0;
  std::string out(static_cast<std::size_t>(size - from), '\0');
  const auto n = ::pread(stderr_fd_, out.data(), out.size(), from);
  out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

} // namespace ssespec::client
