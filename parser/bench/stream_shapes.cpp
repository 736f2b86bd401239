#include "stream_shapes.h"

#include <array>
#include <cstdio>

namespace ssespec::bench {
namespace {

constexpr std::array<ShapeInfo, 7> kShapes{{
    {Shape::small, "small", "data: hello world\\n\\n (19-byte events)"},
    {Shape::large, "large", "64 KiB ASCII data lines, one per event"},
    {Shape::utf8, "utf8", "64 KiB data lines of mixed 2/3/4-byte UTF-8, one per event"},
    {Shape::crlf, "crlf", "small events with CRLF line endings"},
    {Shape::cr, "cr", "small events with CR line endings"},
    {Shape::fields, "fields", "id (new every event) + event + data on every event"},
    {Shape::multiline, "multiline", "four data lines per event"},
}};

constexpr std::size_t kLongLine = 64 * 1024;

// One period of the shape: a few events that the stream repeats.
struct Period {
  std::string bytes;
  std::uint64_t events = 0;
};

std::string small_event(std::string_view eol) {
  std::string event = "data: hello world";
  event += eol;
  event += eol;
  return event;
}

std::string ascii_line() {
  std::string line = "data: ";
  for (std::size_t i = 0; i < kLongLine; ++i)
    line += static_cast<char>('a' + i % 26);
  return line + "\n\n";
}

// A fixed pseudo-random mix of é (2 bytes), € and 中 (3 bytes), 😀 and 𝄞 (4 bytes), with an
// occasional ASCII space, so the validator cannot settle into one pattern.
std::string utf8_line() {
  constexpr std::string_view kPieces[] = {
      "\xC3\xA9", "\xE2\x82\xAC", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xF0\x9D\x84\x9E", "\xD0\x96", " "};
  std::string line = "data: ";
  std::uint32_t state = 12345;
  std::size_t value = 0;
  while (value < kLongLine) {
    state = state * 1103515245u + 12345u;
    const std::string_view piece = kPieces[(state >> 16) % std::size(kPieces)];
    line += piece;
    value += piece.size();
  }
  return line + "\n\n";
}

// The id changes on every event, so the last event ID string really is updated each time.
Period fields_period() {
  constexpr std::uint64_t kEvents = 10000;
  Period period;
  char id[16];
  for (std::uint64_t i = 0; i < kEvents; ++i) {
    std::snprintf(id, sizeof id, "%06llu", static_cast<unsigned long long>(i));
    period.bytes += "id: ";
    period.bytes += id;
    period.bytes += "\nevent: update\ndata: hello world\n\n";
  }
  period.events = kEvents;
  return period;
}

Period period_of(Shape shape) {
  switch (shape) {
  case Shape::small:
    return {small_event("\n"), 1};
  case Shape::large:
    return {ascii_line(), 1};
  case Shape::utf8:
    return {utf8_line(), 1};
  case Shape::crlf:
    return {small_event("\r\n"), 1};
  case Shape::cr:
    return {small_event("\r"), 1};
  case Shape::fields:
    return fields_period();
  case Shape::multiline:
    return {"data: first line\ndata: second line\ndata: third line\ndata: fourth line\n\n", 1};
  }
  return {};
}

} // namespace

std::span<const ShapeInfo> all_shapes() {
  return kShapes;
}

std::optional<Shape> shape_from_name(std::string_view name) {
  for (const ShapeInfo& info : kShapes) {
    if (info.name == name) return info.shape;
  }
  return std::nullopt;
}

std::string_view shape_name(Shape shape) {
  for (const ShapeInfo& info : kShapes) {
    if (info.shape == shape) return info.name;
  }
  return "unknown";
}

Stream generate(Shape shape, std::size_t min_size) {
  const Period period = period_of(shape);
  const std::size_t periods =
      min_size <= period.bytes.size() ? 1 : (min_size + period.bytes.size() - 1) / period.bytes.size();
  Stream stream;
  stream.bytes.reserve(periods * period.bytes.size());
  for (std::size_t i = 0; i < periods; ++i)
    stream.bytes += period.bytes;
  stream.events = periods * period.events;
  return stream;
}

} // namespace ssespec::bench
