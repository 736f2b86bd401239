#include "results.h"

#include "base64.h"
#include "compare.h"

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>

namespace ssespec {

namespace {

constexpr std::pair<Verdict, std::string_view> kVerdictNames[] = {{Verdict::pass, "pass"},
                                                                  {Verdict::fail, "fail"},
                                                                  {Verdict::error, "error"},
                                                                  {Verdict::skip, "skip"},
                                                                  {Verdict::not_run, "not-run"}};
constexpr std::pair<Grade, std::string_view> kGradeNames[] = {
    {Grade::ok, "OK"},          {Grade::failed, "FAIL"},
    {Grade::warning, "WARN"},   {Grade::informational, "INFO"},
    {Grade::errored, "ERROR"},  {Grade::skipped, "SKIP"},
    {Grade::not_run, "NOT-RUN"}};

template <typename T, std::size_t N>
std::string_view name_of(const std::pair<T, std::string_view> (&names)[N], T value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "?";
}

template <typename T, std::size_t N>
std::optional<T> value_of(const std::pair<T, std::string_view> (&names)[N], std::string_view name) {
  for (const auto& [v, n] : names) {
    if (n == name) return v;
  }
  return std::nullopt;
}

} // namespace

std::string_view verdict_name(Verdict verdict) {
  return name_of(kVerdictNames, verdict);
}
std::optional<Verdict> parse_verdict(std::string_view name) {
  return value_of(kVerdictNames, name);
}
std::string_view grade_name(Grade grade) {
  return name_of(kGradeNames, grade);
}
std::optional<Grade> parse_grade(std::string_view name) {
  return value_of(kGradeNames, name);
}

std::size_t ImplementationReport::count(Grade grade) const {
  return static_cast<std::size_t>(
      std::count_if(cases.begin(), cases.end(), [&](const CaseResult& c) { return c.grade == grade; }));
}

Grade grade_for(Verdict verdict, Level level, bool strict) {
  switch (verdict) {
  case Verdict::pass:
    return Grade::ok;
  case Verdict::skip:
    return Grade::skipped;
  case Verdict::error:
    return Grade::errored;
  case Verdict::not_run:
    return Grade::not_run;
  case Verdict::fail:
    break;
  }
  switch (level) {
  case Level::must:
    return Grade::failed;
  case Level::should:
    return strict ? Grade::failed : Grade::warning;
  case Level::implementation_defined:
    return Grade::informational;
  }
  return Grade::failed;
}

int exit_code_for(const RunReport& report) {
  if (report.interrupted) return 130;
  for (const ImplementationReport& implementation : report.implementations) {
    if (!implementation.hello || !implementation.abandoned.empty()) return 1;
    if (implementation.count(Grade::failed) > 0 || implementation.count(Grade::errored) > 0) return 1;
    if (implementation.count(Grade::not_run) > 0) return 1;
  }
  return 0;
}

FailureLimits FailureLimits::none() {
  constexpr std::size_t all = std::numeric_limits<std::size_t>::max();
  return {all, all, all, all, all};
}

namespace {

bool is_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// Keeps the first `limit` bytes of `text`, fewer (by at most 3) where that would split a UTF-8
// character; returns the full size. A new string, so a megabyte one's memory is given back.
std::size_t keep_start(std::string& text, std::size_t limit) {
  const std::size_t full = text.size();
  if (full <= limit) return full;
  std::size_t end = limit;
  for (int back = 0; back < 3 && end > 0 && is_continuation(text[end]); ++back)
    --end;
  text = text.substr(0, end);
  return full;
}

// The same for the last `limit` bytes.
std::size_t keep_end(std::string& text, std::size_t limit) {
  const std::size_t full = text.size();
  if (full <= limit) return full;
  std::size_t begin = full - limit;
  for (int ahead = 0; ahead < 3 && begin < full && is_continuation(text[begin]); ++ahead)
    ++begin;
  text = text.substr(begin);
  return full;
}

template <typename T> std::size_t keep_first(std::vector<T>& items, std::size_t limit) {
  const std::size_t full = items.size();
  if (full > limit) {
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(limit), items.end());
    items.shrink_to_fit();
  }
  return full;
}

void keep_text(std::string& text, std::size_t limit, std::string field, std::vector<CutText>& cut) {
  const std::size_t full = keep_start(text, limit);
  if (full > text.size()) cut.push_back({std::move(field), text.size(), full});
}

void keep_actual(VariantOutcome& outcome, const FailureLimits& limits) {
  protocol::Response& actual = *outcome.actual;
  outcome.events_total = keep_first(actual.events, limits.events);
  outcome.retry_total = keep_first(actual.retry, limits.events);
  for (std::size_t i = 0; i < actual.events.size(); ++i) {
    protocol::ObservedEvent& event = actual.events[i];
    const std::string at = "events[" + std::to_string(i) + "].";
    keep_text(event.type, limits.text_bytes, at + "type", outcome.actual_cut);
    keep_text(event.data, limits.text_bytes, at + "data", outcome.actual_cut);
    keep_text(event.last_event_id, limits.text_bytes, at + "lastEventId", outcome.actual_cut);
  }
  if (actual.comments) {
    outcome.comments_total = keep_first(*actual.comments, limits.events);
    for (std::size_t i = 0; i < actual.comments->size(); ++i)
      keep_text((*actual.comments)[i], limits.text_bytes, "comments[" + std::to_string(i) + "]",
                outcome.actual_cut);
  }
  if (actual.error) keep_text(*actual.error, limits.text_bytes, "error", outcome.actual_cut);
}

} // namespace

