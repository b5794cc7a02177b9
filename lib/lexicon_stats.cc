#include "polytag/lexicon_stats.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "pattern.h"

namespace polytag {

LexiconStats ComputeLexiconStats(const Lexicon& lexicon) {
  LexiconStats stats;
  stats.all.category = "total";
  absl::flat_hash_map<std::string, size_t> index;
  for (const LexiconEntry& e : lexicon.entries()) {
    auto [it, inserted] = index.emplace(e.category, stats.categories.size());
    if (inserted) stats.categories.push_back({e.category, {}, 0, 0});
    CategoryStats& c = stats.categories[it->second];
    internal::AnalyzedPattern p;
    size_t offset;
    // Entries were validated when added, so analysis succeeds.
    (void)internal::AnalyzePattern(e.pattern, e.case_sensitive, &p, &offset);
    for (CategoryStats* s : {&c, &stats.all}) {
      ++s->by_kind[static_cast<int>(p.kind)];
      s->needs_support += e.needs_support;
      s->case_sensitive += e.case_sensitive;
    }
  }
  return stats;
}

std::string LexiconStatsToText(const LexiconStats& stats) {
  std::string out = absl::StrFormat("%-36s %7s %6s %7s %6s %7s %13s %4s\n", "category", "entries", "words", "phrases",
                                    "globs", "regexes", "needs-support", "case");
  auto row = [&out](const CategoryStats& c) {
    absl::StrAppendFormat(&out, "%-36s %7d %6d %7d %6d %7d %13d %4d\n", c.category, c.total(), c.by_kind[0],
                          c.by_kind[1], c.by_kind[2], c.by_kind[3], c.needs_support, c.case_sensitive);
  };
  for (const CategoryStats& c : stats.categories) row(c);
  row(stats.all);
  return out;
}

}  // namespace polytag
