// Scenario files: JSON in, checked Scenario out, every problem named by file and JSON path.
#include "scenario_loader.h"

#include "json_text.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ssespec::mock {

using nlohmann::json;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string at(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
std::string at(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

bool check_keys(const json& value, const std::string& path, Problems& problems,
                const std::set<std::string>& allowed) {
  bool ok = true;
  for (const auto& [key, _] : value.items()) {
    if (!allowed.count(key)) {
      problems.add(at(path, key), "unknown field");
      ok = false;
    }
  }
  return ok;
}

bool expect_object(const json& value, const std::string& path, Problems& problems) {
  if (value.is_object()) return true;
  problems.add(path, "expected an object");
  return false;
}

std::optional<std::string> read_string(const json& parent, const char* key, const std::string& path,
                                       Problems& problems) {
  if (!parent.contains(key)) return std::nullopt;
  if (!parent[key].is_string()) {
    problems.add(at(path, key), "expected a string");
    return std::nullopt;
  }
  return parent[key].get<std::string>();
}

bool read_ms(const json& parent, const char* key, const std::string& path, Problems& problems, double& out) {
  if (!parent.contains(key)) return true;
  const auto& value = parent[key];
  if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > kMaxStepMs) {
    problems.add(at(path, key), "expected milliseconds, a number from 0 to " +
                                    std::to_string(static_cast<long>(kMaxStepMs)));
    return false;
  }
  out = value.get<double>();
  return true;
}

bool read_count(const json& parent, const char* key, const std::string& path, Problems& problems,
                std::size_t& out) {
  if (!parent.contains(key)) return true;
  if (!parent[key].is_number_unsigned()) {
    problems.add(at(path, key), "expected a non-negative integer");
    return false;
  }
  out = parent[key].get<std::size_t>();
  return true;
}

bool read_ready_state(const json& parent, const char* key, const std::string& path, Problems& problems,
                      std::optional<int>& out) {
  if (!parent.contains(key)) return true;
  if (!parent[key].is_number_integer() || parent[key].get<int>() < 0 || parent[key].get<int>() > 2) {
    problems.add(at(path, key), "expected a readyState: 0 (CONNECTING), 1 (OPEN) or 2 (CLOSED)");
    return false;
  }
  out = parent[key].get<int>();
  return true;
}

void parse_expectation(const json& value, const std::string& path, Problems& problems,
                       RequestExpectation& out) {
  if (!expect_object(value, path, problems)) return;
  check_keys(value, path, problems, {"method", "path", "query", "headers", "body"});
  out.method = read_string(value, "method", path, problems);
  out.path = read_string(value, "path", path, problems);
  out.query = read_string(value, "query", path, problems);
  if (value.contains("headers")) {
    const auto hpath = at(path, "headers");
    if (expect_object(value["headers"], hpath, problems)) {
      for (const auto& [name, expected] : value["headers"].items()) {
        HeaderExpectation header;
        if (expected.is_null()) {
          header.kind = HeaderExpectation::Kind::absent;
        } else if (expected.is_boolean() && expected.get<bool>()) {
          header.kind = HeaderExpectation::Kind::present;
        } else if (expected.is_string()) {
          header.kind = HeaderExpectation::Kind::equals;
          header.value = expected.get<std::string>();
        } else {
          problems.add(at(hpath, name), "expected a string (exact value), true (present) or null (absent)");
          continue;
        }
        out.headers.emplace_back(name, std::move(header));
      }
    }
  }
  if (value.contains("body")) {
    std::string body;
    if (parse_text_value(value["body"], at(path, "body"), problems, body)) out.body = std::move(body);
  }
}

void parse_connection(const json& value, const std::string& path, Problems& problems, Connection& out) {
  if (!expect_object(value, path, problems)) return;
  check_keys(value, path, problems, {"expect", "status", "headers", "framing", "steps", "notes"});
  if (value.contains("expect")) parse_expectation(value["expect"], at(path, "expect"), problems, out.expect);
  if (value.contains("status")) {
    if (!value["status"].is_number_integer() || value["status"].get<int>() < 100 ||
        value["status"].get<int>() > 599) {
      problems.add(at(path, "status"), "expected an HTTP status from 100 to 599");
    } else {
      out.status = value["status"].get<int>();
    }
  }
  if (value.contains("headers")) {
    const auto hpath = at(path, "headers");
    if (expect_object(value["headers"], hpath, problems)) {
      for (const auto& [name, header] : value["headers"].items()) {
        const bool is_content_type = iequals(name, "Content-Type");
        if (is_content_type) out.content_type_given = true;
        if (header.is_null() && is_content_type) continue; // null: send no Content-Type at all
        if (!header.is_string()) {
          problems.add(at(hpath, name), is_content_type ? "expected a string, or null for no Content-Type"
                                                        : "expected a string");
          continue;
        }
        const auto& text = header.get_ref<const std::string&>();
        if (text.find_first_of("\r\n") != std::string::npos ||
            name.find_first_of("\r\n: ") != std::string::npos) {
          problems.add(at(hpath, name), "header names and values must not contain CR or LF");
          continue;
        }
        out.headers.emplace_back(name, text);
      }
    }
  }
  if (auto framing = read_string(value, "framing", path, problems)) {
    if (*framing == "chunked")
      out.framing = Framing::chunked;
    else if (*framing == "close")
      out.framing = Framing::close;
    else
      problems.add(at(path, "framing"), "expected \"chunked\" or \"close\"");
  }
  if (value.contains("steps")) {
    const auto spath = at(path, "steps");
    if (!value["steps"].is_array()) {
      problems.add(spath, "expected an array of steps");
    } else {
      for (std::size_t i = 0; i < value["steps"].size(); ++i) {
        Step step;
        if (parse_step(value["steps"][i], at(spath, i), problems, step)) out.steps.push_back(std::move(step));
      }
      for (std::size_t i = 0; i < out.steps.size(); ++i) {
        if (out.steps[i].kind == Step::Kind::redirect && out.steps.size() != 1) {
          problems.add(at(spath, i), "a redirect answers the whole connection: it must be the only step");
        }
      }
    }
  }
}

void parse_events(const json& value, const std::string& path, Problems& problems,
                  std::optional<std::vector<ClientEvent>>& out) {
  if (!value.is_array()) {
    problems.add(path, "expected an array of events");
    return;
  }
  std::vector<ClientEvent> events;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto epath = at(path, i);
    const auto& item = value[i];
    if (!expect_object(item, epath, problems)) continue;
    check_keys(item, epath, problems, {"type", "data", "lastEventId"});
    ClientEvent event;
    event.type = "message";
    if (item.contains("type")) {
      event.type.clear();
      if (!parse_text_value(item["type"], at(epath, "type"), problems, event.type)) continue;
    }
    if (!item.contains("data")) {
      problems.add(at(epath, "data"), "required");
      continue;
    }
    if (!parse_text_value(item["data"], at(epath, "data"), problems, event.data)) continue;
    if (item.contains("lastEventId") &&
        !parse_text_value(item["lastEventId"], at(epath, "lastEventId"), problems, event.last_event_id)) {
      continue;
    }
    events.push_back(std::move(event));
  }
  out = std::move(events);
}

