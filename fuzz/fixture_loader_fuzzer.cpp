// fixture_loader_fuzzer: arbitrary bytes as the text of a fixture file. The loader must never crash
// and never throw; whatever it refuses it reports, each error a non-empty message naming the file;
// whatever it accepts is a case with an id.
#include "common/check.h"
#include "fixtures.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "fuzz.json";
  ssespec::LoadResult result;
  ssespec::load_fixture_text(text, file, result);
  for (const std::string& error : result.errors) {
    SSESPEC_FUZZ_CHECK(error.find(file) != std::string::npos, "a loader error does not name the file");
  }
  if (result.errors.empty()) {
    for (const ssespec::SpecCase& spec_case : result.cases) {
      SSESPEC_FUZZ_CHECK(!spec_case.id.empty(), "an accepted case has no id");
    }
  }
  return 0;
}
