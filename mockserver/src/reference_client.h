// The reference EventSource client: the HTML standard's processing model ("Server-sent events",
// https://html.spec.whatwg.org/multipage/server-sent-events.html) over cpp-httplib, with the
// reference parser reading the stream.
//
//   - the request carries Accept: text/event-stream, and Last-Event-ID when the last event ID
//     string is not empty (never on the first connection, never after the stream reset it);
//   - redirects are followed (fetch does that for EventSource);
//   - a 200 with a Content-Type whose essence is text/event-stream announces the connection (open);
//     any other status (204 included) or type fails the connection: CLOSED, error, no reconnection;
//   - a network error or the end of the body reestablishes the connection: CONNECTING, error, wait
//     the reconnection time (the stream's retry, else the default), reconnect;
//   - an event not finished by a blank line when the connection ends is discarded (finish(), then
//     reset(), which keeps the last event ID).
// Beyond EventSource, the method, extra headers and body are configurable (what fetch-based clients
// offer), so every client scenario has a baseline.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ssespec::client {

struct ClientRequest {
  std::string url; // http://host:port/path?query
  std::string method = "GET";
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body;
};

struct ClientOptions {
  // The reconnection time before any retry field: the spec leaves it to the user agent ("probably
  // in the region of a few seconds").
  std::uint64_t default_reconnection_ms = 3000;
  int connect_timeout_s = 10;
};

enum ReadyState : int { kConnecting = 0, kOpen = 1, kClosed = 2 };

// Called from the client's own thread, in order.
class ClientListener {
public:
  virtual ~ClientListener() = default;
  virtual void on_ready_state(int state) = 0;
  virtual void on_open() = 0;
  virtual void on_event(const std::string& type, const std::string& data,
                        const std::string& last_event_id) = 0;
  // The error event; `why` says what happened, for people.
  virtual void on_error(const std::string& why) = 0;
};

class ReferenceClient {
public:
  ReferenceClient(ClientRequest request, ClientListener& listener, ClientOptions options = {});
  ~ReferenceClient();
  ReferenceClient(const ReferenceClient&) = delete;
  ReferenceClient& operator=(const ReferenceClient&) = delete;

  // Starts connecting (readyState is CONNECTING from construction, as in the spec).
  void start();
  // EventSource.close(): no more events, no reconnection; returns once the client thread is done.
  void close();
  int ready_state() const { return ready_state_.load(); }

private:
  struct Reader;
  void run();
  // One fetch; returns how it ended.
  enum class Outcome { ended, failed, closed };
  Outcome connect_once(std::string& why);
  void set_ready_state(int state);
  bool wait_reconnection_time(std::uint64_t ms);

  ClientRequest request_;
  ClientListener& listener_;
  ClientOptions options_;
  std::atomic<int> ready_state_{kConnecting};
  std::atomic<bool> closing_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  void* current_client_ = nullptr; // the httplib::Client of the attempt in flight, under mutex_
  std::atomic<bool> done_{false};
  std::thread thread_;
  std::unique_ptr<Reader> reader_; // the reference parser and its handler, kept across connections
};

} // namespace ssespec::client
