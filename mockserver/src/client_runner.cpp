#include "client_runner.h"

#include "mock_server.h"
#include "subprocess.h"

#include <algorithm>
#include <csignal>
#include <nlohmann/json.hpp>
#include <set>

namespace ssespec::client {

std::string_view client_verdict_name(ClientVerdict verdict) {
  switch (verdict) {
  case ClientVerdict::pass:
    return "pass";
  case ClientVerdict::fail:
    return "fail";
  case ClientVerdict::error:
    return "error";
  case ClientVerdict::skip:
    return "skip";
  }
  return "?";
}

namespace {

using Clock = std::chrono::steady_clock;

std::string shorten(const std::string& text, std::size_t max = 120) {
  std::string out = nlohmann::json(text.size() > max ? text.substr(0, max) : text)
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > max) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::string describe(const mock::ClientEvent& event) {
  return "{type " + shorten(event.type) + ", data " + shorten(event.data) + ", lastEventId " +
         shorten(event.last_event_id) + "}";
}

// What the open command's `event_types` lists: `message` and every type the scenario expects. A
// client that dispatches some other type where an expected event belongs is still caught: the
// expected event is then missing.
std::vector<std::string> expected_event_types(const mock::ClientExpectation& expect) {
  std::set<std::string> types{"message"};
  if (expect.events) {
    for (const mock::ClientEvent& event : *expect.events)
      types.insert(event.type);
  }
  return {types.begin(), types.end()};
}

struct Observed {
  std::vector<mock::ClientEvent> events;
  std::size_t errors = 0;
  std::size_t opens = 0;
  std::optional<int> ready_state;
  std::vector<Record> records;
};

void check_results(const mock::Scenario& scenario, const Observed& seen,
                   const std::vector<mock::RecordedRequest>& requests, const std::set<std::string>& caps,
                   std::vector<std::string>& problems) {
  const mock::ClientExpectation& expect = *scenario.client;
  if (expect.events) {
    const auto& want = *expect.events;
    const std::size_t common = std::min(want.size(), seen.events.size());
    for (std::size_t i = 0; i < common; ++i) {
      const auto& a = want[i];
      const auto& b = seen.events[i];
      if (a.type != b.type || a.data != b.data || a.last_event_id != b.last_event_id) {
        problems.push_back("event " + std::to_string(i) + ": expected " + describe(a) + ", got " +
                           describe(b));
        break;
      }
    }
    if (want.size() != seen.events.size()) {
      std::string message =
          "expected " + std::to_string(want.size()) + " event(s), got " + std::to_string(seen.events.size());
      if (seen.events.size() > want.size())
        message += "; the first extra: " + describe(seen.events[want.size()]);
      problems.push_back(message);
    }
  }
  if (expect.requests && requests.size() != *expect.requests) {
    problems.push_back("expected " + std::to_string(*expect.requests) + " connection(s) to the server, saw " +
                       std::to_string(requests.size()));
  }
  // A stream that ends is to be reconnected to: when the script's last connection is a plain
  // event stream, the client's next connection (answered 204, which stops it) is the client doing
  // its job, however soon its retry time brings it. Only a connection after that 204 is a problem.
  const mock::Connection& last = scenario.connections.back();
  const bool reconnect_expected = last.status == 200 && !last.content_type_given;
  for (const auto& request : requests) {
    for (const auto& mismatch : request.mismatches) {
      // Past the script is already the connection count's business.
      if (mismatch.rfind("unscripted", 0) == 0 && expect.requests) continue;
      if (mismatch.rfind("unscripted", 0) == 0 && reconnect_expected &&
          request.connection == scenario.connections.size()) {
        continue;
      }
      problems.push_back("connection " + std::to_string(*request.connection) + ": " + mismatch);
    }
  }
  if (expect.error) {
    if (*expect.error && seen.errors == 0) problems.push_back("expected an error event, saw none");
    if (!*expect.error && seen.errors > 0)
      problems.push_back("expected no error event, saw " + std::to_string(seen.errors));
  }
  if (expect.opens && seen.opens != *expect.opens) {
    problems.push_back("expected " + std::to_string(*expect.opens) + " open event(s), saw " +
                       std::to_string(seen.opens));
  }
  if (expect.final_ready_state && caps.count("ready-state")) {
    if (!seen.ready_state || *seen.ready_state != *expect.final_ready_state) {
      problems.push_back(
          "expected readyState " + std::to_string(*expect.final_ready_state) + " at the end, saw " +
          (seen.ready_state ? std::to_string(*seen.ready_state) : std::string("none reported")));
    }
  }
  for (const auto& delay : expect.delays) {
    if (delay.after + 1 >= requests.size()) {
      problems.push_back("delay after connection " + std::to_string(delay.after) +
                         ": there is no connection " + std::to_string(delay.after + 1));
      continue;
    }
    const auto& before = requests[delay.after];
    if (!before.end_ms) {
      problems.push_back("delay after connection " + std::to_string(delay.after) +
                         ": that connection never ended");
      continue;
    }
    const double ms = requests[delay.after + 1].t_ms - *before.end_ms;
    // Lower bounds strictly (a client may not come back early); upper bounds are generous, set
    // per scenario, so a loaded machine cannot fail a correct client.
    if (ms < delay.min_ms) {
      problems.push_back("reconnected " + std::to_string(ms) + " ms after connection " +
                         std::to_string(delay.after) + " ended; expected at least " +
                         std::to_string(delay.min_ms) + " ms");
    }
    if (delay.max_ms && ms > *delay.max_ms) {
      problems.push_back("reconnected " + std::to_string(ms) + " ms after connection " +
                         std::to_string(delay.after) + " ended; expected at most " +
                         std::to_string(*delay.max_ms) + " ms");
    }
  }
}

ClientResult run_one(const mock::Scenario& scenario, mock::MockServer& server,
                     const ClientRunOptions& options, std::optional<Hello>& first_hello) {
  const auto& expect = *scenario.client;
  ClientResult result;
  result.scenario = scenario.name;
  result.description = scenario.description;
  result.level = expect.level;
  const auto started = Clock::now();
  auto done = [&](ClientVerdict verdict) {
    result.verdict = verdict;
    result.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    return result;
  };

  server.recorder().reset();
  Subprocess adapter;
  std::string error;
  if (!adapter.start(options.adapter, error)) {
    result.problems.push_back("cannot start the adapter: " + error);
    return done(ClientVerdict::error);
  }
  auto fail_adapter = [&](const std::string& what) {
    result.problems.push_back(what);
    const auto ended = adapter.finish(std::chrono::milliseconds(500));
    result.problems.push_back("adapter: " + ended);
    result.diagnostics = adapter.stderr_tail();
    return done(ClientVerdict::error);
  };

  auto hello_line = adapter.read_line(Clock::now() + options.hello_timeout, 1 << 20);
  if (!hello_line) {
    return fail_adapter(adapter.eof() ? "the adapter exited before its hello line"
                                      : "no hello line within " +
                                            std::to_string(options.hello_timeout.count()) + " ms");
  }
  auto hello = decode_hello(*hello_line);
  if (!hello.value) return fail_adapter("bad hello line: " + hello.error + ": " + shorten(*hello_line));
  if (!first_hello) first_hello = hello.value;
  const std::set<std::string> caps(hello.value->capabilities.begin(), hello.value->capabilities.end());
  std::vector<std::string> missing;
  for (const auto& cap : expect.requires_caps) {
    if (!caps.count(cap)) missing.push_back(cap);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& cap : missing)
      list += (list.empty() ? "" : ", ") + cap;
    result.problems.push_back("the adapter lacks: " + list);
    adapter.finish(std::chrono::milliseconds(1000));
    return done(ClientVerdict::skip);
  }

