#include "client_report.h"

#include <ctime>
#include <map>

namespace ssespec::client {

namespace {

std::shared_ptr<const SpecCase> case_for(const mock::Scenario& scenario) {
  auto spec = std::make_shared<SpecCase>();
  spec->id = "clients/" + scenario.name;
  spec->area = "clients";
  spec->file = scenario.file;
  spec->description = scenario.description;
  spec->rule_anchor = "server-sent-events";
  spec->level = parse_level(scenario.client->level).value_or(Level::must);
  spec->requires_caps = scenario.client->requires_caps;
  spec->notes = "client scenario (docs/scenario-format.md)";
  return spec;
}

Verdict verdict_for(ClientVerdict verdict) {
  switch (verdict) {
  case ClientVerdict::pass:
    return Verdict::pass;
  case ClientVerdict::fail:
    return Verdict::fail;
  case ClientVerdict::error:
    return Verdict::error;
  case ClientVerdict::skip:
    return Verdict::skip;
  }
  return Verdict::error;
}

} // namespace

ImplementationReport client_implementation_report(const ClientRun& run, const ClientRunOptions& options,
                                                  const std::vector<mock::Scenario>& scenarios, bool strict) {
  ImplementationReport report;
  report.origin = options.adapter;
  if (run.hello) {
    report.name = run.hello->name;
    protocol::Hello hello;
    hello.protocol = run.hello->protocol;
    hello.name = run.hello->name;
    hello.version = run.hello->version;
    hello.capabilities = run.hello->capabilities;
    report.hello = hello;
    report.capabilities = run.hello->capabilities;
  } else {
    report.name = options.adapter;
  }
  report.start_error = run.server_error;
  std::map<std::string, const mock::Scenario*> by_name;
  for (const auto& scenario : scenarios)
    by_name[scenario.name] = &scenario;
  double total_ms = 0;
  for (const auto& result : run.results) {
    const auto it = by_name.find(result.scenario);
    if (it == by_name.end() || !it->second->client) continue;
    CaseResult item;
    item.spec = case_for(*it->second);
    item.verdict = verdict_for(result.verdict);
    item.grade = grade_for(item.verdict, item.spec->level, strict);
    item.variants = result.verdict == ClientVerdict::skip ? 0 : 1;
    item.failed = result.verdict == ClientVerdict::fail ? 1 : 0;
    item.errored = result.verdict == ClientVerdict::error ? 1 : 0;
    if (result.verdict == ClientVerdict::pass) item.matched = "expect";
    std::string message;
    for (const auto& problem : result.problems)
      message += (message.empty() ? "" : "; ") + problem;
    if (result.verdict == ClientVerdict::skip) item.skip_reason = message;
    if (result.verdict == ClientVerdict::fail || result.verdict == ClientVerdict::error) {
      VariantOutcome outcome;
      outcome.variant = "client";
      outcome.verdict = item.verdict;
      outcome.message = message;
      outcome.diagnostics = result.diagnostics;
      item.failures.push_back(std::move(outcome));
    }
    report.variants_run += item.variants;
    total_ms += result.duration_ms;
    report.cases.push_back(std::move(item));
  }
  report.duration = std::chrono::milliseconds(static_cast<long long>(total_ms));
  return report;
}

RunReport client_run_report(const ClientRun& run, const ClientRunOptions& options,
                            const std::vector<mock::Scenario>& scenarios, bool strict) {
  RunReport report;
  report.settings.strict = strict;
  report.corpus.push_back("mockserver/scenarios");
  auto implementation = client_implementation_report(run, options, scenarios, strict);
  for (const auto& item : implementation.cases)
    report.cases.push_back(item.spec);
  report.implementations.push_back(std::move(implementation));
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  report.started_at = text;
  return report;
}

} // namespace ssespec::client
