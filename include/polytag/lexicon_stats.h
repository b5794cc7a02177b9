// Counting a lexicon's entries by category and by kind of pattern, to see at a glance
// what an imported dictionary holds.
#ifndef POLYTAG_LEXICON_STATS_H_
#define POLYTAG_LEXICON_STATS_H_

#include <array>
#include <string>
#include <vector>

#include "polytag/export.h"
#include "polytag/lexicon.h"

namespace polytag {

struct CategoryStats {
  std::string category;
  // Entries by PatternKind: words, phrases, globs, regexes.
  std::array<int, 4> by_kind{};
  int needs_support = 0;
  int case_sensitive = 0;
  int total() const { return by_kind[0] + by_kind[1] + by_kind[2] + by_kind[3]; }
};

struct LexiconStats {
  std::vector<CategoryStats> categories;  // in order of first appearance
  CategoryStats all;                      // category "total"
};

POLYTAG_EXPORT LexiconStats ComputeLexiconStats(const Lexicon& lexicon);

// A table: one row per category and a total row.
POLYTAG_EXPORT std::string LexiconStatsToText(const LexiconStats& stats);

}  // namespace polytag

#endif  // POLYTAG_LEXICON_STATS_H_
