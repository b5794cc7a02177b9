// How a lexicon pattern reads: its kind, and its words as the matcher sees them. Both
// Lexicon::AddEntry (to validate) and the matcher (to compile) go through here, so a
// pattern that validates is exactly one that compiles.
#ifndef POLYTAG_LIB_PATTERN_H_
#define POLYTAG_LIB_PATTERN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "polytag/lexicon.h"

namespace re2 { class RE2; }

namespace polytag::internal {

struct PatternWord {
  std::string folded;   // the word after folding; for a glob, the prefix; for a gap, "*{m,n}"
  std::string surface;  // the word as written (for case-sensitive entries)
  bool glob = false;    // a prefix glob: matches words that start with `folded`
  // A gap ("*" or "*{m,n}"): any gap_min to gap_max words, within the sentence and
  // clause. Never first or last, never two in a row, never in a case-sensitive entry.
  bool gap = false;
  uint8_t gap_min = 0;
  uint8_t gap_max = 0;
};

// The widest gap a pattern may have ("*{0,8}"): wider ones say little about how the
// words relate, and each word of gap multiplies the walk's work at that point.
constexpr int kMaxGapWords = 8;

struct AnalyzedPattern {
  PatternKind kind = PatternKind::kWord;
  std::vector<PatternWord> words;  // empty for regex
  std::string regex;               // the expression between the slashes
};

// Analyses `pattern`. On error, returns kInvalidArgument with a message and sets
// `*error_offset` to the byte offset within the pattern that the message is about.
absl::Status AnalyzePattern(std::string_view pattern, bool case_sensitive,
                            AnalyzedPattern* out, size_t* error_offset);

// Why Lexicon::AddEntry would refuse `entry` for `lexicon` (the reason without a place:
// kResourceExhausted when the lexicon is full, else kInvalidArgument), with
// `*pattern_offset` the byte of the pattern it is about (0 when the reason is not in
// the pattern); OK when it would take it. For callers that place the reason
// themselves: an importer, whose pattern is a rewrite of the text at the entry's
// column.
absl::Status CheckEntry(const Lexicon& lexicon, const LexiconEntry& entry, size_t* pattern_offset);

// RE2 options for regex entries: UTF-8, case-insensitive (the text they run on is
// folded), and a memory budget, so no entry can blow up the tagger's memory.
void SetRegexOptions(size_t max_mem, void* re2_options);

// The memory budget of one regex entry, in bytes.
constexpr size_t kRegexMaxMem = 8 << 20;

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_PATTERN_H_
