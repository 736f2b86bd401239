#include "reports.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace ssespec {

bool write_json_report(const RunReport& report, const std::string& path, std::string& error) {
  // Implementations may answer with invalid UTF-8: replaced, never a throw that loses the report.
  return write_file_atomically(
      path, to_json(report).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", error);
}

bool write_file_atomically(const std::string& path, const std::string& text, std::string& error) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write " + path + ": " + std::strerror(errno);
      return false;
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      error = "cannot write " + path + ": " + std::strerror(errno);
      std::remove(temporary.c_str());
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

} // namespace ssespec
