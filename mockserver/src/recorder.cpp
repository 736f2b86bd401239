#include "recorder.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

namespace ssespec::mock {

std::uint64_t Recorder::add(RecordedRequest request) {
  request.body_size = std::max(request.body_size, request.body.size());
  if (request.body.size() > kMaxRecordedBody) request.body.resize(kMaxRecordedBody);
  std::lock_guard lock(mutex_);
  if (requests_.size() >= kMaxRecordedRequests) {
    ++dropped_;
    return base_seq_ + requests_.size() + dropped_; // finish() finds nothing for it
  }
  request.seq = base_seq_ + requests_.size();
  requests_.push_back(std::move(request));
  return requests_.back().seq;
}

void Recorder::finish(std::uint64_t seq, int status, const std::string& end) {
  const double t = now_ms();
  std::lock_guard lock(mutex_);
  // A reset between add() and finish() drops the entry; then there is nothing to finish.
  if (seq < base_seq_ || seq - base_seq_ >= requests_.size()) return;
  auto& request = requests_[seq - base_seq_];
  request.end_ms = t;
  request.status = status;
  request.end = end;
}

std::size_t Recorder::next_connection(const std::string& scenario) {
  std::lock_guard lock(mutex_);
  return connections_[scenario]++;
}

std::vector<RecordedRequest> Recorder::snapshot() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<RecordedRequest> Recorder::for_scenario(const std::string& scenario) const {
  std::lock_guard lock(mutex_);
  std::vector<RecordedRequest> out;
  for (const auto& request : requests_) {
    if (request.scenario == scenario && request.connection) out.push_back(request);
  }
  return out;
}

void Recorder::reset() {
  std::lock_guard lock(mutex_);
  // Past every seq handed out, dropped ones included, so a late finish() finds nothing.
  base_seq_ += requests_.size() + dropped_ + 1;
  requests_.clear();
  dropped_ = 0;
  connections_.clear();
}

std::size_t Recorder::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

nlohmann::json request_to_json(const RecordedRequest& request) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : request.headers)
    headers.push_back({name, value});
  nlohmann::json out = {
      {"seq", request.seq},
      {"t_ms", request.t_ms},
      {"end_ms", request.end_ms ? nlohmann::json(*request.end_ms) : nlohmann::json(nullptr)},
      {"scenario", request.scenario},
      {"connection", request.connection ? nlohmann::json(*request.connection) : nlohmann::json(nullptr)},
      {"method", request.method},
      {"path", request.path},
      {"query", request.query},
      {"headers", headers},
      {"status", request.status},
      {"end", request.end},
      {"mismatches", request.mismatches},
  };
  // Bodies and headers may be any bytes; every dump() of this uses error_handler_t::replace, so
  // bytes that are not UTF-8 come out as U+FFFD rather than as an exception.
  out["body"] = request.body;
  out["body_size"] = request.body_size;
  if (request.body_size > request.body.size()) out["body_truncated"] = true;
  return out;
}

nlohmann::json Recorder::to_json() const {
  auto requests = snapshot();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& request : requests)
    list.push_back(request_to_json(request));
  return {{"requests", list}, {"dropped", dropped()}};
}

bool Recorder::write_file(const std::string& path, std::string& error) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    error = path + ": cannot open for writing";
    return false;
  }
  out << to_json().dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  out.close();
  if (!out) {
    error = path + ": write failed";
    return false;
  }
  return true;
}

} // namespace ssespec::mock
