// An ssespec-adapter/1 adapter over its own small, plain model of the event-stream format (not the
// reference parser), with one bug planted on request. The harness tests run the suite against each
// bug and check that the runner fails the right cases, and that `--bug none` passes everything.
//   planted_adapter --bug NAME [--on ID_PREFIX]...
// Bugs: none, lone-cr-held, bom-kept, nul-id-accepted, lenient-retry, empty-events, type-not-reset,
// chunk-per-message, hang, crash, garble, wrong-id. hang, crash, garble and wrong-id strike only on
// requests whose id starts with one of the --on prefixes (every request when none is given).
#include "adapter_protocol.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string bug;
std::vector<std::string> strike_on;

bool strikes(const std::string& id) {
  if (strike_on.empty()) return true;
  for (const std::string& prefix : strike_on) {
    if (id.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

// UTF-8 decoding with U+FFFD for each maximal subpart of an invalid sequence (WHATWG Encoding).
std::string decode_utf8(const std::string& in) {
  std::string out;
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(in[k]); };
  while (i < in.size()) {
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
      out += static_cast<char>(lead);
      ++i;
      continue;
    }
    std::size_t need = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      need = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      need = 2;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      need = 3;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    std::size_t seen = 0;
    while (seen < need && i + 1 + seen < in.size()) {
      const unsigned char c = byte(i + 1 + seen);
      const unsigned char lo = seen == 0 ? low : 0x80, hi = seen == 0 ? high : 0xBF;
      if (c < lo || c > hi) break;
      ++seen;
    }
    if (seen == need) {
      out.append(in, i, need + 1);
    } else {
      out += "\xEF\xBF\xBD";
    }
    i += seen + 1;
  }
  return out;
}

class Model {
public:
  explicit Model(ssespec::protocol::Response& response) : response_(response) {}

  void feed(const std::string& chunk, std::size_t index) {
    chunk_ = index;
    if (bug == "chunk-per-message") {
      response_.events.push_back({"message", decode_utf8(chunk), "", index});
      return;
    }
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      if (held_cr_) {
        // lone-cr-held: the CR ending the previous chunk is looked at only now.
        held_cr_ = false;
        end_line();
        if (chunk[i] == '\n') continue;
      }
      const char c = chunk[i];
      if (skip_lf_) {
        skip_lf_ = false;
        if (c == '\n') continue;
      }
      if (c == '\r') {
        if (bug == "lone-cr-held" && i + 1 == chunk.size()) {
          held_cr_ = true;
          continue;
        }
        end_line();
        skip_lf_ = true;
      } else if (c == '\n') {
        end_line();
      } else {
        line_ += c;
      }
    }
  }

  void finish(std::size_t index) {
    chunk_ = index;
    if (held_cr_) end_line();
    // An unfinished line and an undispatched event are discarded.
  }

private:
  void end_line() {
    std::string raw = std::move(line_);
    line_.clear();
    if (!bom_checked_) {
      bom_checked_ = true;
      if (bug != "bom-kept" && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.erase(0, 3);
    }
    const std::string line = decode_utf8(raw);
    if (line.empty()) return dispatch();
    if (line[0] == ':') {
      if (!response_.comments) response_.comments.emplace();
      response_.comments->push_back(line.substr(1));
      return;
    }
    const std::size_t colon = line.find(':');
    const std::string name = line.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    if (name == "data") {
      data_ += value + "\n";
      has_data_ = true;
    } else if (name == "event") {
      type_ = value;
    } else if (name == "id") {
      if (bug == "nul-id-accepted" || value.find('\0') == std::string::npos) id_buffer_ = value;
    } else if (name == "retry") {
      const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
      if (digits || bug == "lenient-retry") {
        std::uint64_t ms = 0;
        std::size_t n = 0;
        for (; n < value.size() && value[n] >= '0' && value[n] <= '9'; ++n) {
          const std::uint64_t digit = static_cast<std::uint64_t>(value[n] - '0');
          ms = ms > (UINT64_MAX - digit) / 10 ? UINT64_MAX : ms * 10 + digit;
        }
        if (n > 0) response_.retry.push_back(ms);
      }
    }
  }

  void dispatch() {
    last_event_id_ = id_buffer_;
    if (!has_data_ && bug != "empty-events") {
      type_.clear();
      return;
    }
    if (!data_.empty()) data_.pop_back();
    response_.events.push_back({type_.empty() ? "message" : type_, data_, last_event_id_, chunk_});
    data_.clear();
    has_data_ = false;
    if (bug != "type-not-reset") type_.clear();
  }

  ssespec::protocol::Response& response_;
  std::size_t chunk_ = 0;
  std::string line_;
  bool skip_lf_ = false;
  bool held_cr_ = false;
  bool bom_checked_ = false;
  std::string data_;
  bool has_data_ = false;
  std::string type_;
  std::string id_buffer_;
  std::string last_event_id_;
};

} // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--bug" && i + 1 < argc) {
      bug = argv[++i];
    } else if (arg == "--on" && i + 1 < argc) {
      strike_on.push_back(argv[++i]);
    } else {
      std::cerr << "usage: planted_adapter --bug NAME [--on ID_PREFIX]...\n";
      return 2;
    }
  }
  std::ios::sync_with_stdio(false);
  std::cout << ssespec::protocol::encode_hello({std::string(ssespec::protocol::kAdapterProtocol),
                                                "planted-" + bug,
                                                "1",
                                                {"retry", "comments", "last-event-id", "chunk-index"}})
            << '\n'
            << std::flush;
  std::string line;
  while (std::getline(std::cin, line)) {
    auto request = ssespec::protocol::decode_request(line);
    ssespec::protocol::Response response;
    if (!request.value) {
      response.id = request.id;
      response.error = "malformed request: " + request.error;
    } else {
      response.id = request.value->id;
      if (strikes(response.id)) {
        if (bug == "hang") {
          std::cerr << "planted hang on " << response.id << std::endl;
          while (true)
            std::this_thread::sleep_for(std::chrono::hours(1));
        }
        if (bug == "crash") {
          std::cerr << "planted crash on " << response.id << std::endl;
          std::abort();
        }
        if (bug == "garble") {
          std::cerr << "planted garbage on " << response.id << std::endl;
          std::cout << "this is not a response line\n" << std::flush;
          continue;
        }
        if (bug == "wrong-id") response.id += "-not";
      }
      response.comments.emplace();
      Model model(response);
      const auto& chunks = request.value->chunks;
      for (std::size_t i = 0; i < chunks.size(); ++i)
        model.feed(chunks[i], i);
      model.finish(chunks.size());
    }
    std::cout << ssespec::protocol::encode_response(response) << '\n' << std::flush;
  }
  return 0;
}