std::size_t kept_cut_count(const std::vector<std::size_t>& cuts, std::size_t input_size,
                           const FailureLimits& limits) {
  if (input_size <= limits.input_bytes) return cuts.size();
  return static_cast<std::size_t>(std::lower_bound(cuts.begin(), cuts.end(), limits.input_bytes) -
                                  cuts.begin());
}

void keep_failure(VariantOutcome& outcome, std::string_view input, const std::vector<std::size_t>& cuts,
                  const FailureLimits& limits) {
  outcome.input_bytes = input.size();
  outcome.input.assign(input.substr(0, std::min(input.size(), limits.input_bytes)));
  outcome.cuts_total = cuts.size();
  outcome.cuts.assign(cuts.begin(),
                      cuts.begin() + static_cast<std::ptrdiff_t>(kept_cut_count(cuts, input.size(), limits)));
  outcome.message_bytes = keep_start(outcome.message, limits.message_bytes);
  outcome.stderr_bytes = keep_end(outcome.diagnostics, limits.stderr_bytes);
  outcome.actual_cut.clear();
  if (outcome.actual) keep_actual(outcome, limits);
}

bool VariantOutcome::kept_in_part() const {
  return input_bytes > input.size() || cuts_total > cuts.size() || message_bytes > message.size() ||
         stderr_bytes > diagnostics.size() || !actual_cut.empty() ||
         (actual && (events_total > actual->events.size() || retry_total > actual->retry.size() ||
                     (actual->comments && comments_total > actual->comments->size())));
}

std::string part_of(std::size_t kept, std::size_t total, std::string_view unit, std::string_view which) {
  if (total <= kept) return {};
  return std::string(which) + " " + std::to_string(kept) + " of " + std::to_string(total) + " " +
         std::string(unit);
}

std::string describe_chunking(const VariantOutcome& failure) {
  const std::size_t cuts = failure.full_cuts();
  if (cuts == 0) return "whole, 1 chunk";
  if (cuts + 1 == failure.full_input_bytes())
    return "1 byte per chunk, " + std::to_string(cuts + 1) + " chunks";
  std::string out = "cut at ";
  const std::size_t shown = std::min<std::size_t>(failure.cuts.size(), 16);
  for (std::size_t i = 0; i < shown; ++i)
    out += (i ? ", " : "") + std::to_string(failure.cuts[i]);
  if (shown == 0) return std::to_string(cuts + 1) + " chunks, cut past the bytes kept";
  if (shown < cuts) out += ", ...";
  return out + " (" + std::to_string(cuts + 1) + " chunks)";
}

