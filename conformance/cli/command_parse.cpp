// `ssespec parse [FILE|-]`: a stream's events, retry values and comments as JSON lines, for people.
#include "commands.h"
#include "ssespec/parser.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

namespace ssespec::cli {
namespace {

class JsonLinePrinter : public EventHandler {
public:
  explicit JsonLinePrinter(std::ostream& out) : out_(out) {}
  bool on_event(const Event& event) override {
    write({{"type", event.type}, {"data", event.data}, {"lastEventId", event.last_event_id}});
    return true;
  }
  bool on_retry(std::uint64_t milliseconds) override {
    write({{"retry", milliseconds}});
    return true;
  }
  bool on_comment(std::string_view text) override {
    write({{"comment", text}});
    return true;
  }

private:
  void write(const nlohmann::json& line) { out_ << line.dump() << '\n'; }
  std::ostream& out_;
};

int parse_stream(std::istream& in, std::size_t chunk_size, const ParserLimits& limits) {
  JsonLinePrinter printer(std::cout);
  Parser parser(printer, limits);
  std::string buffer(chunk_size, '\0');
  ParseError error = ParseError::ok;
  while (error == ParseError::ok && in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    error = parser.feed(std::string_view(buffer.data(), got));
  }
  if (error == ParseError::ok) error = parser.finish();
  std::cout.flush();
  if (error != ParseError::ok) {
    std::cerr << "ssespec parse: " << parse_error_name(error) << " at byte " << parser.error_offset() << ": "
              << parse_error_message(error) << '\n';
    return 1;
  }
  return 0;
}

} // namespace

void add_parse_command(CLI::App& app, int& exit_code) {
  auto* command =
      app.add_subcommand("parse", "Print a stream's events, retry values and comments as JSON lines");
  struct Options {
    std::string file = "-";
    std::size_t chunk_size = 65536;
    ParserLimits limits;
  };
  auto options = std::make_shared<Options>();
  command->add_option("file", options->file, "The stream's bytes; - for standard input")
      ->capture_default_str();
  command->add_option("--chunk-size", options->chunk_size, "Bytes per feed (1 feeds byte by byte)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
      ->capture_default_str();
  command->add_option("--max-line", options->limits.max_line_length, "Longest line in bytes")
      ->capture_default_str();
  command->add_option("--max-event", options->limits.max_event_data, "Largest event data in bytes")
      ->capture_default_str();
  command->callback([&exit_code, options] {
    if (options->file == "-") {
      exit_code = parse_stream(std::cin, options->chunk_size, options->limits);
      return;
    }
    std::ifstream file(options->file, std::ios::binary);
    if (!file) {
      std::cerr << "ssespec parse: cannot open " << options->file << '\n';
      exit_code = 2;
      return;
    }
    exit_code = parse_stream(file, options->chunk_size, options->limits);
  });
}

} // namespace ssespec::cli
