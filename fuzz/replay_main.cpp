// The main a fuzz target links when it is not built with libFuzzer: it runs the target once on each
// input named on the command line, so every target builds with any compiler and its corpus replays
// as an ordinary test. A finding aborts inside the target, which fails the run.
//
//   <target>_fuzzer [--optional] PATH...
// Each PATH is a file or a directory (all regular files below it, in name order). A missing PATH is
// an error unless --optional comes before it. libFuzzer-style flags (-runs=N, ...) are ignored, so
// the usual reproduce command line also works here. Replaying no input at all is an error: an empty
// seed folder must not pass as a green test.
#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// The input being run, named when the target aborts or crashes so the failing file is known.
std::string current_input;

extern "C" void name_current_input(int signal) {
  static const char kPrefix[] = "replay: the input that failed: ";
  [[maybe_unused]] auto ignored = std::fwrite(kPrefix, 1, sizeof kPrefix - 1, stderr);
  ignored = std::fwrite(current_input.data(), 1, current_input.size(), stderr);
  ignored = std::fwrite("\n", 1, 1, stderr);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

bool read_file(const fs::path& path, std::vector<std::uint8_t>& out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  out.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return !file.bad();
}

// Adds the files at `path` to `files`; false with a message when it cannot be read.
bool collect(const fs::path& path, bool optional, std::vector<fs::path>& files) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) {
    if (optional) return true;
    std::fprintf(stderr, "replay: %s: no such file or directory\n", path.c_str());
    return false;
  }
  if (!fs::is_directory(status)) {
    files.push_back(path);
    return true;
  }
  std::vector<fs::path> found;
  for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error)) found.push_back(it->path());
  }
  if (error) {
    std::fprintf(stderr, "replay: %s: %s\n", path.c_str(), error.message().c_str());
    return false;
  }
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return true;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  bool optional = false;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--optional") {
      optional = true;
      continue;
    }
    if (!arg.empty() && arg[0] == '-') continue; // a libFuzzer flag: nothing to do without libFuzzer
    ok = collect(arg, optional, files) && ok;
    optional = false;
  }
  if (!ok) return 2;
  if (files.empty()) {
    std::fprintf(stderr, "replay: no inputs to replay (usage: %s [--optional] PATH...)\n", argv[0]);
    return 2;
  }
  for (const int signal : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
    std::signal(signal, name_current_input);
  std::vector<std::uint8_t> bytes;
  for (const fs::path& file : files) {
    if (!read_file(file, bytes)) {
      std::fprintf(stderr, "replay: %s: cannot read\n", file.c_str());
      return 2;
    }
    current_input = file.string();
    // A null pointer for an empty input, as libFuzzer may pass; the targets must cope.
    LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
  }
  std::printf("replay: %zu inputs ran clean\n", files.size());
  return 0;
}
