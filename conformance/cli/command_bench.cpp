// `ssespec bench [FILE] [--generate SHAPE] [--size 100M] [--chunk 64K]`: whole-process throughput of
// the reference parser on a file or a generated stream, and in the same run a memchr line-split
// loop over the same bytes (the floor any event-stream parser has to beat), with the ratio.
#include "commands.h"
#include "ssespec/parser.h"
#include "stream_shapes.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <time.h>

namespace ssespec::cli {
namespace {

// CPU time of this thread: on a machine shared with other work, time spent descheduled would
// otherwise count against whichever loop happened to be running.
double thread_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

class CountingHandler : public EventHandler {
public:
  bool on_event(const Event& event) override {
    ++events;
    data_bytes += event.data.size();
    return true;
  }
  std::uint64_t events = 0;
  std::uint64_t data_bytes = 0;
};

// The baseline: split on one byte with memchr, dispatch on blank lines, count events. A blank line
// is an empty one, or a lone CR when splitting CRLF text on LF. It does nothing else of the spec.
std::uint64_t memchr_baseline(const char* p, const char* end, char delimiter) {
  std::uint64_t events = 0;
  bool pending = false;
  while (p < end) {
    const auto* eol = static_cast<const char*>(std::memchr(p, delimiter, static_cast<std::size_t>(end - p)));
    if (eol == nullptr) break;
    const auto size = static_cast<std::size_t>(eol - p);
    if (size == 0 || (size == 1 && *p == '\r')) {
      events += pending ? 1 : 0;
      pending = false;
    } else {
      pending = true;
    }
    p = eol + 1;
  }
  return events;
}

struct RunResult {
  double seconds = 0;
  std::uint64_t events = 0;
};

RunResult run_parser(std::string_view bytes, std::size_t chunk, const ParserLimits& limits,
                     std::string& error) {
  CountingHandler handler;
  Parser parser(handler, limits);
  const double start = thread_seconds();
  for (std::size_t at = 0; at < bytes.size(); at += chunk) {
    const ParseError status = parser.feed(bytes.substr(at, chunk));
    if (status != ParseError::ok) break;
  }
  parser.finish();
  const double stop = thread_seconds();
  if (parser.error() != ParseError::ok) {
    std::ostringstream message;
    message << parse_error_name(parser.error()) << " at byte " << parser.error_offset() << ": "
            << parse_error_message(parser.error());
    error = message.str();
  }
  return {stop - start, handler.events};
}

RunResult run_baseline(std::string_view bytes, char delimiter) {
  const double start = thread_seconds();
  const std::uint64_t events = memchr_baseline(bytes.data(), bytes.data() + bytes.size(), delimiter);
  const double stop = thread_seconds();
  return {stop - start, events};
}

// "100M", "64K", "1G", "19": binary multiples. Returns nullopt for anything else.
std::optional<std::size_t> parse_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
    ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  std::size_t value = std::stoull(text.substr(0, digits));
  const std::string suffix = text.substr(digits);
  if (suffix == "K" || suffix == "k") {
    value <<= 10;
  } else if (suffix == "M" || suffix == "m") {
    value <<= 20;
  } else if (suffix == "G" || suffix == "g") {
    value <<= 30;
  } else if (!suffix.empty()) {
    return std::nullopt;
  }
  return value;
}

struct Options {
  std::string file;
  std::string shape;
  std::string size = "100M";
  std::string chunk = "64K";
  int repeat = 5;
  std::string write;
  bool json = false;
  ParserLimits limits;
};

int run_bench(const Options& options) {
  constexpr std::size_t kMaxSize = std::size_t{8} << 30;
  const auto size = parse_size(options.size);
  if (!size || *size == 0 || *size > kMaxSize) {
    std::cerr << "ssespec bench: --size " << options.size << " is not a size from 1 to 8G (e.g. 100M, 64K)\n";
    return 2;
  }
  const auto chunk = parse_size(options.chunk);
  if (!chunk || *chunk == 0 || *chunk > kMaxSize) {
    std::cerr << "ssespec bench: --chunk " << options.chunk << " is not a size from 1 to 8G (e.g. 64K, 1)\n";
    return 2;
  }
  if (options.file.empty() == options.shape.empty()) {
    std::cerr << "ssespec bench: give either a FILE or --generate SHAPE\n";
    return 2;
  }
  std::string bytes;
  std::string source;
  std::optional<std::uint64_t> expected_events;
  if (!options.shape.empty()) {
    const auto shape = bench::shape_from_name(options.shape);
    if (!shape) {
      std::cerr << "ssespec bench: unknown shape " << options.shape << "; shapes:";
      for (const auto& info : bench::all_shapes())
        std::cerr << ' ' << info.name;
      std::cerr << '\n';
      return 2;
    }
    bench::Stream stream = bench::generate(*shape, *size);
    bytes = std::move(stream.bytes);
    expected_events = stream.events;
    source = "generated " + options.shape;
  } else {
    std::ifstream in(options.file, std::ios::binary);
    if (!in) {
      std::cerr << "ssespec bench: cannot open " << options.file << '\n';
      return 2;
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
      std::cerr << "ssespec bench: cannot read " << options.file << '\n';
      return 2;
    }
    bytes = std::move(content).str();
    source = options.file;
  }
  if (!options.write.empty()) {
    std::ofstream out(options.write, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::cerr << "ssespec bench: cannot write " << options.write << '\n';
      return 2;
    }
    std::cout << "wrote " << bytes.size() << " bytes (" << source << ") to " << options.write << '\n';
    return 0;
  }
  if (bytes.empty()) {
    std::cerr << "ssespec bench: " << source << " is empty: nothing to measure\n";
    return 2;
  }

  // Lone-CR streams hold no LF at all; the baseline then splits on CR instead.
  const char delimiter = bytes.find('\n') == std::string::npos ? '\r' : '\n';
  RunResult parser_best;
  RunResult baseline_best;
  for (int round = 0; round < options.repeat; ++round) {
    std::string error;
    const RunResult parsed = run_parser(bytes, *chunk, options.limits, error);
    if (!error.empty()) {
      std::cerr << "ssespec bench: " << source << ": " << error << '\n';
      return 1;
    }
    const RunResult baseline = run_baseline(bytes, delimiter);
    if (round == 0 || parsed.seconds < parser_best.seconds) parser_best = parsed;
    if (round == 0 || baseline.seconds < baseline_best.seconds) baseline_best = baseline;
  }
  if (expected_events && parser_best.events != *expected_events) {
    std::cerr << "ssespec bench: the parser dispatched " << parser_best.events
              << " events where the generated " << options.shape << " stream has " << *expected_events
              << '\n';
    return 1;
  }
  const auto rate = [&](const RunResult& run) { return static_cast<double>(bytes.size()) / run.seconds; };
  const auto event_rate = [](const RunResult& run) { return static_cast<double>(run.events) / run.seconds; };
  // Ratio of throughputs over the same bytes; for equal event counts this is also the events/s ratio.
  const double ratio = baseline_best.seconds / parser_best.seconds;
  if (options.json) {
    nlohmann::json out = {{"source", source},
                          {"bytes", bytes.size()},
                          {"chunk", *chunk},
                          {"repeat", options.repeat},
                          {"ssespec",
                           {{"seconds", parser_best.seconds},
                            {"events", parser_best.events},
                            {"bytes_per_second", rate(parser_best)},
                            {"events_per_second", event_rate(parser_best)}}},
                          {"memchr_baseline",
                           {{"seconds", baseline_best.seconds},
                            {"events", baseline_best.events},
                            {"bytes_per_second", rate(baseline_best)},
                            {"events_per_second", event_rate(baseline_best)}}},
                          {"ratio", ratio}};
    if (!options.shape.empty()) out["shape"] = options.shape;
    std::cout << out.dump() << '\n';
    return 0;
  }
  std::cout << std::fixed;
  std::cout.precision(2);
  std::cout << "stream:   " << source << ", " << bytes.size() << " bytes ("
            << static_cast<double>(bytes.size()) / 1e6 << " MB), fed in chunks of " << *chunk
            << " bytes, best of " << options.repeat << " (thread CPU time)\n";
  const auto line = [&](std::string_view name, const RunResult& run) {
    std::cout << name << static_cast<double>(rate(run)) / 1e9 << " GB/s  " << event_rate(run) / 1e6
              << " M events/s  (" << run.events << " events in " << run.seconds * 1e3 << " ms)\n";
  };
  line("ssespec:  ", parser_best);
  line("memchr:   ", baseline_best);
  std::cout << "ratio:    " << ratio << "x of the memchr line-split baseline";
  if (baseline_best.events != parser_best.events) {
    std::cout << " (the baseline counted " << baseline_best.events
              << " events: it knows nothing of comments, CR or BOM)";
  }
  std::cout << '\n';
  return 0;
}

} // namespace