std::string kept_in_part_note(const VariantOutcome& failure, std::string_view case_id) {
  if (!failure.kept_in_part()) return {};
  std::vector<std::string> parts;
  const auto add = [&](std::string_view what, const std::string& part) {
    if (!part.empty()) parts.push_back(std::string(what) + " " + part);
  };
  std::string input = part_of(failure.input.size(), failure.input_bytes, "bytes");
  if (!input.empty() && failure.cuts_total > failure.cuts.size())
    input += ", " + std::to_string(failure.cuts.size()) + " of its " + std::to_string(failure.cuts_total) +
             " cuts inside them";
  add("input", input);
  add("message", part_of(failure.message.size(), failure.message_bytes, "bytes"));
  if (failure.actual) {
    add("actual", part_of(failure.actual->events.size(), failure.events_total, "events"));
    add("actual", part_of(failure.actual->retry.size(), failure.retry_total, "retry values"));
    if (failure.actual->comments)
      add("actual", part_of(failure.actual->comments->size(), failure.comments_total, "comments"));
  }
  // A few texts by name is enough to see the point; the JSON report lists them all.
  constexpr std::size_t kNamed = 4;
  for (std::size_t i = 0; i < failure.actual_cut.size() && i < kNamed; ++i) {
    const CutText& cut = failure.actual_cut[i];
    add("actual " + cut.field, part_of(cut.kept, cut.bytes, "bytes"));
  }
  if (failure.actual_cut.size() > kNamed)
    parts.push_back("actual " + std::to_string(failure.actual_cut.size() - kNamed) + " more texts likewise");
  add("stderr", part_of(failure.diagnostics.size(), failure.stderr_bytes, "bytes", "last"));
  std::string out = "kept in part:";
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i ? "; " : " ") + parts[i];
  return out + "; `ssespec repro " + std::string(case_id) + "` (with --impl or --adapter) runs it whole";
}

