// differential_fuzzer: the reference parser, fed in the header's chunks, against the plain model of
// the spec in fuzz/model/ (written separately, sharing no code), fed the whole stream. They must
// agree exactly: every event (type, data, lastEventId), retry value and comment in order, and the
// last event ID string and reconnection time after finish(). Limits play no part here (the header's
// limit flags are ignored): the model has none, and an input this size never reaches the defaults.
#include "common/check.h"
#include "common/fuzz_input.h"
#include "common/stream_log.h"
#include "model/sse_model.h"
#include "ssespec/parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

using ssespec::fuzz::LogEntry;
using ssespec::model::ModelRecord;

LogEntry from_model(const ModelRecord& record) {
  LogEntry entry;
  switch (record.kind) {
  case ModelRecord::Kind::event:
    entry.kind = LogEntry::Kind::event;
    entry.type = record.type;
    entry.data = record.data;
    entry.last_event_id = record.last_event_id;
    break;
  case ModelRecord::Kind::retry:
    entry.kind = LogEntry::Kind::retry;
    entry.retry = record.retry;
    break;
  case ModelRecord::Kind::comment:
    entry.kind = LogEntry::Kind::comment;
    entry.data = record.comment;
    break;
  }
  return entry;
}

// Names the first difference, so a finding says what disagreed without a debugger.
void report_first_difference(const std::vector<LogEntry>& parser, const std::vector<LogEntry>& model) {
  std::size_t i = 0;
  while (i < parser.size() && i < model.size() && parser[i].same_content(model[i]))
    ++i;
  std::fprintf(stderr, "parser gave %zu outputs, model %zu; first difference at output %zu\n", parser.size(),
               model.size(), i);
  const auto show = [](const char* who, const std::vector<LogEntry>& log, std::size_t at) {
    if (at >= log.size()) {
      std::fprintf(stderr, "  %s: (none)\n", who);
      return;
    }
    const LogEntry& e = log[at];
    std::fprintf(stderr, "  %s: kind=%d type=\"%s\" data=\"%s\" lastEventId=\"%s\" retry=%llu\n", who,
                 static_cast<int>(e.kind), e.type.c_str(), e.data.c_str(), e.last_event_id.c_str(),
                 static_cast<unsigned long long>(e.retry));
  };
  show("parser", parser, i);
  show("model ", model, i);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ssespec::fuzz::FuzzInput input = ssespec::fuzz::read_fuzz_input(data, size);

  std::vector<LogEntry> parser_log;
  ssespec::fuzz::LogHandler handler(parser_log);
  ssespec::Parser parser(handler);
  ssespec::fuzz::for_each_chunk(input, [&](std::string_view chunk, std::size_t index) {
    handler.chunk = index;
    SSESPEC_FUZZ_CHECK(parser.feed(chunk) == ssespec::ParseError::ok, "parser failed without limits");
  });
  SSESPEC_FUZZ_CHECK(parser.finish() == ssespec::ParseError::ok, "parser failed at finish without limits");

  const ssespec::model::ModelResult model = ssespec::model::run_model(input.stream);
  std::vector<LogEntry> model_log;
  model_log.reserve(model.records.size());
  for (const ModelRecord& record : model.records)
    model_log.push_back(from_model(record));

  if (!ssespec::fuzz::same_content(parser_log, model_log)) report_first_difference(parser_log, model_log);
  SSESPEC_FUZZ_CHECK(ssespec::fuzz::same_content(parser_log, model_log),
                     "parser and model disagree on outputs");
  SSESPEC_FUZZ_CHECK(parser.last_event_id() == model.last_event_id,
                     "parser and model disagree on the last event ID string");
  SSESPEC_FUZZ_CHECK(parser.reconnection_time() == model.reconnection_time,
                     "parser and model disagree on the reconnection time");
  return 0;
}
