// adapter_request_fuzzer: arbitrary bytes as adapter protocol request lines (one per LF-separated
// line, as `ssespec adapter` reads them). A line that does not decode must say why; one that does
// runs through the reference implementation, and its response must encode to a single line that
// decode_response() accepts and that decodes back to the same response (for an error response:
// the same id and error).
#include "adapter_protocol.h"
#include "common/check.h"
#include "reference_implementation.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace protocol = ssespec::protocol;

// An error response carries the id and the error only: the protocol sends it instead of a result.
bool same_response(const protocol::Response& a, const protocol::Response& b) {
  if (a.error) return a.id == b.id && a.error == b.error;
  if (a.id != b.id || a.retry != b.retry || a.comments != b.comments || a.error != b.error) return false;
  if (a.events.size() != b.events.size()) return false;
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    const protocol::ObservedEvent& x = a.events[i];
    const protocol::ObservedEvent& y = b.events[i];
    if (x.type != y.type || x.data != y.data || x.last_event_id != y.last_event_id || x.chunk != y.chunk) {
      return false;
    }
  }
  return true;
}

void handle_line(std::string_view line) {
  const protocol::Decoded<protocol::Request> request = protocol::decode_request(line);
  if (!request.value) {
    SSESPEC_FUZZ_CHECK(!request.error.empty(), "a request that failed to decode has no error message");
    return;
  }
  // Small limits: the input is small, and the limit errors must come back as clean responses too.
  ssespec::ParserLimits limits;
  limits.max_line_length = 64;
  limits.max_event_data = 256;
  const protocol::Response response = ssespec::run_reference(*request.value, limits);
  SSESPEC_FUZZ_CHECK(response.id == request.value->id, "response id differs from the request id");
  for (const protocol::ObservedEvent& event : response.events) {
    SSESPEC_FUZZ_CHECK(event.chunk && *event.chunk < request.value->chunks.size(),
                       "an event without a chunk index, or one past the last chunk");
  }
  const std::string encoded = protocol::encode_response(response);
  SSESPEC_FUZZ_CHECK(encoded.find('\n') == std::string::npos, "an encoded response spans lines");
  const protocol::Decoded<protocol::Response> decoded = protocol::decode_response(encoded);
  SSESPEC_FUZZ_CHECK(decoded.value.has_value(), "decode_response() refused what encode_response() wrote");
  SSESPEC_FUZZ_CHECK(same_response(response, *decoded.value), "a response does not survive encoding");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  while (true) {
    const std::size_t end = rest.find('\n');
    handle_line(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return 0;
}
