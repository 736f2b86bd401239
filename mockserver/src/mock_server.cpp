#include "mock_server.h"

#include <algorithm>
#include <csignal>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <pthread.h>
#include <sys/socket.h>

namespace ssespec::mock {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// CORS on every answer: the browser's EventSource (and fetch-based clients) must be able to read
// streams and the control endpoints from a page of any origin, with credentials or without.
void add_cors(const httplib::Request& req, httplib::Response& res) {
  const auto origin = req.get_header_value("Origin");
  res.set_header("Access-Control-Allow-Origin", origin.empty() ? "*" : origin);
  if (!origin.empty()) {
    res.set_header("Access-Control-Allow-Credentials", "true");
    res.set_header("Vary", "Origin");
  }
  res.set_header("Access-Control-Expose-Headers", "*");
}

std::string quoted(const std::string& text) {
  return "\"" + text + "\"";
}

std::vector<std::string> check_expectation(const RequestExpectation& expect, const httplib::Request& req,
                                           const std::string& query) {
  std::vector<std::string> out;
  if (expect.method && *expect.method != req.method) {
    out.push_back("method: expected " + *expect.method + ", got " + req.method);
  }
  if (expect.path && *expect.path != req.path) {
    out.push_back("path: expected " + quoted(*expect.path) + ", got " + quoted(req.path));
  }
  if (expect.query && *expect.query != query) {
    out.push_back("query: expected " + quoted(*expect.query) + ", got " + quoted(query));
  }
  for (const auto& [name, header] : expect.headers) {
    const bool present = req.has_header(name);
    switch (header.kind) {
    case HeaderExpectation::Kind::absent:
      if (present)
        out.push_back("header " + name + ": expected absent, got " + quoted(req.get_header_value(name)));
      break;
    case HeaderExpectation::Kind::present:
      if (!present) out.push_back("header " + name + ": expected present, got absent");
      break;
    case HeaderExpectation::Kind::equals:
      if (!present) {
        out.push_back("header " + name + ": expected " + quoted(header.value) + ", got absent");
      } else if (req.get_header_value(name) != header.value) {
        out.push_back("header " + name + ": expected " + quoted(header.value) + ", got " +
                      quoted(req.get_header_value(name)));
      }
      break;
    }
  }
  if (expect.body && *expect.body != req.body) {
    out.push_back("body: expected " + std::to_string(expect.body->size()) + " bytes " +
                  quoted(expect.body->substr(0, 200)) + ", got " + std::to_string(req.body.size()) +
                  " bytes " + quoted(req.body.substr(0, 200)));
  }
  return out;
}

} // namespace

// A thread per connection, up to a bound; at the bound enqueue() blocks, so the accept loop waits
// instead of queueing connections nobody serves. httplib's own pool has a fixed thread count, and a
// streaming answer holds its thread for the whole stream: a pool of N serves only N streams.
class MockServer::ConnectionQueue : public httplib::TaskQueue {
public:
  ConnectionQueue(std::size_t limit, std::size_t stack_bytes, std::atomic<std::size_t>& active)
      : limit_(limit), stack_bytes_(stack_bytes), active_(active) {}

  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return running_ < limit_; });
    ++running_;
    active_ = running_;
    lock.unlock();
    auto* task = new Task{this, std::move(fn)};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_bytes_);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    const int rc = pthread_create(&thread, &attr, &ConnectionQueue::run, task);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
      // No thread to be had (the system's limit): serve this connection on the accept thread
      // rather than drop it.
      run(task);
    }
  }

  void shutdown() override {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return running_ == 0; });
  }

private:
  struct Task {
    ConnectionQueue* queue;
    std::function<void()> fn;
  };
  static void* run(void* arg) {
    auto* task = static_cast<Task*>(arg);
    task->fn();
    auto* queue = task->queue;
    delete task;
    std::lock_guard lock(queue->mutex_);
    --queue->running_;
    queue->active_ = queue->running_;
    queue->changed_.notify_all();
    return nullptr;
  }

  std::size_t limit_;
  std::size_t stack_bytes_;
  std::atomic<std::size_t>& active_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t running_ = 0;
};

struct MockServer::StreamState {
  MockServer* server;
  const std::vector<Step>* steps;
  std::uint64_t seq;
  int status;
  std::atomic<bool> finished{false};
  void finish(const std::string& end) {
    if (!finished.exchange(true)) server->recorder_.finish(seq, status, end);
  }
};

