// MeasureCoverage and the evaluation's readers: what they count, and what they refuse.
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "polytag/coverage.h"
#include "polytag/evaluation.h"
#include "test_util.h"

namespace polytag {
namespace {

using testing::MustParse;

const EntryCoverage& EntryOf(const CoverageReport& report, std::string_view category, std::string_view pattern) {
  for (const EntryCoverage& e : report.entries)
    if (e.category == category && e.pattern == pattern) return e;
  ADD_FAILURE() << "no entry " << pattern << " [" << category << "]";
  return report.entries.front();
}

int HitsOf(const CoverageReport& report, std::string_view category) {
  for (const CategoryCoverage& c : report.categories)
    if (c.category == category) return c.hits;
  return -1;
}

// Harm and criticism entries are cues of the risk side: each counts as itself, not as
// a risk entry with the same pattern.
TEST(CoverageTest, EveryStanceEntryThatMadeACueCountsByItself) {
  const Lexicon lex = MustParse(
      "@name cues\n@version 1\n@kind stance\n"
      "[risk]\nundermine\nsanction*\n"
      "[harm]\nundermine\nerode*\n"
      "[criticism]\ncritics say\n"
      "[opportunity]\nbreakthrough\n"
      "[negator]\nnot\n");
  const std::string corpus =
      "{\"id\": 1, \"text\": \"Critics say the deal will undermine the talks and erode trust.\"}\n"
      "{\"id\": 2, \"text\": \"A breakthrough that will not erode anything.\"}\n";
  absl::StatusOr<CoverageReport> report = MeasureCoverage(lex, corpus, "corpus.jsonl");
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->documents, 2);
  EXPECT_EQ(EntryOf(*report, "risk", "undermine").hits, 1);
  EXPECT_EQ(EntryOf(*report, "harm", "undermine").hits, 1);
  EXPECT_EQ(EntryOf(*report, "harm", "erode*").hits, 2);
  EXPECT_EQ(EntryOf(*report, "harm", "erode*").documents, 2);
  EXPECT_EQ(EntryOf(*report, "criticism", "critics say").hits, 1);
  EXPECT_EQ(EntryOf(*report, "criticism", "critics say").contexts.at(0).substr(0, 14), "[Critics say] ");
  EXPECT_EQ(EntryOf(*report, "opportunity", "breakthrough").hits, 1);
  EXPECT_EQ(EntryOf(*report, "risk", "sanction*").hits, 0);
  EXPECT_TRUE(EntryOf(*report, "harm", "erode*").measured);
  EXPECT_TRUE(EntryOf(*report, "criticism", "critics say").measured);
  EXPECT_FALSE(EntryOf(*report, "negator", "not").measured);
  EXPECT_EQ(HitsOf(*report, "harm"), 3);
  EXPECT_EQ(HitsOf(*report, "criticism"), 1);
  EXPECT_EQ(HitsOf(*report, "risk"), 1);
  const std::string text = CoverageToText(*report, 10);
  EXPECT_NE(text.find("entries that never fired (1):\n  sanction* [risk]\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace polytag
