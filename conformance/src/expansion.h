// Multiplies a spec case over the ways a stream can arrive: line-ending variants (where the case
// allows them) times chunkings (chunking.h). Variants share one copy of the input per line-ending
// variant and hold only cut points.
#pragma once

#include "chunking.h"
#include "fixtures.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ssespec {

// Every limit on the expansion is explicit; the run's summary reports the ones in force.
struct ExpansionOptions {
  // Inputs of at most this many bytes run split at every single point ...
  std::size_t every_split_max_bytes = 256;
  // ... longer ones in this many seeded random chunkings, biased to tear CRLF, BOM and UTF-8.
  std::size_t random_chunkings = 16;
  // One byte per chunk for inputs of at most this many bytes (all of the corpus by default).
  std::size_t byte_by_byte_max_bytes = std::size_t{8} << 20;
  std::uint64_t seed = 1;
  // Also run the CRLF and CR variants of cases with line_endings "any".
  bool line_ending_variants = true;
};

enum class LineEnding { lf, crlf, cr };
std::string_view line_ending_name(LineEnding ending); // "lf", "crlf", "cr"
std::optional<LineEnding> parse_line_ending(std::string_view name);

// One stream in one chunking.
struct Variant {
  std::shared_ptr<const std::string> input;
  LineEnding line_ending = LineEnding::lf;
  Chunking chunking;
  std::vector<std::size_t> cuts; // chunking.cuts(*input)

  std::size_t chunk_count() const { return cuts.size() + 1; }
  std::vector<std::string> chunks() const;
  // "crlf/at:7": the variant's part of a test name, and what `ssespec repro` accepts.
  std::string name() const;
};

// The input with every LF replaced by CRLF or CR (as written for lf).
std::string convert_line_endings(std::string_view input, LineEnding ending);

// A variant of `spec` for one line ending and chunking; nullopt with `error` for a chunking that
// does not fit the input.
std::optional<Variant> make_variant(const SpecCase& spec, LineEnding ending, const Chunking& chunking,
                                    std::string* error = nullptr);

// All variants of a case, in a fixed order: line endings (lf, crlf, cr), then whole, bytes, at:N
// for every N, random chunkings. The same options always give the same variants, and adding a case
// never changes another case's random chunkings.
std::vector<Variant> expand_case(const SpecCase& spec, const ExpansionOptions& options);

} // namespace ssespec
