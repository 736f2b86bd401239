// No allocation per event on the steady path. This executable replaces the global operator new and
// delete with counting ones: after a warm-up that lets the parser's reused buffers grow, feeding
// thousands of further events must not allocate once, whatever the shape of the stream and the size
// of the pieces it arrives in.
#include "ssespec/parser.h"
#include "stream_shapes.h"

#include <atomic>
#include <cstdlib>
#include <gtest/gtest.h>
#include <new>
#include <string>

namespace {
std::atomic<std::uint64_t> allocations{0};

// Out of line, so that the compiler does not pair a free() it can see with an operator new it can
// see and warn of a mismatch: here both sides are malloc/free by design.
[[gnu::noinline]] void release(void* p) noexcept {
  std::free(p);
}
} // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return operator new(size);
}
void operator delete(void* p) noexcept {
  release(p);
}
void operator delete[](void* p) noexcept {
  release(p);
}
void operator delete(void* p, std::size_t) noexcept {
  release(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  release(p);
}

namespace ssespec {
namespace {

class CountingHandler : public EventHandler {
public:
  bool on_event(const Event& event) override {
    ++events;
    bytes += event.data.size() + event.type.size() + event.last_event_id.size();
    return true;
  }
  bool on_retry(std::uint64_t milliseconds) override {
    bytes += milliseconds;
    ++retries;
    return true;
  }
  bool on_comment(std::string_view text) override {
    bytes += text.size();
    ++comments;
    return true;
  }
  std::uint64_t events = 0;
  std::uint64_t retries = 0;
  std::uint64_t comments = 0;
  std::uint64_t bytes = 0;
};

// Feeds `stream` in pieces of `chunk` bytes and returns how many allocations happened.
std::uint64_t allocations_while_feeding(Parser& parser, std::string_view stream, std::size_t chunk) {
  const std::uint64_t before = allocations.load();
  for (std::size_t at = 0; at < stream.size(); at += chunk) {
    if (parser.feed(stream.substr(at, chunk)) != ParseError::ok) ADD_FAILURE() << "parse error";
  }
  return allocations.load() - before;
}

struct Stream {
  std::string name;
  std::string bytes;
};

std::vector<Stream> streams() {
  std::vector<Stream> all;
  for (const bench::ShapeInfo& info : bench::all_shapes()) {
    // Large shapes: a dozen 64 KiB events; small ones: about a megabyte.
    const std::size_t size =
        info.shape == bench::Shape::large || info.shape == bench::Shape::utf8 ? 12 * 65560 : 1 << 20;
    all.push_back({std::string(info.name), bench::generate(info.shape, size).bytes});
  }
  // What the shapes lack: comments, retry, invalid UTF-8 (decoded with replacement), ids with NUL,
  // unknown fields and events without data.
  using namespace std::string_literals;
  std::string mixed;
  for (int i = 0; i < 20000; ++i) {
    mixed += ": keep-alive\nretry: 1500\nid: a\0b\nfoo: bar\ndata: caf\xC3\n\nevent: empty\n\n"s;
    mixed += "data: \xF0\x9F\x98\x80 ok\ndata: bad \xE2\x82 end\nid: " + std::to_string(i % 7) + "\n\n";
  }
  all.push_back({"mixed", mixed});
  return all;
}

TEST(AllocationTest, NoAllocationPerEventOnTheSteadyPath) {
  for (const Stream& stream : streams()) {
    for (const std::size_t chunk : {std::size_t{65536}, std::size_t{1024}, std::size_t{7}, std::size_t{1}}) {
      CountingHandler handler;
      Parser parser(handler);
      // Warm-up: the first third of the stream lets every reused buffer reach its working size.
      const std::size_t third = stream.bytes.size() / 3;
      allocations_while_feeding(parser, std::string_view(stream.bytes).substr(0, third), chunk);
      const std::uint64_t events_before = handler.events;
      const std::uint64_t count =
          allocations_while_feeding(parser, std::string_view(stream.bytes).substr(third), chunk);
      EXPECT_EQ(count, 0u) << stream.name << " in pieces of " << chunk;
      // The steady part really carried events, or there was nothing to allocate for.
      EXPECT_GE(handler.events - events_before, 8u) << stream.name << " in pieces of " << chunk;
    }
  }
}

// The counter itself works: a test of "zero allocations" that could not see one would prove nothing.
TEST(AllocationTest, TheCounterSeesAllocations) {
  const std::uint64_t before = allocations.load();
  auto* text = new std::string(1000, 'x');
  delete text;
  EXPECT_GE(allocations.load() - before, 2u);
}

} // namespace
} // namespace ssespec