MockServer::MockServer(std::vector<Scenario> scenarios, ServerOptions options)
    : scenarios_(std::move(scenarios)), options_(std::move(options)) {
  for (std::size_t i = 0; i < scenarios_.size(); ++i)
    by_name_[scenarios_[i].name] = i;
}

MockServer::~MockServer() {
  stop();
}

void MockServer::set_primary(const std::string& name) {
  auto it = by_name_.find(name);
  if (it != by_name_.end()) primary_ = it->second;
}

const Scenario* MockServer::find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &scenarios_[it->second];
}

std::string MockServer::base_url() const {
  return "http://" + options_.host + ":" + std::to_string(port_);
}

std::size_t MockServer::active_connections() const {
  return active_.load();
}

bool MockServer::wait_ms(double ms) {
  std::unique_lock lock(stop_mutex_);
  return !stop_signal_.wait_for(lock, std::chrono::duration<double, std::milli>(ms),
                                [&] { return stopping_.load(); });
}

void MockServer::install_routes() {
  auto& svr = *server_;
  svr.Get("/_ssespec/requests", [this](const httplib::Request& req, httplib::Response& res) {
    add_cors(req, res);
    res.set_content(recorder_.to_json().dump(2, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json");
  });
  svr.Post("/_ssespec/reset", [this](const httplib::Request& req, httplib::Response& res) {
    add_cors(req, res);
    recorder_.reset();
    res.set_content("{\"reset\":true}\n", "application/json");
  });
  svr.Get("/_ssespec/scenarios", [this](const httplib::Request& req, httplib::Response& res) {
    add_cors(req, res);
    nlohmann::json names = nlohmann::json::array();
    for (const auto& scenario : scenarios_)
      names.push_back(scenario.name);
    res.set_content(nlohmann::json{{"scenarios", names}}.dump() + "\n", "application/json");
  });

  auto serve = [this](const httplib::Request& req, httplib::Response& res) {
    add_cors(req, res);
    RecordedRequest record;
    record.t_ms = recorder_.now_ms();
    record.method = req.method;
    record.path = req.path;
    if (auto q = req.target.find('?'); q != std::string::npos) record.query = req.target.substr(q + 1);
    for (const auto& [name, value] : req.headers) {
      // httplib adds these itself; they were not sent.
      if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT")
        continue;
      record.headers.emplace_back(name, value);
    }
    record.body = req.body;

    if (req.method == "OPTIONS") { // a CORS preflight: allow what was asked
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
      const auto asked = req.get_header_value("Access-Control-Request-Headers");
      if (!asked.empty()) res.set_header("Access-Control-Allow-Headers", asked);
      res.set_header("Access-Control-Max-Age", "0");
      record.status = 204;
      record.end = "complete";
      record.end_ms = record.t_ms;
      recorder_.add(std::move(record));
      return;
    }

    const Scenario* scenario = nullptr;
    static const std::string prefix = "/scenarios/";
    if (req.path.compare(0, prefix.size(), prefix) == 0) {
      auto rest = req.path.substr(prefix.size());
      scenario = find(rest.substr(0, rest.find('/')));
    } else if (primary_) {
      scenario = &scenarios_[*primary_];
    }
    if (!scenario) {
      res.status = 404;
      res.set_content("no such scenario: " + req.path + "\n", "text/plain");
      record.status = 404;
      record.end = "complete";
      record.end_ms = record.t_ms;
      recorder_.add(std::move(record));
      return;
    }
    record.scenario = scenario->name;
    const std::size_t n = recorder_.next_connection(scenario->name);
    record.connection = n;
    if (n >= scenario->connections.size() && !scenario->repeat_last) {
      // Past the script: 204 No Content, which tells an EventSource to stop reconnecting.
      res.status = 204;
      record.status = 204;
      record.end = "complete";
      record.end_ms = record.t_ms;
      record.mismatches.push_back("unscripted: the scenario has " +
                                  std::to_string(scenario->connections.size()) +
                                  " connection(s), this is connection " + std::to_string(n));
      recorder_.add(std::move(record));
      return;
    }
    const Connection& connection = scenario->connections[std::min(n, scenario->connections.size() - 1)];
    record.mismatches = check_expectation(connection.expect, req, record.query);
    const auto seq = recorder_.add(std::move(record));

    if (!connection.steps.empty() && connection.steps.front().kind == Step::Kind::redirect) {
      const auto& step = connection.steps.front();
      std::string location = step.location;
      if (auto at = location.find("{path}"); at != std::string::npos) location.replace(at, 6, req.path);
      res.status = step.redirect_status;
      res.set_header("Location", location);
      for (const auto& [name, value] : connection.headers)
        res.set_header(name, value);
      recorder_.finish(seq, res.status, "redirect");
      return;
    }

    res.status = connection.status;
    std::string content_type = "text/event-stream";
    bool send_content_type = true;
    if (connection.content_type_given) {
      send_content_type = false;
      for (const auto& [name, value] : connection.headers) {
        if (iequals(name, "Content-Type")) {
          content_type = value;
          send_content_type = true;
        }
      }
    }
    for (const auto& [name, value] : connection.headers) {
      if (!iequals(name, "Content-Type")) res.set_header(name, value);
    }
    if (connection.steps.empty() || res.status == 204 || res.status == 304) {
      if (send_content_type) res.set_header("Content-Type", content_type);
      recorder_.finish(seq, res.status, "complete");
      return;
    }

    auto state = std::make_shared<StreamState>();
    state->server = this;
    state->steps = &connection.steps;
    state->seq = seq;
    state->status = connection.status;
    auto provider = [state](std::size_t, httplib::DataSink& sink) {
      struct SinkWriter : StreamWriter {
        httplib::DataSink& sink;
        MockServer& server;
        SinkWriter(httplib::DataSink& s, MockServer& m) : sink(s), server(m) {}
        bool write(std::string_view bytes) override {
          return !server.stopping_ && sink.write(bytes.data(), bytes.size());
        }
        bool wait(double ms) override { return server.wait_ms(ms); }
      } writer(sink, *state->server);
      StreamEnd end = run_steps(*state->steps, writer);
      if (end == StreamEnd::peer_gone && state->server->stopping_) end = StreamEnd::stopped;
      // The end is timed before the last bytes leave (the terminating chunk, or the close httplib
      // does after this returns), so a client's reconnection delay measured from it is never
      // shorter than the delay the client really waited.
      state->finish(std::string(stream_end_name(end)));
      if (end == StreamEnd::closed) {
        sink.done();
        return true;
      }
      return false; // httplib drops the connection without the terminating chunk
    };
    auto releaser = [state](bool) { state->finish("peer-gone"); };
    if (connection.framing == Framing::chunked) {
      res.set_chunked_content_provider(content_type, provider, releaser);
    } else {
      res.set_content_provider(content_type, provider, releaser);
    }
    if (!send_content_type) res.headers.erase("Content-Type");
  };
  // Every method, every path (the control routes above come first).
  svr.Get(".*", serve);
  svr.Post(".*", serve);
  svr.Put(".*", serve);
  svr.Delete(".*", serve);
  svr.Options(".*", serve);
  svr.Patch(".*", serve);
}

bool MockServer::start(std::string& error) {
  if (started_) {
    error = "already started";
    return false;
  }
  // A client that vanishes mid-write must end its own stream, not the process: without this a
  // send() to a closed socket raises SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  server_ = std::make_unique<httplib::Server>();
  const auto limit = options_.max_connections;
  const auto stack = options_.thread_stack_bytes;
  server_->new_task_queue = [this, limit, stack] { return new ConnectionQueue(limit, stack, active_); };
  server_->set_tcp_nodelay(true); // each chunk leaves at once, never held back by Nagle
  server_->set_write_timeout(options_.write_timeout_s, 0);
  server_->set_keep_alive_timeout(options_.keep_alive_timeout_s);
  server_->set_payload_max_length(std::size_t{64} << 20);
  // httplib as packaged listens with a backlog of 5: a burst of more connections than that, made
  // faster than the accept loop takes them, would wait a second for SYN retries. Its socket option
  // hook is the one place that sees the listening socket, so it is kept, and listen() called again
  // with a real backlog once bound (Linux allows that on a listening socket).
  server_->set_socket_options([this](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  install_routes();
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
  } else {
    port_ = server_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    error = "cannot bind " + options_.host + ":" + std::to_string(options_.port);
    server_.reset();
    return false;
  }
  if (listen_fd_ >= 0) ::listen(listen_fd_, options_.listen_backlog);
  started_ = true;
  listener_ = std::thread([this] { server_->listen_after_bind(); });
  return true;
}

void MockServer::stop() {
  if (!started_) return;
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  server_->stop();
  if (listener_.joinable()) listener_.join();
  started_ = false;
}

} // namespace ssespec::mock
