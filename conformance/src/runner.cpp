#include "runner.h"

#include "compare.h"
#include "dispatch_points.h"
#include "interrupt.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace ssespec {

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point: linear enough for ids, and no recursion.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

namespace {

// The first outcome the response is: "expect", "acceptable[i]", or empty with the difference from
// `expect` in `message`.
std::string match_outcome(const SpecCase& spec, const protocol::Response& response, const Capabilities& caps,
                          std::string& message) {
  std::optional<std::string> diff = difference(spec.expect, response, caps);
  if (!diff) return "expect";
  for (std::size_t i = 0; i < spec.acceptable.size(); ++i) {
    if (!difference(spec.acceptable[i], response, caps)) return "acceptable[" + std::to_string(i) + "]";
  }
  message = *diff;
  if (!spec.acceptable.empty()) {
    message += " (nor any of the " + std::to_string(spec.acceptable.size()) + " acceptable outcomes)";
  }
  return {};
}

// Shared by the workers of one implementation: when to give up on it.
struct SharedState {
  std::atomic<std::size_t> timeouts{0};
  std::atomic<bool> abandoned{false};
  std::atomic<std::size_t> variants_run{0};
};

class CaseRunner {
public:
  CaseRunner(Implementation& implementation, const std::vector<std::string>& capabilities,
             const RunSettings& settings, SharedState& shared, bool keep_all)
      : implementation_(implementation), caps_(Capabilities::of(capabilities)), settings_(settings),
        shared_(shared), keep_all_(keep_all) {}

  CaseResult run(const std::shared_ptr<const SpecCase>& spec_pointer) {
    const SpecCase& spec = *spec_pointer;
    CaseResult result;
    result.spec = spec_pointer;
    for (const std::string& needed : spec.requires_caps) {
      if (!caps_.has(needed)) {
        result.verdict = Verdict::skip;
        result.skip_reason = "needs the \"" + needed + "\" capability";
        result.grade = Grade::skipped;
        return result;
      }
    }
    const std::vector<Variant> variants = expand_case(spec, settings_.expansion);
    std::map<const std::string*, std::vector<std::size_t>> points_by_input;
    std::string first_matching_variant;
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const Variant& variant = variants[v];
      if (shared_.abandoned || interrupted()) {
        result.not_run = variants.size() - v;
        break;
      }
      Exchange exchange =
          implementation_.run_chunks(spec.id + "/" + variant.name(), *variant.input, variant.cuts);
      if (!exchange.response && interrupted()) {
        result.not_run = variants.size() - v; // cut short by Ctrl-C: not the implementation's failure
        break;
      }
      ++result.variants;
      ++shared_.variants_run;
      VariantOutcome outcome;
      outcome.variant = variant.name();
      if (!exchange.response) {
        outcome.verdict = Verdict::error;
        outcome.message = exchange.failure;
      } else {
        judge(spec, variant, *exchange.response, points_by_input, result, first_matching_variant, outcome);
        if (outcome.verdict != Verdict::pass) outcome.actual = std::move(exchange.response);
      }
      if (outcome.verdict != Verdict::pass) {
        outcome.diagnostics = std::move(exchange.diagnostics);
        record(std::move(outcome), variant, result);
      }
      if (exchange.timed_out) {
        // One hang per case is enough to know; the rest of its variants would likely hang as well.
        result.not_run = variants.size() - v - 1;
        if (++shared_.timeouts >= settings_.max_timeouts) shared_.abandoned = true;
        break;
      }
    }
    if (result.errored > 0) {
      result.verdict = Verdict::error;
    } else if (result.failed > 0) {
      result.verdict = Verdict::fail;
    } else if (result.not_run > 0) {
      result.verdict = Verdict::not_run;
    } else {
      result.verdict = Verdict::pass;
    }
    result.grade = grade_for(result.verdict, result.spec->level, settings_.strict);
    return result;
  }

private:
  void judge(const SpecCase& spec, const Variant& variant, const protocol::Response& response,
             std::map<const std::string*, std::vector<std::size_t>>& points_by_input, CaseResult& result,
             std::string& first_matching_variant, VariantOutcome& outcome) {
    std::string message;
    const std::string matched = match_outcome(spec, response, caps_, message);
    if (matched.empty()) {
      outcome.verdict = Verdict::fail;
      outcome.message = std::move(message);
      return;
    }
    if (result.matched.empty()) {
      result.matched = matched;
      first_matching_variant = variant.name();
    } else if (result.matched != matched) {
      // Each outcome is allowed, but which one must not depend on how the bytes arrived.
      outcome.verdict = Verdict::fail;
      outcome.message = "the outcome depends on the chunking: " + matched + " here, but " + result.matched +
                        " in " + first_matching_variant;
      return;
    }
    if (!settings_.check_timing || !caps_.chunk_index || matched != "expect") return;
    auto found = points_by_input.find(variant.input.get());
    if (found == points_by_input.end()) {
      found = points_by_input.emplace(variant.input.get(), dispatch_points(*variant.input)).first;
    }
    if (std::optional<std::string> late = timing_difference(response, variant, found->second)) {
      outcome.verdict = Verdict::fail;
      outcome.message = std::move(*late);
    }
  }

