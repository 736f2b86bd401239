#include "case_stream.h"

namespace ssespec::mock {

std::optional<Scenario> scenario_for_case(const SpecCase& spec, LineEnding endings,
                                          const ssespec::Chunking& split, double pause_ms,
                                          std::string& error) {
  std::string input = spec.input;
  if (endings != LineEnding::lf) {
    if (!spec.any_line_endings) {
      error = "case " + spec.id + " has fixed line endings: it is served only as written (lf)";
      return std::nullopt;
    }
    input = convert_line_endings(input, endings);
  }
  std::string why;
  auto cuts = split.cuts(input, &why);
  if (!cuts) {
    error = "split " + split.to_string() + ": " + why;
    return std::nullopt;
  }
  if (pause_ms < 0 || pause_ms > kMaxStepMs) {
    error = "pause: expected 0 to " + std::to_string(static_cast<long>(kMaxStepMs)) + " ms";
    return std::nullopt;
  }
  Scenario scenario;
  scenario.name = "case";
  scenario.file = spec.file;
  scenario.description = spec.id + " split " + split.to_string() + ": " + spec.description;
  Connection connection;
  const auto pieces = split_at(input, *cuts);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].empty()) continue;
    if (i > 0 && pause_ms > 0) {
      Step pause;
      pause.kind = Step::Kind::sleep;
      pause.ms = pause_ms;
      connection.steps.push_back(pause);
    }
    Step send;
    send.kind = Step::Kind::send;
    send.chunks.push_back(Chunk{std::string(pieces[i]), true});
    connection.steps.push_back(std::move(send));
  }
  Step close;
  close.kind = Step::Kind::close;
  connection.steps.push_back(close);
  scenario.connections.push_back(std::move(connection));
  return scenario;
}

} // namespace ssespec::mock
