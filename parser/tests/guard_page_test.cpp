// Every input placed so that it ends right before an unreadable page: a read past the end of the
// caller's bytes is a crash here, not a silent bug.
#include "event_log.h"

#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace ssespec::testing {
namespace {

class GuardedBuffer {
public:
  GuardedBuffer() {
    page_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    memory_ = static_cast<char*>(
        mmap(nullptr, 2 * page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (memory_ == MAP_FAILED) throw std::runtime_error("mmap failed");
    if (mprotect(memory_ + page_, page_, PROT_NONE) != 0) throw std::runtime_error("mprotect failed");
  }
  ~GuardedBuffer() { munmap(memory_, 2 * page_); }
  // A copy of `bytes` whose last byte is the last readable one.
  std::string_view place(std::string_view bytes) {
    char* start = memory_ + page_ - bytes.size();
    std::memcpy(start, bytes.data(), bytes.size());
    return {start, bytes.size()};
  }

private:
  std::size_t page_ = 0;
  char* memory_ = nullptr;
};

TEST(GuardPageTest, NoReadPastTheEndOfAnyFeed) {
  const std::string inputs[] = {
      "data: hello world\n\n",
      "data: a\r",
      "\xEF\xBB",
      "\xEF",
      "data: \xF0\x9F\x98",
      ":comment",
      "data: 0123456789abcdef0123456789abcdef",
      "id: 1\nretry: 12",
      "data",
      "\r",
      "\n",
      "data: \xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\n\n"};
  GuardedBuffer guard;
  for (const std::string& input : inputs) {
    // Every prefix and every suffix ends at the guard page.
    for (std::size_t size = 0; size <= input.size(); ++size) {
      EventLog log;
      Parser parser(log);
      parser.feed(guard.place(std::string_view(input).substr(0, size)));
      parser.feed(guard.place(std::string_view(input).substr(size)));
      parser.finish();
      EXPECT_EQ(log.lines, parse_whole(input).lines) << input;
    }
  }
}

TEST(GuardPageTest, ByteByByteFromTheLastReadableByte) {
  const std::string input = "\xEF\xBB\xBF"
                            "data: \xC3\xA9\r\n\r\nid: x\rdata: y\r\r";
  GuardedBuffer guard;
  EventLog log;
  Parser parser(log);
  for (const char c : input)
    parser.feed(guard.place(std::string_view(&c, 1)));
  parser.finish();
  EXPECT_EQ(log.lines, parse_whole(input).lines);
  EXPECT_EQ(log.lines.size(), 2u);
}

} // namespace
} // namespace ssespec::testing