  // Keeps the smallest failing chunkings: a reader starts from the simplest way to see the bug. A kept
  // failure stores no more than the settings' FailureLimits (repro, which serves the input, all of
  // it), so a case of megabytes run one byte per chunk costs kilobytes per kept failure, not its
  // input and millions of cuts.
  void record(VariantOutcome outcome, const Variant& variant, CaseResult& result) {
    (outcome.verdict == Verdict::error ? result.errored : result.failed) += 1;
    const FailureLimits limits = keep_all_ ? FailureLimits::none() : settings_.failure_limits;
    // Ordered by the number of cuts, then by the cuts a kept failure still has: the ones inside its
    // kept input (the new variant's are cut the same way, so the order is one order).
    const std::size_t count = variant.cuts.size();
    const auto first = variant.cuts.begin();
    const auto last =
        first + static_cast<std::ptrdiff_t>(kept_cut_count(variant.cuts, variant.input->size(), limits));
    auto& kept = result.failures;
    const auto position =
        std::upper_bound(kept.begin(), kept.end(), 0, [&](int, const VariantOutcome& other) {
          if (count != other.full_cuts()) return count < other.full_cuts();
          return std::lexicographical_compare(first, last, other.cuts.begin(), other.cuts.end());
        });
    if (!keep_all_ && position == kept.end() && kept.size() >= settings_.failures_kept) return;
    keep_failure(outcome, *variant.input, variant.cuts, limits);
    kept.insert(position, std::move(outcome));
    if (!keep_all_ && kept.size() > settings_.failures_kept) kept.pop_back();
  }

  Implementation& implementation_;
  Capabilities caps_;
  const RunSettings& settings_;
  SharedState& shared_;
  bool keep_all_;
};

} // namespace

CaseResult run_case(Implementation& implementation, const std::vector<std::string>& capabilities,
                    const std::shared_ptr<const SpecCase>& spec, const RunSettings& settings,
                    bool keep_all_failures) {
  SharedState shared;
  return CaseRunner(implementation, capabilities, settings, shared, keep_all_failures).run(spec);
}

ImplementationReport run_suite(const ImplementationSetup& setup,
                               const std::vector<std::shared_ptr<const SpecCase>>& cases,
                               const RunSettings& settings, const ProgressCallback& progress) {
  const auto started = std::chrono::steady_clock::now();
  ImplementationReport report;
  std::unique_ptr<Implementation> first = setup.make();
  report.origin = first->origin();
  report.hello = first->start();
  report.name = !setup.name.empty() ? setup.name : report.hello ? report.hello->name : report.origin;
  report.cases.resize(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i)
    report.cases[i].spec = cases[i];
  if (!report.hello) {
    report.start_error = first->start_error();
    return report;
  }
  report.capabilities = setup.capabilities ? *setup.capabilities : report.hello->capabilities;

  SharedState shared;
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex progress_mutex;
  const auto work = [&](Implementation& implementation) {
    CaseRunner runner(implementation, report.capabilities, settings, shared, false);
    while (true) {
      const std::size_t index = next++;
      if (index >= cases.size()) break;
      CaseResult result = runner.run(cases[index]);
      std::lock_guard<std::mutex> lock(progress_mutex);
      report.cases[index] = std::move(result);
      ++done;
      if (progress) progress(report, done, cases.size());
    }
  };
  const std::size_t workers = std::max<std::size_t>(1, std::min(settings.jobs, cases.size()));
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) {
    threads.emplace_back([&] {
      std::unique_ptr<Implementation> own = setup.make();
      work(*own);
    });
  }
  work(*first);
  for (std::thread& thread : threads)
    thread.join();

  // Cases no worker reached (Ctrl-C, or given up) stay "not run", each with its full count.
  for (CaseResult& result : report.cases) {
    if (result.verdict == Verdict::not_run && result.variants == 0 && result.not_run == 0) {
      result.not_run = expand_case(*result.spec, settings.expansion).size();
    }
  }
  report.variants_run = shared.variants_run;
  if (shared.abandoned)
    report.abandoned = "given up after " + std::to_string(shared.timeouts.load()) + " timeouts";
  report.interrupted = interrupted();
  report.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return report;
}

} // namespace ssespec
