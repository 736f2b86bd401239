// Every request the mock server sees, in arrival order, with when it came and how its answer ended,
// so reconnection delays and headers can be checked after the fact. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ssespec::mock {

struct RecordedRequest {
  std::uint64_t seq = 0;                 // arrival order: increasing, never reused (a reset skips ahead)
  double t_ms = 0;                       // arrival, ms since the server started (sub-ms precision)
  std::optional<double> end_ms;          // when the answer ended (stream closed, aborted, peer gone)
  std::string scenario;                  // empty for requests no scenario answered
  std::optional<std::size_t> connection; // 0-based connection number within the scenario
  std::string method;
  std::string path;
  std::string query;                                        // the raw text after '?', if any
  std::vector<std::pair<std::string, std::string>> headers; // as received, in order
  std::string body;                                         // the first kMaxRecordedBody bytes of it
  std::size_t body_size = 0;                                // the whole body's size
  int status = 0;
  std::string end; // "closed", "aborted", "peer-gone", "server-stopped", "redirect", "complete"
  std::vector<std::string> mismatches; // how the request differed from the scenario's expectation
};

// Bounds on what the record holds, so a long or heavy session cannot grow it without end. Past
// them the record says so: `body_truncated` per request, `dropped` for the whole log.
inline constexpr std::size_t kMaxRecordedBody = std::size_t{1} << 20;
inline constexpr std::size_t kMaxRecordedRequests = 1'000'000;

class Recorder {
public:
  using Clock = std::chrono::steady_clock;
  Recorder() : start_(Clock::now()) {}

  double now_ms() const { return std::chrono::duration<double, std::milli>(Clock::now() - start_).count(); }

  // Records a request (its body cut to kMaxRecordedBody); returns its seq, the handle for finish().
  // Past kMaxRecordedRequests it is counted in dropped() instead.
  std::uint64_t add(RecordedRequest request);
  void finish(std::uint64_t seq, int status, const std::string& end);
  // Takes the next connection number of a scenario (0, 1, 2, ...).
  std::size_t next_connection(const std::string& scenario);

  std::vector<RecordedRequest> snapshot() const;
  std::vector<RecordedRequest> for_scenario(const std::string& scenario) const;
  // Clears the log and every scenario's connection count.
  void reset();
  std::size_t dropped() const;

  nlohmann::json to_json() const;
  // Writes to_json() to `path`; false with `error` set on failure.
  bool write_file(const std::string& path, std::string& error) const;

private:
  Clock::time_point start_;
  mutable std::mutex mutex_;
  std::uint64_t base_seq_ = 0; // seq of requests_[0]
  std::vector<RecordedRequest> requests_;
  std::size_t dropped_ = 0;
  std::map<std::string, std::size_t> connections_;
};

nlohmann::json request_to_json(const RecordedRequest& request);

} // namespace ssespec::mock
