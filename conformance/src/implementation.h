// An implementation under test, as the runner sees it: a hello (name, capabilities), then one
// protocol request in and one outcome out. In process (the reference parser) or a subprocess
// speaking ssespec-adapter/1 (subprocess_implementation.h).
#pragma once

#include "adapter_protocol.h"
#include "ssespec/parser.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec {

// What came back for one request. `response` is empty when the implementation failed as a program
// (it crashed, hung, wrote something that is not a response line); `failure` then says how, and
// `diagnostics` holds what it wrote to stderr meanwhile. A response carrying `error` is the
// implementation's own refusal, which the runner reports as such.
struct Exchange {
  std::optional<protocol::Response> response;
  std::string failure;
  std::string diagnostics;
  bool timed_out = false;
};

class Implementation {
public:
  virtual ~Implementation() = default;
  // Starts it if needed and reads its hello: the hello, or nullopt with start_error() saying why.
  virtual std::optional<protocol::Hello> start() = 0;
  virtual std::string start_error() const = 0;
  virtual Exchange run(const protocol::Request& request) = 0;
  // One stream cut at `cuts`: by default sent as a protocol request; in process without copies.
  virtual Exchange run_chunks(const std::string& id, std::string_view input,
                              const std::vector<std::size_t>& cuts);
  // How the user named it: "reference" or the adapter command line.
  virtual std::string origin() const = 0;
};

// The reference parser, in this process.
class InProcessReference : public Implementation {
public:
  explicit InProcessReference(ParserLimits limits = {}) : limits_(limits) {}
  std::optional<protocol::Hello> start() override;
  std::string start_error() const override { return {}; }
  Exchange run(const protocol::Request& request) override;
  Exchange run_chunks(const std::string& id, std::string_view input,
                      const std::vector<std::size_t>& cuts) override;
  std::string origin() const override { return "builtin reference"; }

private:
  ParserLimits limits_;
};

bool has_capability(const protocol::Hello& hello, const std::string& capability);

} // namespace ssespec
