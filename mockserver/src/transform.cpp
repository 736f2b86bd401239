#include "transform.h"

#include <algorithm>

namespace ssespec::mock {

namespace {

// Cuts `bytes` into writes as the chunking says; a random chunking draws different cuts for each
// run (its seed mixed with the run's index), reproducibly.
std::vector<Chunk> cut(const std::string& bytes, const ssespec::Chunking& chunking, std::size_t run_index) {
  std::vector<Chunk> out;
  if (bytes.empty()) return out;
  ssespec::Chunking per_run = chunking;
  if (per_run.kind == ssespec::Chunking::Kind::random)
    per_run.seed = chunking.seed * 0x9E3779B97F4A7C15ull + run_index;
  // An `at` point past this run's end is dropped rather than refused: the points are for the
  // first run, and a scenario's runs differ in length.
  if (per_run.kind == ssespec::Chunking::Kind::at) {
    std::erase_if(per_run.points, [&](std::size_t point) { return point == 0 || point >= bytes.size(); });
  }
  auto cuts = per_run.cuts(bytes).value_or(std::vector<std::size_t>{});
  for (auto piece : ssespec::split_at(bytes, cuts))
    out.push_back(Chunk{std::string(piece), false});
  return out;
}

std::vector<Step> transform_steps(const std::vector<Step>& steps, const Transform& transform) {
  std::vector<Step> out;
  std::size_t run_index = 0;
  // Consecutive writes (send, retry) form one run; the chunking applies to a run as a whole.
  std::vector<Chunk> run;
  auto flush_run = [&] {
    if (run.empty()) return;
    Step send;
    send.kind = Step::Kind::send;
    if (!transform.chunking) {
      send.chunks = std::move(run);
    } else {
      std::string joined;
      for (const auto& chunk : run)
        joined += chunk.bytes;
      send.chunks = cut(joined, *transform.chunking, run_index);
    }
    ++run_index;
    run.clear();
    out.push_back(std::move(send));
  };
  for (const auto& step : steps) {
    if (step.kind == Step::Kind::send) {
      for (const auto& chunk : step.chunks) {
        run.push_back(chunk.raw ? chunk
                                : Chunk{convert_line_endings(chunk.bytes, transform.line_endings), false});
      }
      continue;
    }
    if (step.kind == Step::Kind::retry) {
      run.push_back(Chunk{
          convert_line_endings("retry: " + std::to_string(step.retry_ms) + "\n", transform.line_endings),
          false});
      continue;
    }
    flush_run();
    Step copy = step;
    if (copy.kind == Step::Kind::heartbeat)
      copy.comment = convert_line_endings(copy.comment, transform.line_endings);
    out.push_back(std::move(copy));
  }
  flush_run();
  return out;
}

} // namespace

bool parse_chunking(std::string_view text, std::optional<ssespec::Chunking>& out, std::string& error) {
  if (text == "as-written") {
    out.reset();
    return true;
  }
  std::string why;
  auto chunking = ssespec::Chunking::parse(text, &why);
  if (!chunking) {
    error = "chunking \"" + std::string(text) + "\": " + why + " (or as-written)";
    return false;
  }
  out = std::move(*chunking);
  return true;
}

Scenario apply_transform(const Scenario& scenario, const Transform& transform) {
  Scenario out = scenario;
  if (transform.identity()) return out;
  for (auto& connection : out.connections)
    connection.steps = transform_steps(connection.steps, transform);
  return out;
}

} // namespace ssespec::mock
