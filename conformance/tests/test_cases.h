// A spec case for report and runner tests: id "x/<name>" in area "x", expecting one "message" event
// with data "a".
#pragma once

#include "fixtures.h"

#include <memory>
#include <string>

namespace ssespec {

inline std::shared_ptr<const SpecCase> make_case(const std::string& name, Level level = Level::must,
                                                 std::string input = "data: a\n\n",
                                                 std::string description = "a <case> & more") {
  auto spec = std::make_shared<SpecCase>();
  spec->id = "x/" + name;
  spec->area = "x";
  spec->file = "x.json";
  spec->description = std::move(description);
  spec->rule_anchor = "dispatchMessage";
  spec->rule_quote = "quote";
  spec->level = level;
  spec->input = std::move(input);
  spec->expect.events.push_back({"message", "a", ""});
  return spec;
}

} // namespace ssespec
