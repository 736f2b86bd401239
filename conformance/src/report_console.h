// The console face of a run: a progress line while it runs (only on a terminal) and a summary of
// what failed, why, and the totals, for people.
#pragma once

#include "results.h"

#include <ostream>
#include <string>
#include <vector>

namespace ssespec {

struct ConsoleOptions {
  bool quiet = false;             // totals only, no per-case lines
  std::size_t variants_shown = 1; // failing variants shown per case
};

// What the run is made of: cases, files, and the expansion limits in force.
void print_plan(std::ostream& out, const RunReport& report);
// One implementation's failing, erroring and (unless quiet) warning and informational cases, then its totals.
void print_implementation(std::ostream& out, const ImplementationReport& implementation,
                          const ConsoleOptions& options);
// The closing verdict line.
void print_verdict(std::ostream& out, const RunReport& report);

// "\r  name  17/42 cases" on a terminal; erased with clear_progress().
void print_progress(std::ostream& out, const ImplementationReport& implementation, std::size_t done,
                    std::size_t total);
void clear_progress(std::ostream& out);

// Per area: passed / run by level, and skipped (skips and not-run cases count in neither).
struct AreaSummary {
  std::string area;
  std::size_t passed[3] = {0, 0, 0}; // indexed by Level
  std::size_t run[3] = {0, 0, 0};
  std::size_t skipped = 0;
};
std::vector<AreaSummary> summarize_areas(const ImplementationReport& implementation);

// A chunking for people: "cut at 7, 12 (3 chunks)", "1 byte per chunk", "whole".
std::string describe_cuts(const std::vector<std::size_t>& cuts, std::size_t input_size);

} // namespace ssespec