void parse_client(const json& value, const std::string& path, Problems& problems, ClientExpectation& out) {
  if (!expect_object(value, path, problems)) return;
  check_keys(value, path, problems, {"level", "requires", "open", "wait", "expect", "notes"});
  if (auto level = read_string(value, "level", path, problems)) {
    if (*level != "must" && *level != "should" && *level != "implementation-defined") {
      problems.add(at(path, "level"), "expected must, should or implementation-defined");
    }
    out.level = *level;
  }
  if (value.contains("requires")) {
    static const std::set<std::string> known = {"post",          "custom-headers", "reconnect",
                                                "last-event-id", "retry",          "ready-state"};
    const auto rpath = at(path, "requires");
    if (!value["requires"].is_array()) {
      problems.add(rpath, "expected an array of capability names");
    } else {
      for (std::size_t i = 0; i < value["requires"].size(); ++i) {
        const auto& cap = value["requires"][i];
        if (!cap.is_string() || !known.count(cap.get<std::string>())) {
          problems.add(at(rpath, i),
                       "expected one of post, custom-headers, reconnect, last-event-id, retry, ready-state");
          continue;
        }
        out.requires_caps.push_back(cap.get<std::string>());
      }
    }
  }
  if (value.contains("open")) {
    const auto opath = at(path, "open");
    const auto& open = value["open"];
    if (expect_object(open, opath, problems)) {
      check_keys(open, opath, problems, {"method", "headers", "body"});
      if (auto method = read_string(open, "method", opath, problems)) out.method = *method;
      if (open.contains("headers") && expect_object(open["headers"], at(opath, "headers"), problems)) {
        for (const auto& [name, header] : open["headers"].items()) {
          if (!header.is_string()) {
            problems.add(at(at(opath, "headers"), name), "expected a string");
            continue;
          }
          out.request_headers.emplace_back(name, header.get<std::string>());
        }
      }
      if (open.contains("body")) {
        std::string body;
        if (parse_text_value(open["body"], at(opath, "body"), problems, body))
          out.request_body = std::move(body);
      }
    }
  }
  if (value.contains("wait")) {
    const auto wpath = at(path, "wait");
    const auto& wait = value["wait"];
    if (expect_object(wait, wpath, problems)) {
      check_keys(wait, wpath, problems, {"events", "requests", "ready_state", "settle_ms", "timeout_ms"});
      read_count(wait, "events", wpath, problems, out.wait_events);
      read_count(wait, "requests", wpath, problems, out.wait_requests);
      read_ready_state(wait, "ready_state", wpath, problems, out.wait_ready_state);
      read_ms(wait, "settle_ms", wpath, problems, out.settle_ms);
      read_ms(wait, "timeout_ms", wpath, problems, out.timeout_ms);
    }
  }
  if (value.contains("expect")) {
    const auto epath = at(path, "expect");
    const auto& expect = value["expect"];
    if (expect_object(expect, epath, problems)) {
      check_keys(expect, epath, problems, {"events", "requests", "error", "opens", "ready_state", "delays"});
      if (expect.contains("events"))
        parse_events(expect["events"], at(epath, "events"), problems, out.events);
      if (expect.contains("requests")) {
        std::size_t n = 0;
        if (read_count(expect, "requests", epath, problems, n)) out.requests = n;
      }
      if (expect.contains("opens")) {
        std::size_t n = 0;
        if (read_count(expect, "opens", epath, problems, n)) out.opens = n;
      }
      if (expect.contains("error")) {
        if (!expect["error"].is_boolean())
          problems.add(at(epath, "error"), "expected true or false");
        else
          out.error = expect["error"].get<bool>();
      }
      read_ready_state(expect, "ready_state", epath, problems, out.final_ready_state);
      if (expect.contains("delays")) {
        const auto dpath = at(epath, "delays");
        if (!expect["delays"].is_array()) {
          problems.add(dpath, "expected an array of {\"after\": N, \"min_ms\": X, \"max_ms\": Y}");
        } else {
          for (std::size_t i = 0; i < expect["delays"].size(); ++i) {
            const auto& item = expect["delays"][i];
            const auto ipath = at(dpath, i);
            if (!expect_object(item, ipath, problems)) continue;
            check_keys(item, ipath, problems, {"after", "min_ms", "max_ms"});
            DelayCheck check;
            read_count(item, "after", ipath, problems, check.after);
            read_ms(item, "min_ms", ipath, problems, check.min_ms);
            if (item.contains("max_ms")) {
              double max_ms = 0;
              if (read_ms(item, "max_ms", ipath, problems, max_ms)) check.max_ms = max_ms;
            }
            out.delays.push_back(check);
          }
        }
      }
    }
  }
}

} // namespace

