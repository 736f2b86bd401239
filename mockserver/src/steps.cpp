// Step kinds: reading them from JSON and executing them. See steps.h for what each one means.
#include "steps.h"

#include "base64.h"

#include <nlohmann/json.hpp>
#include <set>

namespace ssespec::mock {

using nlohmann::json;

std::string_view step_kind_name(Step::Kind kind) {
  switch (kind) {
  case Step::Kind::send:
    return "send";
  case Step::Kind::sleep:
    return "sleep";
  case Step::Kind::heartbeat:
    return "heartbeat";
  case Step::Kind::retry:
    return "retry";
  case Step::Kind::close:
    return "close";
  case Step::Kind::abort:
    return "abort";
  case Step::Kind::stall:
    return "stall";
  case Step::Kind::redirect:
    return "redirect";
  }
  return "?";
}

std::string_view stream_end_name(StreamEnd end) {
  switch (end) {
  case StreamEnd::closed:
    return "closed";
  case StreamEnd::aborted:
    return "aborted";
  case StreamEnd::peer_gone:
    return "peer-gone";
  case StreamEnd::stopped:
    return "server-stopped";
  }
  return "?";
}

namespace {

// One part of a text value: a string, {"base64": ...} or {"repeat": ..., "count": N}.
bool parse_part(const json& part, const std::string& path, Problems& problems, std::string& out, bool& raw) {
  if (part.is_string()) {
    out += part.get_ref<const std::string&>();
    return true;
  }
  if (!part.is_object()) {
    problems.add(path, "expected a string, {\"base64\": ...} or {\"repeat\": ..., \"count\": N}");
    return false;
  }
  if (part.contains("base64")) {
    if (part.size() != 1 || !part["base64"].is_string()) {
      problems.add(path, "a base64 part is {\"base64\": \"...\"} and nothing else");
      return false;
    }
    std::string error;
    auto bytes = base64_decode(part["base64"].get_ref<const std::string&>(), &error);
    if (!bytes) {
      problems.add(path + ".base64", "not base64: " + error);
      return false;
    }
    out += *bytes;
    raw = true;
    return true;
  }
  if (part.contains("repeat")) {
    if (part.size() != 2 || !part["repeat"].is_string() || !part.contains("count") ||
        !part["count"].is_number_unsigned()) {
      problems.add(path,
                   "a repeat part is {\"repeat\": \"...\", \"count\": N} with N a non-negative integer");
      return false;
    }
    auto count = part["count"].get<std::uint64_t>();
    const auto& unit = part["repeat"].get_ref<const std::string&>();
    if (count > kMaxRepeatCount || unit.size() * count > kMaxChunkBytes) {
      problems.add(path + ".count", "too large: at most " + std::to_string(kMaxRepeatCount) +
                                        " repetitions and " + std::to_string(kMaxChunkBytes) + " bytes");
      return false;
    }
    out.reserve(out.size() + unit.size() * count);
    for (std::uint64_t i = 0; i < count; ++i)
      out += unit;
    return true;
  }
  problems.add(path, "expected a string, {\"base64\": ...} or {\"repeat\": ..., \"count\": N}");
  return false;
}

bool check_keys(const json& value, const std::string& path, Problems& problems,
                const std::set<std::string>& allowed) {
  bool ok = true;
  for (const auto& [key, _] : value.items()) {
    if (!allowed.count(key)) {
      problems.add(path + "." + key, "unknown field");
      ok = false;
    }
  }
  return ok;
}

bool read_ms(const json& step, const char* key, const std::string& path, Problems& problems, double& out,
             bool required, double min_value = 0) {
  if (!step.contains(key)) {
    if (required) problems.add(path + "." + key, "required (milliseconds)");
    return !required;
  }
  const auto& value = step[key];
  if (!value.is_number() || value.get<double>() < min_value || value.get<double>() > kMaxStepMs) {
    problems.add(path + "." + key, "expected milliseconds, a number from " +
                                       std::to_string(static_cast<long>(min_value)) + " to " +
                                       std::to_string(static_cast<long>(kMaxStepMs)));
    return false;
  }
  out = value.get<double>();
  return true;
}

} // namespace

bool parse_text_value(const json& value, const std::string& path, Problems& problems, std::string& out) {
  bool raw = false;
  if (value.is_array()) {
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      ok = parse_part(value[i], path + "[" + std::to_string(i) + "]", problems, out, raw) && ok;
    }
    return ok;
  }
  return parse_part(value, path, problems, out, raw);
}

