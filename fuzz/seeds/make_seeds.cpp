// ssespec_fuzz_seeds: makes the fuzz targets' seed corpora from the spec fixtures, so the seeds are
// generated at build time rather than committed a second time.
//
//   ssespec_fuzz_seeds OUT_DIR FIXTURE.json... [--scenarios SCENARIO.json...]
// writes
//   OUT_DIR/stream/          each case's input behind a control header (fuzz/common/fuzz_input.h):
//                            fed whole; in mixed chunks; in mixed chunks under small limits
//   OUT_DIR/adapter_request/ each case as an adapter protocol request line, whole and in chunks
//   OUT_DIR/fixture/         each fixture file as it is
//   OUT_DIR/scenario/        each mock server scenario file as it is
// Repeat parts are cut to at most kMaxRepeatBytes so that seeds stay small (the fuzzer grows inputs
// itself, and small limits reach the long-line paths). Any unreadable fixture is an error naming the
// file and case; the exit code is then 1.
#include "adapter_protocol.h"
#include "common/fuzz_input.h"
#include "common/text_value.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kMaxRepeatBytes = 512;

// Control headers (fuzz/common/fuzz_input.h): flags, line limit, data limit, five chunk lengths.
constexpr unsigned char kWhole[ssespec::fuzz::kHeaderSize] = {0, 0, 0, 0, 0, 0, 0, 0};
constexpr unsigned char kMixedChunks[ssespec::fuzz::kHeaderSize] = {0, 0, 0, 1, 3, 0, 7, 2};
constexpr unsigned char kSmallLimits[ssespec::fuzz::kHeaderSize] = {
    ssespec::fuzz::kLimitLine | ssespec::fuzz::kLimitData | ssespec::fuzz::kReconnect,
    24,
    32,
    5,
    255,
    0,
    0,
    0};

bool write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream file(path, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    std::fprintf(stderr, "ssespec_fuzz_seeds: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

std::string with_header(const unsigned char (&header)[ssespec::fuzz::kHeaderSize], std::string_view stream) {
  std::string out(reinterpret_cast<const char*>(header), ssespec::fuzz::kHeaderSize);
  out += stream;
  return out;
}

// "line-endings/lone-cr" -> "line-endings__lone-cr": one flat folder per target, as libFuzzer wants.
std::string file_name(std::string id) {
  std::replace(id.begin(), id.end(), '/', '_');
  return id;
}

// Cuts `bytes` into pieces of 1, 2, 3, ... bytes, so requests exercise several chunks.
std::vector<std::string> growing_chunks(std::string_view bytes) {
  std::vector<std::string> chunks;
  for (std::size_t size = 1; !bytes.empty(); ++size) {
    const std::size_t take = std::min(size, bytes.size());
    chunks.emplace_back(bytes.substr(0, take));
    bytes.remove_prefix(take);
  }
  return chunks;
}

bool copy_into(const fs::path& from, const fs::path& folder) {
  std::ifstream in(from, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "ssespec_fuzz_seeds: %s: cannot read\n", from.c_str());
    return false;
  }
  return write_file(folder / from.filename(),
                    std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
}

bool seed_file(const fs::path& fixture, const fs::path& out, std::size_t& cases) {
  std::ifstream in(fixture, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "ssespec_fuzz_seeds: %s: cannot read\n", fixture.c_str());
    return false;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object() || !document.contains("cases") ||
      !document["cases"].is_array()) {
    std::fprintf(stderr, "ssespec_fuzz_seeds: %s: not a fixture file (JSON object with \"cases\")\n",
                 fixture.c_str());
    return false;
  }
  bool ok = write_file(out / "fixture" / fixture.filename(), text);
  for (const json& entry : document["cases"]) {
    const std::string id = entry.is_object() && entry.contains("id") && entry["id"].is_string()
                               ? entry["id"].get<std::string>()
                               : "";
    if (id.empty() || !entry.contains("input")) {
      std::fprintf(stderr, "ssespec_fuzz_seeds: %s: a case without \"id\" or \"input\"\n", fixture.c_str());
      ok = false;
      continue;
    }
    std::string error;
    const std::optional<std::string> input =
        ssespec::fuzz::text_value(entry["input"], error, kMaxRepeatBytes);
    if (!input) {
      std::fprintf(stderr, "ssespec_fuzz_seeds: %s: case %s: input: %s\n", fixture.c_str(), id.c_str(),
                   error.c_str());
      ok = false;
      continue;
    }
    const std::string name = file_name(id);
    ok = write_file(out / "stream" / (name + ".whole"), with_header(kWhole, *input)) && ok;
    ok = write_file(out / "stream" / (name + ".chunks"), with_header(kMixedChunks, *input)) && ok;
    ok = write_file(out / "stream" / (name + ".limits"), with_header(kSmallLimits, *input)) && ok;
    ok = write_file(out / "adapter_request" / (name + ".whole"),
                    ssespec::protocol::encode_request({id, {*input}})) &&
         ok;
    ok = write_file(out / "adapter_request" / (name + ".chunks"),
                    ssespec::protocol::encode_request({id, growing_chunks(*input)})) &&
         ok;
    ++cases;
  }
  return ok;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: ssespec_fuzz_seeds OUT_DIR FIXTURE.json... [--scenarios SCENARIO.json...]\n");
    return 2;
  }
  const fs::path out = argv[1];
  for (const char* folder : {"stream", "adapter_request", "fixture", "scenario"}) {
    std::error_code error;
    fs::create_directories(out / folder, error);
    if (error) {
      std::fprintf(stderr, "ssespec_fuzz_seeds: cannot create %s: %s\n", (out / folder).c_str(),
                   error.message().c_str());
      return 1;
    }
  }
  bool ok = true;
  std::size_t cases = 0;
  int fixtures = 0;
  int scenarios = 0;
  bool in_scenarios = false;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--scenarios") {
      in_scenarios = true;
    } else if (in_scenarios) {
      ok = copy_into(arg, out / "scenario") && ok;
      ++scenarios;
    } else {
      ok = seed_file(arg, out, cases) && ok;
      ++fixtures;
    }
  }
  std::printf("ssespec_fuzz_seeds: %zu cases from %d fixture files, %d scenarios, into %s\n", cases, fixtures,
              scenarios, out.c_str());
  return ok ? 0 : 1;
}
