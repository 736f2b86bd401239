#include "client_adapter.h"

#include "client_protocol.h"
#include "line_reader.h"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>

namespace ssespec::client {

namespace {

// The longest command line accepted: an open command with a body of up to this size.
constexpr std::size_t kMaxCommandLine = std::size_t{64} << 20;

class Output {
public:
  explicit Output(std::ostream& out) : out_(out), start_(std::chrono::steady_clock::now()) {}
  void write(Record record) {
    record.t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    const auto line = encode_record(record);
    std::lock_guard lock(mutex_);
    out_ << line << '\n';
    out_.flush();
  }
  void raw(const std::string& line) {
    std::lock_guard lock(mutex_);
    out_ << line << '\n';
    out_.flush();
  }

private:
  std::ostream& out_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
};

class Stream : public ClientListener {
public:
  Stream(std::string id, Output& output, ClientRequest request, ClientOptions options)
      : id_(std::move(id)), output_(output), client_(std::move(request), *this, options) {}
  void start() { client_.start(); }
  void close() { client_.close(); }

  void on_ready_state(int state) override {
    Record record = base("readyState");
    record.ready_state = state;
    output_.write(std::move(record));
  }
  void on_open() override { output_.write(base("open")); }
  void on_event(const std::string& type, const std::string& data, const std::string& last_event_id) override {
    Record record = base("event");
    record.type = type;
    record.data = data;
    record.last_event_id = last_event_id;
    output_.write(std::move(record));
  }
  void on_error(const std::string& why) override {
    Record record = base("error");
    record.message = why;
    record.ready_state = client_.ready_state();
    output_.write(std::move(record));
  }

private:
  Record base(const char* kind) const {
    Record record;
    record.id = id_;
    record.kind = kind;
    return record;
  }
  std::string id_;
  Output& output_;
  ReferenceClient client_;
};

} // namespace

int serve_client_adapter(std::istream& in, std::ostream& out, ClientOptions options) {
  Output output(out);
  Hello hello;
  hello.name = "ssespec-reference-client";
  hello.version = SSESPEC_VERSION;
  for (auto cap : kKnownCapabilities)
    hello.capabilities.emplace_back(cap);
  output.raw(encode_hello(hello));

  std::map<std::string, std::unique_ptr<Stream>> streams;
  std::string line;
  for (;;) {
    const auto status = read_line(in, line, kMaxCommandLine);
    if (status == LineStatus::end_of_input) break;
    Record reply;
    if (status == LineStatus::too_long) {
      reply.kind = "bad-command";
      reply.message = "command line longer than " + std::to_string(kMaxCommandLine) + " bytes";
      output.write(reply);
      continue;
    }
    if (line.empty()) continue;
    auto decoded = decode_command(line);
    if (!decoded.value) {
      reply.kind = "bad-command";
      reply.message = decoded.error;
      output.write(reply);
      continue;
    }
    auto& command = *decoded.value;
    reply.id = command.id;
    if (command.cmd == "open") {
      if (streams.count(command.id)) {
        reply.kind = "bad-command";
        reply.message = "stream id \"" + command.id + "\" is already open";
        output.write(reply);
        continue;
      }
      ClientRequest request{command.url, command.method, command.headers, command.body};
      auto stream = std::make_unique<Stream>(command.id, output, std::move(request), options);
      stream->start();
      streams[command.id] = std::move(stream);
    } else {
      auto it = streams.find(command.id);
      if (it != streams.end()) {
        it->second->close();
        streams.erase(it);
      }
      reply.kind = "closed";
      output.write(reply);
    }
  }
  for (auto& [id, stream] : streams)
    stream->close();
  return 0;
}

} // namespace ssespec::client
