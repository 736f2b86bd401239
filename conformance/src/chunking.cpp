#include "chunking.h"

#include <algorithm>
#include <charconv>
#include <random>

namespace ssespec {
namespace {

bool parse_number(std::string_view text, std::uint64_t& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

void set(std::string* error, std::string message) {
  if (error) *error = std::move(message);
}

// Cut positions that tear something apart: between CR and LF, inside a leading BOM, and inside
// UTF-8 multi-byte sequences (before each continuation byte). These are where implementations break.
std::vector<std::size_t> tearing_points(std::string_view input) {
  std::vector<std::size_t> points;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(input[i]); };
  if (input.size() >= 3 && input.substr(0, 3) == "\xEF\xBB\xBF") {
    points.push_back(1);
    points.push_back(2);
  }
  for (std::size_t i = 1; i < input.size(); ++i) {
    const bool crlf = input[i - 1] == '\r' && input[i] == '\n';
    const bool continuation = (byte(i) & 0xC0) == 0x80 && byte(i - 1) >= 0x80;
    if ((crlf || continuation) && (points.empty() || points.back() < i)) points.push_back(i);
  }
  return points;
}

} // namespace

std::string Chunking::to_string() const {
  switch (kind) {
  case Kind::whole:
    return "whole";
  case Kind::bytes:
    return "bytes";
  case Kind::at: {
    std::string out = "at:";
    for (std::size_t i = 0; i < points.size(); ++i)
      out += (i ? "," : "") + std::to_string(points[i]);
    return out;
  }
  case Kind::random:
    return "random:" + std::to_string(seed) + ":" + std::to_string(count);
  }
  return "?";
}

std::optional<Chunking> Chunking::parse(std::string_view text, std::string* error) {
  if (text == "whole") return whole();
  if (text == "bytes") return bytes();
  if (text.substr(0, 3) == "at:") {
    std::vector<std::size_t> points;
    std::string_view rest = text.substr(3);
    while (true) {
      const std::size_t comma = rest.find(',');
      std::uint64_t value = 0;
      if (!parse_number(rest.substr(0, comma), value) || value == 0) {
        set(error, "\"" + std::string(text) + "\": each split point after at: must be a positive integer");
        return std::nullopt;
      }
      if (!points.empty() && value <= points.back()) {
        set(error, "\"" + std::string(text) + "\": split points must be strictly increasing");
        return std::nullopt;
      }
      points.push_back(static_cast<std::size_t>(value));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    return at(std::move(points));
  }
  if (text.substr(0, 7) == "random:") {
    const std::string_view rest = text.substr(7);
    const std::size_t colon = rest.find(':');
    std::uint64_t seed = 0, count = 0;
    if (colon == std::string_view::npos || !parse_number(rest.substr(0, colon), seed) ||
        !parse_number(rest.substr(colon + 1), count)) {
      set(error, "\"" + std::string(text) + "\": expected random:SEED:COUNT with two non-negative integers");
      return std::nullopt;
    }
    return random(seed, static_cast<std::size_t>(count));
  }
  set(error, "\"" + std::string(text) + "\" is not a chunking (whole, bytes, at:N,N,..., random:SEED:COUNT)");
  return std::nullopt;
}

std::optional<std::vector<std::size_t>> Chunking::cuts(std::string_view input, std::string* error) const {
  std::vector<std::size_t> out;
  switch (kind) {
  case Kind::whole:
    break;
  case Kind::bytes:
    if (input.size() > 1) {
      out.reserve(input.size() - 1);
      for (std::size_t i = 1; i < input.size(); ++i)
        out.push_back(i);
    }
    break;
  case Kind::at:
    if (!points.empty() && points.back() >= input.size()) {
      set(error, "split point " + std::to_string(points.back()) + " is not inside the " +
                     std::to_string(input.size()) + "-byte input");
      return std::nullopt;
    }
    out = points;
    break;
  case Kind::random:
    out = random_cuts(input, seed, count);
    break;
  }
  return out;
}

std::vector<std::size_t> random_cuts(std::string_view input, std::uint64_t seed, std::size_t count) {
  if (input.size() < 2) return {};
  const std::size_t positions = input.size() - 1; // cut points 1 .. size-1
  count = std::min(count, positions);
  const std::vector<std::size_t> tearing = tearing_points(input);
  // mt19937_64 and plain modulo, not std::uniform_int_distribution: the same cuts on every platform.
  std::mt19937_64 random(seed);
  std::vector<std::size_t> cuts;
  cuts.reserve(count);
  if (count * 4 > positions) {
    // Dense: shuffle all positions and keep a prefix (Fisher-Yates), no rejection loop.
    std::vector<std::size_t> all(positions);
    for (std::size_t i = 0; i < positions; ++i)
      all[i] = i + 1;
    for (std::size_t i = 0; i < count; ++i)
      std::swap(all[i], all[i + random() % (positions - i)]);
    cuts.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count));
  } else {
    // Sparse: at most count * 4 <= positions draws per point are expected; each draw either tears a
    // sequence (half the time, when there is one) or picks any position.
    std::vector<bool> taken(positions + 1, false);
    const auto take = [&](std::size_t cut) {
      if (taken[cut]) return false;
      taken[cut] = true;
      cuts.push_back(cut);
      return true;
    };
    while (cuts.size() < count) {
      const std::uint64_t draw = random();
      const std::size_t cut = (!tearing.empty() && (draw & 1))
                                  ? tearing[(draw >> 1) % tearing.size()]
                                  : 1 + static_cast<std::size_t>((draw >> 1) % positions);
      if (!take(cut) && !tearing.empty() && (draw & 1)) {
        // All tearing points may already be taken: fall back to a uniform point so this ends.
        take(1 + static_cast<std::size_t>(random() % positions));
      }
    }
  }
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

std::vector<std::string_view> split_at(std::string_view input, const std::vector<std::size_t>& cuts) {
  std::vector<std::string_view> pieces;
  pieces.reserve(cuts.size() + 1);
  std::size_t start = 0;
  for (const std::size_t cut : cuts) {
    pieces.push_back(input.substr(start, cut - start));
    start = cut;
  }
  pieces.push_back(input.substr(start));
  return pieces;
}

std::size_t chunk_holding(const std::vector<std::size_t>& cuts, std::size_t offset) {
  return static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), offset) - cuts.begin());
}

} // namespace ssespec
