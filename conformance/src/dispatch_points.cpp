#include "dispatch_points.h"

namespace ssespec {

std::vector<std::size_t> dispatch_points(std::string_view input) {
  std::vector<std::size_t> points;
  std::size_t line_start = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  bool has_data = false;
  for (std::size_t i = line_start; i < input.size(); ++i) {
    const char c = input[i];
    if (c != '\r' && c != '\n') continue;
    const std::string_view line = input.substr(line_start, i - line_start);
    if (line.empty()) {
      if (has_data) points.push_back(i);
      has_data = false;
    } else if (line.substr(0, line.find(':')) == "data") {
      has_data = true;
    }
    if (c == '\r' && i + 1 < input.size() && input[i + 1] == '\n') ++i;
    line_start = i + 1;
  }
  return points;
}

} // namespace ssespec
