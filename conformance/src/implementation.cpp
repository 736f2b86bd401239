#include "implementation.h"

#include "chunking.h"
#include "reference_implementation.h"

#include <algorithm>

namespace ssespec {

std::optional<protocol::Hello> InProcessReference::start() {
  return reference_hello();
}

Exchange InProcessReference::run(const protocol::Request& request) {
  Exchange exchange;
  exchange.response = run_reference(request, limits_);
  return exchange;
}

Exchange Implementation::run_chunks(const std::string& id, std::string_view input,
                                    const std::vector<std::size_t>& cuts) {
  protocol::Request request{id, {}};
  request.chunks.reserve(cuts.size() + 1);
  for (const std::string_view piece : split_at(input, cuts))
    request.chunks.emplace_back(piece);
  return run(request);
}

Exchange InProcessReference::run_chunks(const std::string& id, std::string_view input,
                                        const std::vector<std::size_t>& cuts) {
  Exchange exchange;
  exchange.response = run_reference(id, split_at(input, cuts), limits_);
  return exchange;
}

bool has_capability(const protocol::Hello& hello, const std::string& capability) {
  return std::find(hello.capabilities.begin(), hello.capabilities.end(), capability) !=
         hello.capabilities.end();
}

} // namespace ssespec