void add_bench_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "bench",
      "Measure the reference parser on a file or a generated stream against a memchr line-split baseline");
  auto options = std::make_shared<Options>();
  command->add_option("file", options->file, "A stream to measure (read whole into memory first)");
  std::string shapes;
  for (const auto& info : bench::all_shapes())
    shapes += "\n  " + std::string(info.name) + ": " + std::string(info.description);
  command->add_option("--generate", options->shape, "Generate a stream of this shape:" + shapes);
  command->add_option("--size", options->size, "Generated stream size (bytes, or with K, M, G)")
      ->capture_default_str();
  command->add_option("--chunk", options->chunk, "Bytes per feed() (1 feeds byte by byte)")
      ->capture_default_str();
  command->add_option("--repeat", options->repeat, "Repetitions; the best is reported")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command->add_option("--write", options->write, "Write the stream to this file instead of measuring");
  command->add_flag("--json", options->json, "One JSON object instead of the table");
  command->add_option("--max-line", options->limits.max_line_length, "Longest line in bytes")
      ->capture_default_str();
  command->add_option("--max-event", options->limits.max_event_data, "Largest event data in bytes")
      ->capture_default_str();
  command->callback([&exit_code, options] { exit_code = run_bench(*options); });
}

} // namespace ssespec::cli
