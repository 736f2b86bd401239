// The mock server: cpp-httplib serving scenarios over HTTP/1.1 on loopback.
//
//   /scenarios/<name>[/...]   every loaded scenario (GET, POST and any other method alike)
//   any other path            the primary scenario, when one is set (`ssespec serve --scenario`)
//   GET  /_ssespec/requests   the recorded requests as JSON
//   POST /_ssespec/reset      clears the record and every scenario's connection count
//   GET  /_ssespec/scenarios  the names of the scenarios served
//   OPTIONS *                 a CORS preflight answer (recorded, never counted as a connection)
// Every answer carries CORS headers, so a browser page from any origin can use the server.
#pragma once

#include "recorder.h"
#include "scenario.h"
#include "transform.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace ssespec::mock {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0; // 0: any free port, see MockServer::port()
  // Connections served at once; each has its own thread (a stream holds its thread while it runs).
  // Past this, new connections wait to be accepted.
  std::size_t max_connections = 4096;
  // Stack per connection thread: streams need little, and thousands of 8 MiB stacks would not do.
  std::size_t thread_stack_bytes = std::size_t{256} << 10;
  // Connections the kernel queues for accept() (capped by net.core.somaxconn).
  int listen_backlog = 4096;
  int write_timeout_s = 30;
  int keep_alive_timeout_s = 2;
};

class MockServer {
public:
  MockServer(std::vector<Scenario> scenarios, ServerOptions options = {});
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  // Answers every path outside /scenarios/ and /_ssespec/ with this scenario.
  void set_primary(const std::string& name);

  // Binds and starts serving on a background thread; false with `error` set if it cannot bind.
  bool start(std::string& error);
  int port() const { return port_; }
  std::string base_url() const;
  // Stops accepting, wakes every sleeping stream, waits for the connection threads. Idempotent.
  void stop();

  Recorder& recorder() { return recorder_; }
  const std::vector<Scenario>& scenarios() const { return scenarios_; }
  std::size_t active_connections() const;

private:
  class ConnectionQueue;
  struct StreamState;
  void install_routes();
  const Scenario* find(const std::string& name) const;
  bool wait_ms(double ms); // false once stopping

  std::vector<Scenario> scenarios_;
  std::map<std::string, std::size_t> by_name_;
  std::optional<std::size_t> primary_;
  ServerOptions options_;
  Recorder recorder_;
  std::unique_ptr<httplib::Server> server_;
  std::atomic<std::size_t> active_{0}; // connection threads running
  std::atomic<int> listen_fd_{-1};
  std::thread listener_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool started_ = false;
};

} // namespace ssespec::mock
