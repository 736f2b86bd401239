#include "line_reader.h"

namespace ssespec {

LineStatus read_line(std::istream& in, std::string& line, std::size_t max_size) {
  line.clear();
  bool too_long = false;
  bool any = false;
  std::streambuf* buffer = in.rdbuf();
  while (true) {
    const int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      if (!any) return LineStatus::end_of_input;
      break;
    }
    any = true;
    if (c == '\n') break;
    if (too_long) continue;
    if (line.size() >= max_size) {
      too_long = true;
      line.clear();
      line.shrink_to_fit();
      continue;
    }
    line.push_back(static_cast<char>(c));
  }
  if (too_long) return LineStatus::too_long;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return LineStatus::ok;
}

} // namespace ssespec
