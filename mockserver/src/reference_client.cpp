#include "reference_client.h"

#include "ssespec/parser.h"

#include <algorithm>
#include <chrono>
#include <httplib.h>

namespace ssespec::client {

// The reference parser with a handler that passes events on. One for the client's whole life:
// reset() between connections keeps the last event ID string and the reconnection time.
struct ReferenceClient::Reader : EventHandler {
  ReferenceClient& client;
  Parser parser{*this};
  explicit Reader(ReferenceClient& c) : client(c) {}
  bool on_event(const Event& event) override {
    if (client.closing_) return false;
    client.listener_.on_event(std::string(event.type), std::string(event.data),
                              std::string(event.last_event_id));
    return true;
  }
};

namespace {

// "text/event-stream; charset=utf-8" -> "text/event-stream": the MIME type's essence, lower-cased.
std::string mime_essence(const std::string& content_type) {
  std::string essence = content_type.substr(0, content_type.find(';'));
  auto not_space = [](unsigned char c) { return c != ' ' && c != '\t'; };
  essence.erase(essence.begin(), std::find_if(essence.begin(), essence.end(), not_space));
  essence.erase(std::find_if(essence.rbegin(), essence.rend(), not_space).base(), essence.end());
  std::transform(essence.begin(), essence.end(), essence.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return essence;
}

} // namespace

ReferenceClient::ReferenceClient(ClientRequest request, ClientListener& listener, ClientOptions options)
    : request_(std::move(request)), listener_(listener), options_(options),
      reader_(std::make_unique<Reader>(*this)) {}

ReferenceClient::~ReferenceClient() {
  close();
}

void ReferenceClient::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    run();
    done_ = true;
  });
}

void ReferenceClient::close() {
  closing_ = true;
  // The attempt in flight may be blocked in a read; stop() shuts its socket. It is repeated
  // because an attempt can start between the flag and the first stop().
  while (thread_.joinable() && !done_) {
    {
      std::lock_guard lock(mutex_);
      if (current_client_) static_cast<httplib::Client*>(current_client_)->stop();
    }
    wake_.notify_all();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (thread_.joinable()) thread_.join();
  ready_state_ = kClosed; // close() sets CLOSED without an event (the spec's close() method)
}

void ReferenceClient::set_ready_state(int state) {
  if (ready_state_.exchange(state) != state && !closing_) listener_.on_ready_state(state);
}

bool ReferenceClient::wait_reconnection_time(std::uint64_t ms) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return closing_.load(); });
}

ReferenceClient::Outcome ReferenceClient::connect_once(std::string& why) {
  static const std::string scheme = "http://";
  if (request_.url.compare(0, scheme.size(), scheme) != 0) {
    why = "only http:// URLs are supported: " + request_.url;
    return Outcome::failed;
  }
  const auto slash = request_.url.find('/', scheme.size());
  const std::string origin = request_.url.substr(0, slash);
  const std::string target = slash == std::string::npos ? "/" : request_.url.substr(slash);

  httplib::Client http(origin);
  http.set_follow_location(true); // fetch follows redirects for EventSource
  http.set_connection_timeout(options_.connect_timeout_s, 0);
  http.set_read_timeout(24 * 3600, 0); // an EventSource has no read timeout; close() stops reads
  http.set_decompress(false);
  {
    std::lock_guard lock(mutex_);
    if (closing_) return Outcome::closed;
    current_client_ = &http;
  }

  httplib::Request req;
  req.method = request_.method;
  req.path = target;
  req.set_header("Accept", "text/event-stream");
  // The spec: "If the EventSource object's last event ID string is not the empty string, set
  // `Last-Event-ID`/lastEventIDValue, encoded as UTF-8, in request's header list."
  const auto last_event_id = reader_->parser.last_event_id();
  if (!last_event_id.empty()) req.set_header("Last-Event-ID", std::string(last_event_id));
  for (const auto& [name, value] : request_.headers) {
    req.headers.erase(name);
    req.set_header(name, value);
  }
  if (request_.body) {
    req.body = *request_.body;
    if (!req.has_header("Content-Type")) req.set_header("Content-Type", "text/plain;charset=UTF-8");
  }

  bool opened = false;
  bool failed = false;
  req.response_handler = [&](const httplib::Response& res) {
    if (closing_) return false;
    // "if res's status is not 200, or if res's `Content-Type` is not `text/event-stream`, then
    // fail the connection."
    const auto type = mime_essence(res.get_header_value("Content-Type"));
    if (res.status != 200 || type != "text/event-stream") {
      failed = true;
      why = "status " + std::to_string(res.status) + ", Content-Type \"" +
            res.get_header_value("Content-Type") + "\"";
      return false;
    }
    opened = true;
    // "announce the connection": OPEN, then the open event.
    set_ready_state(kOpen);
    if (!closing_) listener_.on_open();
    return true;
  };
  req.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
    if (closing_) return false;
    reader_->parser.feed(data, size);
    return !closing_;
  };
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  http.send(req, res, error);
  {
    std::lock_guard lock(mutex_);
    current_client_ = nullptr;
  }
  // End of this connection's stream: an unfinished event is discarded, then the parser is ready
  // for the next connection with the last event ID string kept.
  reader_->parser.finish();
  reader_->parser.reset();
  if (closing_) return Outcome::closed;
  if (failed) return Outcome::failed;
  if (!opened && error == httplib::Error::Success) {
    // A response the handler never saw (a redirect that led nowhere, a body-less status).
    why = "status " + std::to_string(res.status);
    return Outcome::failed;
  }
  why = opened ? (error == httplib::Error::Success ? "the stream ended"
                                                   : "the connection dropped: " + httplib::to_string(error))
               : "network error: " + httplib::to_string(error);
  return Outcome::ended;
}

void ReferenceClient::run() {
  listener_.on_ready_state(kConnecting);
  while (!closing_) {
    std::string why;
    const Outcome outcome = connect_once(why);
    if (outcome == Outcome::closed || closing_) return;
    if (outcome == Outcome::failed) {
      // "fail the connection": CLOSED, then the error event; no reconnection.
      set_ready_state(kClosed);
      if (!closing_) listener_.on_error(why);
      return;
    }
    // "reestablish the connection": CONNECTING, the error event, then wait the reconnection time.
    set_ready_state(kConnecting);
    if (!closing_) listener_.on_error(why);
    const auto ms = reader_->parser.reconnection_time().value_or(options_.default_reconnection_ms);
    if (!wait_reconnection_time(ms)) return;
  }
}

} // namespace ssespec::client
