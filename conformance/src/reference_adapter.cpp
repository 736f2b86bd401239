#include "reference_adapter.h"

#include "adapter_protocol.h"
#include "line_reader.h"
#include "reference_implementation.h"

#include <string>

namespace ssespec {

int serve_reference_adapter(std::istream& in, std::ostream& out, ParserLimits limits,
                            std::size_t max_request_line) {
  out << protocol::encode_hello(reference_hello()) << '\n' << std::flush;
  std::string line;
  while (true) {
    const LineStatus status = read_line(in, line, max_request_line);
    if (status == LineStatus::end_of_input) break;
    protocol::Response response;
    if (status == LineStatus::too_long) {
      response.error = "request line longer than " + std::to_string(max_request_line) + " bytes";
    } else if (line.empty()) {
      continue; // blank lines between requests are harmless
    } else {
      protocol::Decoded<protocol::Request> request = protocol::decode_request(line);
      if (request.value) {
        response = run_reference(*request.value, limits);
      } else {
        response.id = request.id;
        response.error = "malformed request: " + request.error;
      }
    }
    out << protocol::encode_response(response) << '\n' << std::flush;
    if (!out) return 1; // the runner went away
  }
  return 0;
}

} // namespace ssespec