namespace {

using nlohmann::json;

json outcome_json(const Outcome& outcome) {
  json events = json::array();
  for (const ExpectedEvent& event : outcome.events) {
    events.push_back({{"type", event.type}, {"data", event.data}, {"lastEventId", event.last_event_id}});
  }
  json out = {{"events", std::move(events)}, {"retry", outcome.retry}};
  if (outcome.comments) out["comments"] = *outcome.comments;
  return out;
}

Outcome outcome_from(const json& in) {
  Outcome out;
  for (const json& event : in.at("events")) {
    out.events.push_back({event.at("type").get<std::string>(), event.at("data").get<std::string>(),
                          event.at("lastEventId").get<std::string>()});
  }
  out.retry = in.at("retry").get<std::vector<std::uint64_t>>();
  if (in.contains("comments")) out.comments = in.at("comments").get<std::vector<std::string>>();
  return out;
}

json case_json(const SpecCase& spec) {
  json out = {{"id", spec.id},
              {"area", spec.area},
              {"file", spec.file},
              {"level", level_name(spec.level)},
              {"description", spec.description},
              {"rule", {{"anchor", spec.rule_anchor}, {"quote", spec.rule_quote}}},
              {"input_base64", base64_encode(spec.input)},
              {"line_endings", spec.any_line_endings ? "any" : "fixed"},
              {"requires", spec.requires_caps},
              {"expect", outcome_json(spec.expect)}};
  json acceptable = json::array();
  for (const Outcome& outcome : spec.acceptable)
    acceptable.push_back(outcome_json(outcome));
  out["acceptable"] = std::move(acceptable);
  out["notes"] = spec.notes;
  return out;
}

std::string decode_base64_member(const json& in, const char* key) {
  std::string error;
  std::optional<std::string> bytes = base64_decode(in.at(key).get_ref<const std::string&>(), &error);
  if (!bytes) throw std::runtime_error(std::string(key) + ": " + error);
  return std::move(*bytes);
}

std::shared_ptr<const SpecCase> case_from(const json& in) {
  auto spec = std::make_shared<SpecCase>();
  spec->id = in.at("id").get<std::string>();
  spec->area = in.at("area").get<std::string>();
  spec->file = in.at("file").get<std::string>();
  const std::optional<Level> level = parse_level(in.at("level").get<std::string>());
  if (!level) throw std::runtime_error("case " + spec->id + ": unknown level");
  spec->level = *level;
  spec->description = in.at("description").get<std::string>();
  spec->rule_anchor = in.at("rule").at("anchor").get<std::string>();
  spec->rule_quote = in.at("rule").at("quote").get<std::string>();
  spec->input = decode_base64_member(in, "input_base64");
  spec->any_line_endings = in.at("line_endings").get<std::string>() == "any";
  spec->requires_caps = in.at("requires").get<std::vector<std::string>>();
  spec->expect = outcome_from(in.at("expect"));
  for (const json& outcome : in.at("acceptable"))
    spec->acceptable.push_back(outcome_from(outcome));
  spec->notes = in.at("notes").get<std::string>();
  return spec;
}

json result_json(const CaseResult& result) {
  json out = {{"id", result.spec->id},
              {"verdict", verdict_name(result.verdict)},
              {"grade", grade_name(result.grade)},
              {"variants", result.variants},
              {"failed", result.failed},
              {"errored", result.errored},
              {"not_run", result.not_run},
              {"matched", result.matched},
              {"skip_reason", result.skip_reason}};
  json failures = json::array();
  for (const VariantOutcome& failure : result.failures) {
    // Texts from an adapter are written as printable text: JSON cannot carry invalid UTF-8, and a
    // replacement made while writing would leave more kept than the full size says.
    const std::string message = printable_text(failure.message);
    const std::string diagnostics = printable_text(failure.diagnostics);
    json entry = {{"variant", failure.variant}, {"verdict", verdict_name(failure.verdict)},
                  {"message", message},         {"input_base64", base64_encode(failure.input)},
                  {"cuts", failure.cuts},       {"stderr", diagnostics}};
    // The full sizes beside what is kept of them (FailureLimits).
    entry["input_bytes"] = failure.full_input_bytes();
    entry["cuts_total"] = failure.full_cuts();
    entry["message_bytes"] = std::max(failure.message_bytes, message.size());
    entry["stderr_bytes"] = std::max(failure.stderr_bytes, diagnostics.size());
    // The protocol's own encoding, so the report shows exactly what the adapter said.
    if (failure.actual) {
      entry["actual"] = json::parse(protocol::encode_response(*failure.actual));
      entry["actual_events_total"] = std::max(failure.events_total, failure.actual->events.size());
      entry["actual_retry_total"] = std::max(failure.retry_total, failure.actual->retry.size());
      if (failure.actual->comments)
        entry["actual_comments_total"] = std::max(failure.comments_total, failure.actual->comments->size());
      json cut = json::array();
      for (const CutText& text : failure.actual_cut)
        cut.push_back({{"field", text.field}, {"kept", text.kept}, {"bytes", text.bytes}});
      entry["actual_cut"] = std::move(cut);
    }
    failures.push_back(std::move(entry));
  }
  out["failures"] = std::move(failures);
  return out;
}

// The full sizes of a kept failure. A report written before the limits has none: all was kept.
void read_full_sizes(const json& entry, VariantOutcome& failure, const std::string& id) {
  const auto size = [&](const char* key, std::size_t kept) {
    const std::size_t full = entry.value(key, kept);
    if (full < kept) {
      throw std::runtime_error("result for " + id + ": " + key + " " + std::to_string(full) +
                               " is less than the " + std::to_string(kept) + " kept");
    }
    return full;
  };
  failure.input_bytes = size("input_bytes", failure.input.size());
  failure.cuts_total = size("cuts_total", failure.cuts.size());
  failure.message_bytes = size("message_bytes", failure.message.size());
  failure.stderr_bytes = size("stderr_bytes", failure.diagnostics.size());
  if (!failure.actual) return;
  failure.events_total = size("actual_events_total", failure.actual->events.size());
  failure.retry_total = size("actual_retry_total", failure.actual->retry.size());
  if (failure.actual->comments)
    failure.comments_total = size("actual_comments_total", failure.actual->comments->size());
  if (!entry.contains("actual_cut")) return;
  for (const json& text : entry.at("actual_cut")) {
    CutText cut{text.at("field").get<std::string>(), text.at("kept").get<std::size_t>(),
                text.at("bytes").get<std::size_t>()};
    if (cut.bytes < cut.kept)
      throw std::runtime_error("result for " + id + ": actual_cut " + cut.field + ": bytes less than kept");
    failure.actual_cut.push_back(std::move(cut));
  }
}

CaseResult result_from(const json& in, const std::shared_ptr<const SpecCase>& spec) {
  CaseResult result;
  result.spec = spec;
  const auto verdict = parse_verdict(in.at("verdict").get<std::string>());
  const auto grade = parse_grade(in.at("grade").get<std::string>());
  if (!verdict || !grade) throw std::runtime_error("result for " + spec->id + ": unknown verdict or grade");
  result.verdict = *verdict;
  result.grade = *grade;
  result.variants = in.at("variants").get<std::size_t>();
  result.failed = in.at("failed").get<std::size_t>();
  result.errored = in.at("errored").get<std::size_t>();
  result.not_run = in.at("not_run").get<std::size_t>();
  result.matched = in.at("matched").get<std::string>();
  result.skip_reason = in.at("skip_reason").get<std::string>();
  for (const json& entry : in.at("failures")) {
    VariantOutcome failure;
    failure.variant = entry.at("variant").get<std::string>();
    const auto failure_verdict = parse_verdict(entry.at("verdict").get<std::string>());
    if (!failure_verdict) throw std::runtime_error("result for " + spec->id + ": unknown verdict");
    failure.verdict = *failure_verdict;
    failure.message = entry.at("message").get<std::string>();
    failure.input = decode_base64_member(entry, "input_base64");
    failure.cuts = entry.at("cuts").get<std::vector<std::size_t>>();
    failure.diagnostics = entry.at("stderr").get<std::string>();
    if (entry.contains("actual")) {
      protocol::Decoded<protocol::Response> actual = protocol::decode_response(entry.at("actual").dump());
      if (!actual.value) throw std::runtime_error("result for " + spec->id + ": actual: " + actual.error);
      failure.actual = std::move(actual.value);
    }
    read_full_sizes(entry, failure, spec->id);
    result.failures.push_back(std::move(failure));
  }
  return result;
}

} // namespace