  Command open;
  open.id = scenario.name;
  open.cmd = "open";
  open.url = server.base_url() + "/scenarios/" + scenario.name;
  open.method = expect.method;
  open.headers = expect.request_headers;
  open.body = expect.request_body;
  open.event_types = expected_event_types(expect);
  if (!adapter.write_line(encode_command(open))) return fail_adapter("the adapter stopped reading its stdin");

  Observed seen;
  const auto ms = [](double milliseconds) {
    return std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double, std::milli>(milliseconds));
  };
  // Until the client shows up (a record, or a request to the server), the start window applies;
  // from then on, the scenario's own timeout.
  bool underway = false;
  auto deadline =
      Clock::now() + ms(static_cast<double>(options.start_timeout.count()) + options.extra_timeout_ms);
  const auto note_underway = [&] {
    if (underway || (seen.records.empty() && server.recorder().for_scenario(scenario.name).empty())) return;
    underway = true;
    deadline = Clock::now() + ms(expect.timeout_ms + options.extra_timeout_ms);
  };
  std::optional<Clock::time_point> settle_until;
  // A client without readyState reports never shows one: waiting for it would only run out the
  // timeout (its final readyState is not checked either).
  const bool wait_for_ready_state = expect.wait_ready_state && caps.count("ready-state");
  auto conditions_met = [&] {
    return seen.events.size() >= expect.wait_events &&
           server.recorder().for_scenario(scenario.name).size() >= expect.wait_requests &&
           (!wait_for_ready_state || (seen.ready_state && *seen.ready_state == *expect.wait_ready_state));
  };
  auto take = [&](const Record& record) {
    Record kept = record;
    if (kept.data.size() > 200) kept.data = kept.data.substr(0, 200) + "...";
    seen.records.push_back(std::move(kept));
    if (record.kind == "event") seen.events.push_back({record.type, record.data, record.last_event_id});
    if (record.kind == "error") ++seen.errors;
    if (record.kind == "open") ++seen.opens;
    if (record.ready_state) seen.ready_state = record.ready_state;
  };
  for (;;) {
    note_underway();
    if (!settle_until && conditions_met()) settle_until = Clock::now() + ms(expect.settle_ms);
    const auto now = Clock::now();
    if (settle_until && now >= *settle_until) break;
    if (now >= deadline && !underway) {
      result.problems.push_back("the client neither reported anything nor connected within " +
                                std::to_string(options.start_timeout.count()) + " ms of the open command");
      break;
    }
    if (now >= deadline) {
      std::string what =
          "timed out after " + std::to_string(static_cast<long>(expect.timeout_ms)) + " ms waiting for";
      if (seen.events.size() < expect.wait_events) {
        what += " " + std::to_string(expect.wait_events) + " event(s) (saw " +
                std::to_string(seen.events.size()) + ")";
      }
      const auto connections = server.recorder().for_scenario(scenario.name).size();
      if (connections < expect.wait_requests) {
        what += " " + std::to_string(expect.wait_requests) + " connection(s) (saw " +
                std::to_string(connections) + ")";
      }
      if (expect.wait_ready_state && (!seen.ready_state || *seen.ready_state != *expect.wait_ready_state)) {
        what += " readyState " + std::to_string(*expect.wait_ready_state);
      }
      result.problems.push_back(what);
      break;
    }
    // Wake at least every 50 ms: the server's record can satisfy a condition without a record.
    auto until = std::min(now + std::chrono::milliseconds(50),
                          settle_until ? std::min(*settle_until, deadline) : deadline);
    auto line = adapter.read_line(until, options.max_record_line);
    if (!line) {
      if (adapter.too_long())
        return fail_adapter("a record line longer than " + std::to_string(options.max_record_line) +
                            " bytes");
      if (adapter.eof())
        return fail_adapter("the adapter exited (stdout closed) in the middle of the scenario");
      continue;
    }
    if (line->empty()) continue;
    auto record = decode_record(*line);
    if (!record.value) return fail_adapter("bad record line: " + record.error + ": " + shorten(*line));
    if (record.value->id != open.id && record.value->kind != "bad-command") {
      return fail_adapter("record for unknown stream id " + shorten(record.value->id));
    }
    if (record.value->kind == "bad-command" || record.value->kind == "unsupported") {
      result.problems.push_back("the adapter refused the open command: " + record.value->message);
      adapter.finish(std::chrono::milliseconds(1000));
      result.diagnostics = adapter.stderr_tail();
      return done(record.value->kind == "unsupported" ? ClientVerdict::skip : ClientVerdict::error);
    }
    take(*record.value);
  }

