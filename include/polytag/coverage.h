// What a lexicon does on a corpus: how often each theme and each entry fired and in how
// many documents, which entries never fired, and the words around the frequent ones.
//
//   auto report = polytag::MeasureCoverage(lexicon, corpus_jsonl, "corpus.jsonl");
//   std::cout << polytag::CoverageToText(*report, 20);
#ifndef POLYTAG_COVERAGE_H_
#define POLYTAG_COVERAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polytag/export.h"
#include "polytag/lexicon.h"

namespace polytag {

struct CoverageOptions {
  int contexts_per_entry = 3;  // keyword-in-context samples kept for each entry
  int context_bytes = 40;      // of text on each side of a sample (cut at a code point)
};

struct EntryCoverage {
  size_t entry = 0;  // index into Lexicon::entries()
  std::string category;
  std::string pattern;
  int hits = 0;       // times it counted
  int documents = 0;  // documents in which it counted
  // False for stance modifiers (negator, hedge, ...), whose matches tagging does not
  // report one by one: their hits are not counted.
  bool measured = true;
  std::vector<std::string> contexts;  // "... words before [match] words after ..."
};

struct CategoryCoverage {
  std::string category;
  int hits = 0;
  int documents = 0;
};

struct CoverageReport {
  int documents = 0;  // tagged
  int failed = 0;     // records without a string "text", or that could not be tagged
  std::vector<CategoryCoverage> categories;  // most hits first, then by name
  std::vector<EntryCoverage> entries;        // in lexicon order
};

// Tags every {"id", "text"} line of `corpus_jsonl` with `lexicon` alone, counting a
// theme entry's hit whenever it counts (a theme threshold of zero, so weak themes show
// too) and a stance entry's (risk, opportunity, harm, criticism) whenever it made a
// cue, each entry by itself. Fails on a line that is not JSON, naming "source:line".
POLYTAG_EXPORT absl::StatusOr<CoverageReport> MeasureCoverage(const Lexicon& lexicon, std::string_view corpus_jsonl,
                                                              std::string_view source,
                                                              const CoverageOptions& options = CoverageOptions());

// The report for reading: categories, the `top` most frequent entries with their
// contexts, then every entry that never fired.
POLYTAG_EXPORT std::string CoverageToText(const CoverageReport& report, int top);

}  // namespace polytag

#endif  // POLYTAG_COVERAGE_H_