json to_json(const RunReport& report) {
  const RunSettings& settings = report.settings;
  const ExpansionOptions& x = settings.expansion;
  json out = {{"format", kJsonReportFormat},
              {"tool", "ssespec"},
              {"version", SSESPEC_VERSION},
              {"started_at", report.started_at},
              {"corpus", report.corpus},
              {"fixture_files", report.fixture_files},
              {"interrupted", report.interrupted},
              {"settings",
               {{"strict", settings.strict},
                {"check_timing", settings.check_timing},
                {"every_split_max_bytes", x.every_split_max_bytes},
                {"byte_by_byte_max_bytes", x.byte_by_byte_max_bytes},
                {"random_chunkings", x.random_chunkings},
                {"seed", x.seed},
                {"line_ending_variants", x.line_ending_variants},
                {"failures_kept", settings.failures_kept},
                {"failure_limits",
                 {{"input_bytes", settings.failure_limits.input_bytes},
                  {"events", settings.failure_limits.events},
                  {"text_bytes", settings.failure_limits.text_bytes},
                  {"message_bytes", settings.failure_limits.message_bytes},
                  {"stderr_bytes", settings.failure_limits.stderr_bytes}}},
                {"max_timeouts", settings.max_timeouts},
                {"jobs", settings.jobs}}},
              {"exit_code", exit_code_for(report)}};
  json cases = json::array();
  for (const auto& spec : report.cases)
    cases.push_back(case_json(*spec));
  out["cases"] = std::move(cases);
  json implementations = json::array();
  for (const ImplementationReport& implementation : report.implementations) {
    json entry = {{"name", implementation.name},
                  {"origin", implementation.origin},
                  {"capabilities", implementation.capabilities},
                  {"start_error", implementation.start_error},
                  {"abandoned", implementation.abandoned},
                  {"interrupted", implementation.interrupted},
                  {"duration_ms", implementation.duration.count()},
                  {"variants_run", implementation.variants_run}};
    if (implementation.hello) entry["hello"] = json::parse(protocol::encode_hello(*implementation.hello));
    json totals = json::object();
    for (const Grade grade : kAllGrades)
      totals[std::string(grade_name(grade))] = implementation.count(grade);
    entry["totals"] = std::move(totals);
    json results = json::array();
    for (const CaseResult& result : implementation.cases)
      results.push_back(result_json(result));
    entry["results"] = std::move(results);
    implementations.push_back(std::move(entry));
  }
  out["implementations"] = std::move(implementations);
  return out;
}