bool parse_step(const json& value, const std::string& path, Problems& problems, Step& step) {
  if (!value.is_object()) {
    problems.add(path, "expected an object with a \"kind\"");
    return false;
  }
  if (!value.contains("kind") || !value["kind"].is_string()) {
    problems.add(path + ".kind",
                 "required: one of send, sleep, heartbeat, retry, close, abort, stall, redirect");
    return false;
  }
  const auto& kind = value["kind"].get_ref<const std::string&>();
  if (kind == "send") {
    step.kind = Step::Kind::send;
    if (!check_keys(value, path, problems, {"kind", "chunks"})) return false;
    const std::string chunks_path = path + ".chunks";
    if (!value.contains("chunks") || !value["chunks"].is_array() || value["chunks"].empty()) {
      problems.add(chunks_path, "expected an array of strings (or base64/repeat parts), at least one");
      return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < value["chunks"].size(); ++i) {
      Chunk chunk;
      ok = parse_part(value["chunks"][i], chunks_path + "[" + std::to_string(i) + "]", problems, chunk.bytes,
                      chunk.raw) &&
           ok;
      // An empty write is no write at all: the chunked encoding would read it as the end.
      if (ok && chunk.bytes.empty()) {
        problems.add(chunks_path + "[" + std::to_string(i) + "]", "a chunk must not be empty");
        ok = false;
      }
      step.chunks.push_back(std::move(chunk));
    }
    return ok;
  }
  if (kind == "sleep" || kind == "stall") {
    step.kind = kind == "sleep" ? Step::Kind::sleep : Step::Kind::stall;
    if (!check_keys(value, path, problems, {"kind", "ms"})) return false;
    return read_ms(value, "ms", path, problems, step.ms, true);
  }
  if (kind == "heartbeat") {
    step.kind = Step::Kind::heartbeat;
    if (!check_keys(value, path, problems, {"kind", "every_ms", "for_ms", "comment"})) return false;
    bool ok = read_ms(value, "every_ms", path, problems, step.every_ms, true, kMinHeartbeatEveryMs);
    ok = read_ms(value, "for_ms", path, problems, step.ms, true) && ok;
    step.comment = ":\n";
    if (value.contains("comment")) {
      if (!value["comment"].is_string() || value["comment"].get_ref<const std::string&>().empty()) {
        problems.add(path + ".comment", "expected a non-empty string (the bytes written each time)");
        return false;
      }
      step.comment = value["comment"].get<std::string>();
    }
    return ok;
  }
  if (kind == "retry") {
    step.kind = Step::Kind::retry;
    if (!check_keys(value, path, problems, {"kind", "ms"})) return false;
    if (!value.contains("ms") || !value["ms"].is_number_unsigned()) {
      problems.add(path + ".ms", "expected a non-negative integer (the reconnection time to send)");
      return false;
    }
    step.retry_ms = value["ms"].get<std::uint64_t>();
    return true;
  }
  if (kind == "close" || kind == "abort") {
    step.kind = kind == "close" ? Step::Kind::close : Step::Kind::abort;
    return check_keys(value, path, problems, {"kind"});
  }
  if (kind == "redirect") {
    step.kind = Step::Kind::redirect;
    if (!check_keys(value, path, problems, {"kind", "status", "location"})) return false;
    if (value.contains("status")) {
      if (!value["status"].is_number_integer() || value["status"].get<int>() < 300 ||
          value["status"].get<int>() > 399) {
        problems.add(path + ".status", "expected a 3xx status");
        return false;
      }
      step.redirect_status = value["status"].get<int>();
    }
    if (!value.contains("location") || !value["location"].is_string() ||
        value["location"].get_ref<const std::string&>().empty()) {
      problems.add(path + ".location",
                   "required: the Location to redirect to (\"{path}\" is the request's path)");
      return false;
    }
    step.location = value["location"].get<std::string>();
    return true;
  }
  problems.add(path + ".kind", "unknown step kind \"" + kind +
                                   "\" (send, sleep, heartbeat, retry, close, abort, stall, redirect)");
  return false;
}

StreamEnd run_steps(const std::vector<Step>& steps, StreamWriter& writer) {
  // A failed write or wait means the peer went away or the server is stopping; the writer knows
  // which, the caller asks it. Here both just end the stream.
  for (const auto& step : steps) {
    switch (step.kind) {
    case Step::Kind::send:
      for (const auto& chunk : step.chunks) {
        if (!writer.write(chunk.bytes)) return StreamEnd::peer_gone;
      }
      break;
    case Step::Kind::sleep:
    case Step::Kind::stall:
      // The same on the wire: nothing is written. They differ in intent (a stall is meant to
      // outlast a client's patience) and in docs, not in code.
      if (!writer.wait(step.ms)) return StreamEnd::stopped;
      break;
    case Step::Kind::heartbeat: {
      double elapsed = 0;
      while (elapsed + step.every_ms <= step.ms) {
        if (!writer.wait(step.every_ms)) return StreamEnd::stopped;
        elapsed += step.every_ms;
        if (!writer.write(step.comment)) return StreamEnd::peer_gone;
      }
      if (step.ms > elapsed && !writer.wait(step.ms - elapsed)) return StreamEnd::stopped;
      break;
    }
    case Step::Kind::retry:
      if (!writer.write("retry: " + std::to_string(step.retry_ms) + "\n")) return StreamEnd::peer_gone;
      break;
    case Step::Kind::close:
      return StreamEnd::closed;
    case Step::Kind::abort:
      return StreamEnd::aborted;
    case Step::Kind::redirect:
      break; // answered before the stream starts
    }
  }
  return StreamEnd::closed;
}

} // namespace ssespec::mock
