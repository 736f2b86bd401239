#include "expansion.h"

#include <algorithm>

namespace ssespec {

std::string_view line_ending_name(LineEnding ending) {
  switch (ending) {
  case LineEnding::lf:
    return "lf";
  case LineEnding::crlf:
    return "crlf";
  case LineEnding::cr:
    return "cr";
  }
  return "?";
}

std::optional<LineEnding> parse_line_ending(std::string_view name) {
  if (name == "lf") return LineEnding::lf;
  if (name == "crlf") return LineEnding::crlf;
  if (name == "cr") return LineEnding::cr;
  return std::nullopt;
}

std::vector<std::string> Variant::chunks() const {
  std::vector<std::string> out;
  out.reserve(chunk_count());
  for (const std::string_view piece : split_at(*input, cuts))
    out.emplace_back(piece);
  return out;
}

std::string Variant::name() const {
  return std::string(line_ending_name(line_ending)) + "/" + chunking.to_string();
}

std::string convert_line_endings(std::string_view input, LineEnding ending) {
  if (ending == LineEnding::lf) return std::string(input);
  std::string out;
  const auto lines = static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n'));
  out.reserve(input.size() + (ending == LineEnding::crlf ? lines : 0));
  for (const char c : input) {
    if (c != '\n') {
      out.push_back(c);
    } else if (ending == LineEnding::crlf) {
      out += "\r\n";
    } else {
      out.push_back('\r');
    }
  }
  return out;
}

namespace {

// A seed per case, line ending and chunking number: FNV-1a over the id, keyed by the run's seed.
std::uint64_t mix_seed(std::uint64_t seed, std::string_view id, LineEnding ending, std::size_t n) {
  std::uint64_t hash = 1469598103934665603ull ^ seed;
  for (const char c : id)
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  hash = (hash ^ static_cast<std::uint64_t>(ending)) * 1099511628211ull;
  hash = (hash ^ n) * 1099511628211ull;
  return hash >> 1; // kept below 2^63 so that every tool reading the textual form can hold it
}

} // namespace

std::optional<Variant> make_variant(const SpecCase& spec, LineEnding ending, const Chunking& chunking,
                                    std::string* error) {
  if (ending != LineEnding::lf && !spec.any_line_endings) {
    if (error)
      *error = "case " + spec.id + " runs with its line endings as written only (line_endings: fixed)";
    return std::nullopt;
  }
  auto input = std::make_shared<const std::string>(convert_line_endings(spec.input, ending));
  std::optional<std::vector<std::size_t>> cuts = chunking.cuts(*input, error);
  if (!cuts) return std::nullopt;
  return Variant{std::move(input), ending, chunking, std::move(*cuts)};
}

std::vector<Variant> expand_case(const SpecCase& spec, const ExpansionOptions& options) {
  std::vector<Variant> out;
  std::vector<LineEnding> endings = {LineEnding::lf};
  if (spec.any_line_endings && options.line_ending_variants) {
    endings.push_back(LineEnding::crlf);
    endings.push_back(LineEnding::cr);
  }
  for (const LineEnding ending : endings) {
    auto input = std::make_shared<const std::string>(convert_line_endings(spec.input, ending));
    const std::size_t size = input->size();
    const auto add = [&](const Chunking& chunking) {
      out.push_back({input, ending, chunking, *chunking.cuts(*input)});
    };
    add(Chunking::whole());
    if (size > 2 && size <= options.byte_by_byte_max_bytes) add(Chunking::bytes());
    if (size <= options.every_split_max_bytes) {
      for (std::size_t cut = 1; cut < size; ++cut)
        add(Chunking::at({cut}));
      continue;
    }
    // Cut counts grow 1, 2, 4, ... 128 and start again: a few long pieces through many short ones.
    for (std::size_t n = 0; n < options.random_chunkings; ++n) {
      add(Chunking::random(mix_seed(options.seed, spec.id, ending, n), std::size_t{1} << (n % 8)));
    }
  }
  return out;
}

} // namespace ssespec