std::optional<RunReport> run_report_from_json(const json& in, std::string& error) {
  try {
    if (!in.is_object() || in.value("tool", "") != "ssespec") {
      error = "not an ssespec JSON report";
      return std::nullopt;
    }
    if (in.at("format").get<int>() != kJsonReportFormat) {
      error = "report format " + in.at("format").dump() + ", but this ssespec reads format " +
              std::to_string(kJsonReportFormat);
      return std::nullopt;
    }
    RunReport report;
    report.started_at = in.at("started_at").get<std::string>();
    report.corpus = in.at("corpus").get<std::vector<std::string>>();
    report.fixture_files = in.at("fixture_files").get<std::size_t>();
    report.interrupted = in.at("interrupted").get<bool>();
    const json& settings = in.at("settings");
    report.settings.strict = settings.at("strict").get<bool>();
    report.settings.check_timing = settings.at("check_timing").get<bool>();
    report.settings.expansion.every_split_max_bytes = settings.at("every_split_max_bytes").get<std::size_t>();
    report.settings.expansion.byte_by_byte_max_bytes =
        settings.at("byte_by_byte_max_bytes").get<std::size_t>();
    report.settings.expansion.random_chunkings = settings.at("random_chunkings").get<std::size_t>();
    report.settings.expansion.seed = settings.at("seed").get<std::uint64_t>();
    report.settings.expansion.line_ending_variants = settings.at("line_ending_variants").get<bool>();
    report.settings.failures_kept = settings.at("failures_kept").get<std::size_t>();
    if (settings.contains("failure_limits")) {
      const json& limits = settings.at("failure_limits");
      FailureLimits& to = report.settings.failure_limits;
      to = {limits.at("input_bytes").get<std::size_t>(), limits.at("events").get<std::size_t>(),
            limits.at("text_bytes").get<std::size_t>(), limits.at("message_bytes").get<std::size_t>(),
            limits.at("stderr_bytes").get<std::size_t>()};
    } else {
      report.settings.failure_limits = FailureLimits::none(); // written before there were limits
    }
    report.settings.max_timeouts = settings.at("max_timeouts").get<std::size_t>();
    report.settings.jobs = settings.at("jobs").get<std::size_t>();
    std::map<std::string, std::shared_ptr<const SpecCase>> by_id;
    for (const json& entry : in.at("cases")) {
      report.cases.push_back(case_from(entry));
      by_id[report.cases.back()->id] = report.cases.back();
    }
    for (const json& entry : in.at("implementations")) {
      ImplementationReport implementation;
      implementation.name = entry.at("name").get<std::string>();
      implementation.origin = entry.at("origin").get<std::string>();
      implementation.capabilities = entry.at("capabilities").get<std::vector<std::string>>();
      implementation.start_error = entry.at("start_error").get<std::string>();
      implementation.abandoned = entry.at("abandoned").get<std::string>();
      implementation.interrupted = entry.at("interrupted").get<bool>();
      implementation.duration = std::chrono::milliseconds(entry.at("duration_ms").get<long long>());
      implementation.variants_run = entry.at("variants_run").get<std::size_t>();
      if (entry.contains("hello")) {
        // The hello as the implementation sent it: parser-level (ssespec-adapter/1) or client-level
        // (ssespec-client/1). Which protocol it speaks was checked when it was received.
        const json& hello = entry.at("hello");
        implementation.hello = protocol::Hello{
            hello.at("protocol").get<std::string>(), hello.at("name").get<std::string>(),
            hello.value("version", std::string()), hello.value("capabilities", std::vector<std::string>())};
      }
      for (const json& result : entry.at("results")) {
        const std::string id = result.at("id").get<std::string>();
        const auto spec = by_id.find(id);
        if (spec == by_id.end())
          throw std::runtime_error(implementation.name + ": result for unknown case " + id);
        implementation.cases.push_back(result_from(result, spec->second));
      }
      report.implementations.push_back(std::move(implementation));
    }
    return report;
  } catch (const std::exception& e) {
    error = std::string("not a well-formed ssespec JSON report: ") + e.what();
    return std::nullopt;
  }
}

} // namespace ssespec
