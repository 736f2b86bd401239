// A plain-socket HTTP client for tests: sends exact bytes, and keeps each recv() result apart so
// tests can see where the server's writes fell.
#pragma once

#include <string>
#include <vector>

namespace ssespec::mock::test {

class RawClient {
public:
  explicit RawClient(int port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send_all(const std::string& bytes);
  // One recv(); the bytes read (empty at end of stream or on error/timeout, see eof()).
  std::string read_once(int timeout_ms = 10000);
  // Reads until the peer closes (or timeout); returns everything, each recv() in `reads`.
  std::string read_to_end(int timeout_ms = 10000);
  // Reads until `needle` is in what was read so far.
  bool read_until(const std::string& needle, int timeout_ms = 10000);
  void close();

  const std::string& received() const { return received_; }
  const std::vector<std::string>& reads() const { return reads_; }
  bool eof() const { return eof_; }

private:
  int fd_ = -1;
  bool eof_ = false;
  std::string received_;
  std::vector<std::string> reads_;
};

// "GET /path HTTP/1.1" with Host and the given extra header lines (each ending in \r\n).
std::string http_get(const std::string& path, const std::string& extra_headers = "");

// Splits a raw HTTP/1.1 response into its head (through the blank line) and body.
struct RawResponse {
  std::string head;
  std::string body; // still chunk-encoded if the response was chunked
};
RawResponse split_response(const std::string& raw);

// Decodes a chunked body; `complete` says whether the terminating 0-size chunk was there.
std::string dechunk(const std::string& body, bool& complete);

} // namespace ssespec::mock::test
