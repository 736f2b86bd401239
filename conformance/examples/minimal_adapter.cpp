// A minimal ssespec-adapter/1 adapter in C++ (docs/adapter-protocol.md), over ssespec's own parser as
// the implementation under test: replace the Parser and the handler with your implementation.
#include "ssespec/parser.h"

#include <cstdint>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using nlohmann::json;

std::string base64_decode(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    const std::size_t value = alphabet.find(c);
    if (value == std::string::npos) continue; // padding
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    if ((count += 6) >= 8) out += static_cast<char>((bits >> (count -= 8)) & 0xFF);
  }
  return out;
}

// Records what the parser reports, with the chunk it came out in.
class Recorder : public ssespec::EventHandler {
public:
  bool on_event(const ssespec::Event& e) override {
    events.push_back(
        {{"type", e.type}, {"data", e.data}, {"lastEventId", e.last_event_id}, {"chunk", chunk}});
    return true;
  }
  bool on_retry(std::uint64_t milliseconds) override {
    retry.push_back(milliseconds);
    return true;
  }
  bool on_comment(std::string_view text) override {
    comments.push_back(text);
    return true;
  }
  json events = json::array(), retry = json::array(), comments = json::array();
  std::size_t chunk = 0;
};

} // namespace

int main() {
  std::cout << json{{"protocol", "ssespec-adapter/1"},
                    {"name", "minimal-cpp"},
                    {"version", "1"},
                    {"capabilities", {"retry", "comments", "last-event-id", "chunk-index"}}}
            << std::endl;
  for (std::string line; std::getline(std::cin, line);) {
    const json request = json::parse(line, nullptr, false);
    if (request.is_discarded() || !request.contains("chunks")) {
      std::cout << json{{"id", ""}, {"error", "malformed request"}} << std::endl;
      continue;
    }
    Recorder recorder;
    ssespec::Parser parser(recorder);
    for (const json& chunk : request["chunks"]) {
      parser.feed(base64_decode(chunk.get<std::string>()));
      ++recorder.chunk;
    }
    parser.finish();
    // Strings may hold invalid UTF-8 only if the parser let it through: replace rather than throw.
    std::cout << json{{"id", request["id"]},
                      {"events", recorder.events},
                      {"retry", recorder.retry},
                      {"comments", recorder.comments}}
                     .dump(-1, ' ', false, json::error_handler_t::replace)
              << std::endl;
  }
  return 0;
}
