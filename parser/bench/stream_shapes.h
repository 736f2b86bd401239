// Event streams of known shapes, generated in memory, for the parser's benchmarks and for
// `ssespec bench`: both measure the very same bytes, and `ssespec bench --write` hands them to the
// peer parsers in other languages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ssespec::bench {

enum class Shape {
  small,     // "data: hello world\n\n", 19 bytes per event
  large,     // one 64 KiB line of ASCII data per event
  utf8,      // one 64 KiB line of mixed 2-, 3- and 4-byte UTF-8 per event
  crlf,      // small, with CRLF line endings
  cr,        // small, with CR line endings
  fields,    // id (changing every event) + event type + one data line per event
  multiline, // four data lines per event
};

struct ShapeInfo {
  Shape shape;
  std::string_view name;
  std::string_view description;
};

// Every shape, in a stable order.
std::span<const ShapeInfo> all_shapes();
std::optional<Shape> shape_from_name(std::string_view name);
std::string_view shape_name(Shape shape);

struct Stream {
  std::string bytes;
  std::uint64_t events = 0; // events the stream dispatches
};

// Whole events of `shape`, repeated until the stream is at least `min_size` bytes (at least one
// period of the shape). Deterministic: the same arguments give the same bytes.
Stream generate(Shape shape, std::size_t min_size);

} // namespace ssespec::bench
