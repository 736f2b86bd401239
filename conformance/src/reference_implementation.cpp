#include "reference_implementation.h"

#include <string>

namespace ssespec {
namespace {

class Recorder : public EventHandler {
public:
  explicit Recorder(protocol::Response& response) : response_(response) {}

  bool on_event(const Event& event) override {
    response_.events.push_back(
        {std::string(event.type), std::string(event.data), std::string(event.last_event_id), chunk});
    return true;
  }
  bool on_retry(std::uint64_t milliseconds) override {
    response_.retry.push_back(milliseconds);
    return true;
  }
  bool on_comment(std::string_view text) override {
    response_.comments->emplace_back(text);
    return true;
  }

  std::size_t chunk = 0;

private:
  protocol::Response& response_;
};

} // namespace

protocol::Hello reference_hello() {
  return {std::string(protocol::kAdapterProtocol),
          "ssespec-reference",
          SSESPEC_VERSION,
          {"retry", "comments", "last-event-id", "chunk-index"}};
}

protocol::Response run_reference(const protocol::Request& request, ParserLimits limits) {
  return run_reference(request.id,
                       std::vector<std::string_view>(request.chunks.begin(), request.chunks.end()), limits);
}

protocol::Response run_reference(const std::string& id, const std::vector<std::string_view>& chunks,
                                 ParserLimits limits) {
  protocol::Response response;
  response.id = id;
  response.comments.emplace();
  Recorder recorder(response);
  Parser parser(recorder, limits);
  ParseError error = ParseError::ok;
  for (std::size_t i = 0; i < chunks.size() && error == ParseError::ok; ++i) {
    recorder.chunk = i;
    error = parser.feed(chunks[i]);
  }
  recorder.chunk = chunks.size();
  if (error == ParseError::ok) error = parser.finish();
  if (error != ParseError::ok) {
    response.error = std::string(parse_error_name(error)) + " at byte " +
                     std::to_string(parser.error_offset()) + ": " + std::string(parse_error_message(error));
  }
  return response;
}

} // namespace ssespec