void load_scenario_text(std::string_view text, const std::string& name, const std::string& file,
                        ScenarioLoad& load) {
  Problems problems(file);
  std::string parse_error;
  const std::optional<json> parsed = parse_json_text(text, parse_error);
  if (!parsed) {
    load.errors.push_back(file + ": not valid JSON: " + parse_error);
    return;
  }
  const json& root = *parsed;
  Scenario scenario;
  scenario.name = name;
  scenario.file = file;
  if (!root.is_object()) {
    problems.add("(root)", "expected an object with \"connections\"");
  } else {
    check_keys(root, "", problems,
               {"$schema", "description", "connections", "repeat_last", "client", "notes"});
    if (root.contains("repeat_last")) {
      if (!root["repeat_last"].is_boolean())
        problems.add("repeat_last", "expected true or false");
      else
        scenario.repeat_last = root["repeat_last"].get<bool>();
    }
    if (auto description = read_string(root, "description", "", problems))
      scenario.description = *description;
    if (!root.contains("connections") || !root["connections"].is_array() || root["connections"].empty()) {
      problems.add("connections", "required: an array of connections, at least one");
    } else if (root["connections"].size() > kMaxConnections) {
      problems.add("connections", "at most " + std::to_string(kMaxConnections) + " connections");
    } else {
      for (std::size_t i = 0; i < root["connections"].size(); ++i) {
        Connection connection;
        parse_connection(root["connections"][i], at("connections", i), problems, connection);
        scenario.connections.push_back(std::move(connection));
      }
    }
    if (root.contains("client")) {
      ClientExpectation client;
      parse_client(root["client"], "client", problems, client);
      scenario.client = std::move(client);
    }
  }
  if (!problems.empty()) {
    load.errors.insert(load.errors.end(), problems.list().begin(), problems.list().end());
    return;
  }
  load.scenarios.push_back(std::move(scenario));
}

void load_scenario_file(const std::string& path, ScenarioLoad& load) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    load.errors.push_back(path + ": cannot read: " + ec.message());
    return;
  }
  if (size > kMaxScenarioFileBytes) {
    load.errors.push_back(path + ": larger than " + std::to_string(kMaxScenarioFileBytes) + " bytes");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    load.errors.push_back(path + ": cannot open");
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  load_scenario_text(text.str(), std::filesystem::path(path).stem().string(), path, load);
}

ScenarioLoad load_scenario_directory(const std::string& directory) {
  ScenarioLoad load;
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  if (ec) {
    load.errors.push_back(directory + ": cannot list: " + ec.message());
    return load;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    load_scenario_file(file, load);
  return load;
}

std::string default_scenario_directory() {
  // From a checkout, the scenarios beside it; from elsewhere, the ones the binary was built from.
  if (std::filesystem::is_directory("mockserver/scenarios")) return "mockserver/scenarios";
  return std::string(SSESPEC_SOURCE_ROOT) + "/mockserver/scenarios";
}

} // namespace ssespec::mock
