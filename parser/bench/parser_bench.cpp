// Google Benchmark programs for the reference parser: whole streams of each shape in
// stream_shapes.h, fed in 64 KiB pieces (and in 1 KiB pieces and byte by byte), reporting bytes/s
// and events/s; and the two vector kernels (line-end scan, UTF-8 validation) on their own, each path
// beside its scalar fallback.
#include "cpu_features.h"
#include "line_scan.h"
#include "ssespec/parser.h"
#include "stream_shapes.h"
#include "utf8.h"

#include <benchmark/benchmark.h>
#include <string>

namespace ssespec::bench {
namespace {

constexpr std::size_t kStreamSize = std::size_t{100} << 20;

class CountingHandler : public EventHandler {
public:
  bool on_event(const Event& event) override {
    ++events;
    benchmark::DoNotOptimize(event.data.data());
    return true;
  }
  std::uint64_t events = 0;
};

// Parses the whole stream per iteration, fed `chunk` bytes at a time.
void parse_stream(benchmark::State& state, Shape shape, std::size_t size, std::size_t chunk) {
  const Stream stream = generate(shape, size);
  const std::string_view bytes = stream.bytes;
  std::uint64_t events = 0;
  for (auto _ : state) {
    CountingHandler handler;
    Parser parser(handler);
    for (std::size_t at = 0; at < bytes.size(); at += chunk)
      parser.feed(bytes.substr(at, chunk));
    parser.finish();
    if (handler.events != stream.events) {
      state.SkipWithError("the parser dispatched a different number of events than the stream holds");
      return;
    }
    events += handler.events;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void register_parse_benchmarks() {
  struct Case {
    const char* name;
    Shape shape;
    std::size_t size;
    std::size_t chunk;
  };
  const Case cases[] = {
      {"parse/small/64KiB", Shape::small, kStreamSize, 64 << 10},
      {"parse/large/64KiB", Shape::large, kStreamSize, 64 << 10},
      {"parse/utf8/64KiB", Shape::utf8, kStreamSize, 64 << 10},
      {"parse/crlf/64KiB", Shape::crlf, kStreamSize, 64 << 10},
      {"parse/cr/64KiB", Shape::cr, kStreamSize, 64 << 10},
      {"parse/fields/64KiB", Shape::fields, kStreamSize, 64 << 10},
      {"parse/multiline/64KiB", Shape::multiline, kStreamSize, 64 << 10},
      {"parse/small/1KiB", Shape::small, kStreamSize, 1 << 10},
      {"parse/large/1KiB", Shape::large, kStreamSize, 1 << 10},
      {"parse/small/byte_by_byte", Shape::small, std::size_t{4} << 20, 1},
      {"parse/utf8/byte_by_byte", Shape::utf8, std::size_t{4} << 20, 1},
  };
  for (const Case& c : cases) {
    benchmark::RegisterBenchmark(c.name, [c](benchmark::State& state) {
      parse_stream(state, c.shape, c.size, c.chunk);
    })->Unit(benchmark::kMillisecond);
  }
}

// One 64 KiB line of the shape, without its "data: " and line ends.
std::string long_line(Shape shape) {
  const Stream stream = generate(shape, 1);
  return stream.bytes.substr(6, stream.bytes.find('\n') - 6);
}

template <class Scan> void scan_kernel(benchmark::State& state, Scan scan) {
  const std::string line = long_line(Shape::large) + "\n";
  for (auto _ : state) {
    const line_scan::Found found = scan(line.data(), line.data() + line.size());
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * line.size()));
}

template <class Validate> void utf8_kernel(benchmark::State& state, Validate validate) {
  const std::string line = long_line(Shape::utf8);
  for (auto _ : state) {
    const bool valid = validate(line);
    if (!valid) {
      state.SkipWithError("a valid line was judged invalid");
      return;
    }
    benchmark::DoNotOptimize(valid);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * line.size()));
}

void register_kernel_benchmarks() {
  benchmark::RegisterBenchmark("line_scan/scalar/64KiB",
                               [](benchmark::State& s) { scan_kernel(s, line_scan::find_line_end_scalar); });
#if defined(__SSE2__)
  benchmark::RegisterBenchmark("line_scan/sse2/64KiB",
                               [](benchmark::State& s) { scan_kernel(s, line_scan::find_line_end_sse2); });
#endif
#if defined(SSESPEC_X86_SIMD)
  if (cpu::features.avx2) {
    benchmark::RegisterBenchmark("line_scan/avx2/64KiB",
                                 [](benchmark::State& s) { scan_kernel(s, line_scan::find_line_end_avx2); });
  }
#endif
  benchmark::RegisterBenchmark("utf8_validate/scalar/64KiB",
                               [](benchmark::State& s) { utf8_kernel(s, utf8::is_valid_scalar); });
#if defined(SSESPEC_X86_SIMD)
  if (cpu::features.ssse3) {
    benchmark::RegisterBenchmark("utf8_validate/ssse3/64KiB",
                                 [](benchmark::State& s) { utf8_kernel(s, utf8::is_valid_ssse3); });
  }
  if (cpu::features.avx2) {
    benchmark::RegisterBenchmark("utf8_validate/avx2/64KiB",
                                 [](benchmark::State& s) { utf8_kernel(s, utf8::is_valid_avx2); });
  }
#endif
}

} // namespace
} // namespace ssespec::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  ssespec::bench::register_parse_benchmarks();
  ssespec::bench::register_kernel_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