  // Close, and wait for the acknowledgement; events after it do not count.
  Command close;
  close.id = open.id;
  close.cmd = "close";
  bool closed = adapter.write_line(encode_command(close));
  const auto close_deadline = Clock::now() + options.close_timeout;
  while (closed) {
    auto line = adapter.read_line(close_deadline, options.max_record_line);
    if (!line) {
      closed = false;
      break;
    }
    auto record = decode_record(*line);
    if (!record.value) return fail_adapter("bad record line: " + record.error + ": " + shorten(*line));
    if (record.value->kind == "closed") break;
    // Records that came before the close was handled still describe the scenario's window.
    if (!settle_until) take(*record.value);
  }
  if (!closed)
    return fail_adapter("no \"closed\" record within " + std::to_string(options.close_timeout.count()) +
                        " ms of the close command");
  adapter.finish(std::chrono::milliseconds(2000));

  const auto requests = server.recorder().for_scenario(scenario.name);
  check_results(scenario, seen, requests, caps, result.problems);
  result.records = std::move(seen.records);
  if (!result.problems.empty()) {
    result.diagnostics = adapter.stderr_tail();
    return done(ClientVerdict::fail);
  }
  return done(ClientVerdict::pass);
}

} // namespace

ClientRun run_client_scenarios(const std::vector<mock::Scenario>& scenarios, const ClientRunOptions& options,
                               const ClientProgress& progress) {
  ClientRun run;
  // An adapter that exits while we write to it must cost a result, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  mock::ServerOptions server_options;
  server_options.port = 0;
  mock::MockServer server(scenarios, server_options);
  if (!server.start(run.server_error)) return run;
  std::size_t total = 0;
  for (const auto& scenario : scenarios)
    total += scenario.client.has_value();
  for (const auto& scenario : scenarios) {
    if (!scenario.client) continue;
    run.results.push_back(run_one(scenario, server, options, run.hello));
    if (progress) progress(run.results.back(), run.results.size(), total);
  }
  server.stop();
  return run;
}

int client_exit_code(const ClientRun& run) {
  if (!run.server_error.empty()) return 2;
  for (const auto& result : run.results) {
    if (result.level == "must" &&
        (result.verdict == ClientVerdict::fail || result.verdict == ClientVerdict::error))
      return 1;
  }
  return 0;
}

nlohmann::json client_run_to_json(const ClientRun& run, const ClientRunOptions& options) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& result : run.results) {
    nlohmann::json records = nlohmann::json::array();
    for (const auto& record : result.records)
      records.push_back(nlohmann::json::parse(encode_record(record)));
    results.push_back({{"scenario", result.scenario},
                       {"description", result.description},
                       {"level", result.level},
                       {"verdict", client_verdict_name(result.verdict)},
                       {"problems", result.problems},
                       {"diagnostics", result.diagnostics},
                       {"duration_ms", result.duration_ms},
                       {"records", records}});
  }
  nlohmann::json out = {{"adapter", options.adapter}, {"results", results}};
  if (run.hello) out["hello"] = nlohmann::json::parse(encode_hello(*run.hello));
  if (!run.server_error.empty()) out["server_error"] = run.server_error;
  return out;
}

} // namespace ssespec::client
