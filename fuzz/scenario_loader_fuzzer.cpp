// scenario_loader_fuzzer: arbitrary bytes as the text of a mock server scenario file. The loader
// must never crash and never throw; whatever it refuses it reports, each error a message naming the
// file; whatever it accepts is a scenario it can serve.
#include "common/check.h"
#include "scenario_loader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "fuzz.json";
  ssespec::mock::ScenarioLoad load;
  ssespec::mock::load_scenario_text(text, "fuzz", file, load);
  for (const std::string& error : load.errors) {
    SSESPEC_FUZZ_CHECK(error.find(file) != std::string::npos, "a loader error does not name the file");
  }
  SSESPEC_FUZZ_CHECK(!load.errors.empty() || !load.scenarios.empty(), "neither a scenario nor an error");
  return 0;
}
