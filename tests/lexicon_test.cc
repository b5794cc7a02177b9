#include "polytag/lexicon.h"

#include <fstream>
#include <map>
#include <set>
#include <thread>
#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "test_util.h"
#include "weight_text.h"

namespace polytag {
namespace {

using testing::Entry;
using testing::MustParse;

constexpr char kGood[] =
    "\xEF\xBB\xBF# a comment\r\n"
    "@name desk\r\n"
    "@version 2.0\r\n"
    "@kind themes\r\n"
    "@description Our own themes.\r\n"
    "\r\n"
    "[arms_control]\r\n"
    "arms control          | weight=2\r\n"
    "warhead*\r\n"
    "/(icbm|slbm)s?/       | weight=1.5\r\n"
    "stockpile             | weight=0.5 needs-support\r\n"
    "[international_organizations]\r\n"
    "WHO                   | case\r\n";

TEST(LexiconTest, ParsesTheNativeFormat) {
  const Lexicon lex = MustParse(kGood, "desk.lexicon");
  EXPECT_EQ(lex.name(), "desk");
  EXPECT_EQ(lex.version(), "2.0");
  EXPECT_EQ(lex.kind(), LexiconKind::kThemes);
  EXPECT_EQ(lex.description(), "Our own themes.");
  ASSERT_EQ(lex.entries().size(), 5u);
  EXPECT_EQ(lex.entries()[0].pattern, "arms control");
  EXPECT_DOUBLE_EQ(lex.entries()[0].weight, 2.0);
  EXPECT_EQ(lex.entries()[0].line, 8);
  EXPECT_EQ(lex.entries()[2].pattern, "/(icbm|slbm)s?/");
  EXPECT_TRUE(lex.entries()[3].needs_support);
  EXPECT_DOUBLE_EQ(lex.entries()[3].weight, 0.5);
  EXPECT_TRUE(lex.entries()[4].case_sensitive);
  EXPECT_EQ(lex.Categories(), (std::vector<std::string>{"arms_control", "international_organizations"}));
}

TEST(LexiconTest, CrOnlyLineEndsWork) {
  std::string text = kGood;
  std::string cr;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') { cr += '\r'; ++i; } else cr += text[i];
  }
  EXPECT_EQ(MustParse(cr).entries().size(), 5u);
}

struct BadCase {
  const char* text;
  const char* error;  // the message must contain this
};

class LexiconErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(LexiconErrorTest, ReportsFileLineAndColumn) {
  absl::StatusOr<Lexicon> lex = Lexicon::Parse(GetParam().text, "bad.lexicon");
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(lex.status().message()).find(GetParam().error), std::string::npos)
      << lex.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LexiconErrorTest,
    ::testing::Values(
        BadCase{"@name x\n@version 1\n[a]\nword\n", "bad.lexicon:3:1: missing header(s): @kind"},
        BadCase{"@name x\n@version 1\n@kind topics\n", "bad.lexicon:3:7: @kind must be 'themes' or 'stance'"},
        BadCase{"@name x y\n", "bad.lexicon:1:8: a lexicon name may use"},
        BadCase{"@name x\n@version 1\n@kind themes\n@colour red\n", "bad.lexicon:4:1: unknown header '@colour'"},
        BadCase{"@name x\n@version 1\n@kind themes\nwar\n", "bad.lexicon:4:1: entry before any [category]"},
        BadCase{"@name x\n@version 1\n@kind themes\n[war\n", "bad.lexicon:4:5: a category is written [name]"},
        BadCase{"@name x\n@version 1\n@kind themes\n[war zone]\n", "bad.lexicon:4:2: bad theme id 'war zone'"},
        BadCase{"@name x\n@version 1\n@kind stance\n[danger]\n", "bad.lexicon:4:2: unknown stance category 'danger'"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\n  sanc*tion\n", "bad.lexicon:5:7: glob '*' may only end a word"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\n*\n", "bad.lexicon:5:1: a gap '*' must stand between two words"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\n* war\n", "bad.lexicon:5:1: a gap '*' must stand between two words, not first"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar *{0,2}\n", "bad.lexicon:5:5: a gap '*' must stand between two words, not last"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar * * zone\n", "bad.lexicon:5:7: two gaps in a row"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar *{2,1} zone\n", "bad.lexicon:5:5: a gap is written '*' (one word) or '*{m,n}'"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar *{0,9} zone\n", "bad.lexicon:5:5: a gap is written"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar *{1,2 zone\n", "bad.lexicon:5:5: a gap is written"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar *x zone\n", "bad.lexicon:5:5: glob '*' may only end a word"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nWar * Zone | case\n", "bad.lexicon:5:5: 'case' does not apply to entries with a gap"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar | weight=-1\n", "bad.lexicon:5:14: weight must be a number > 0"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar | loud\n", "bad.lexicon:5:7: unknown attribute 'loud'"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\n/(unclosed/\n", "bad.lexicon:5:2: RE2 rejects the regex"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\n/a*/\n", "matches the empty string"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\n/abc\n", "bad.lexicon:5:1: unterminated regex"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\n-- !!\n", "bad.lexicon:5:1: the pattern has no words"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\nwar\n\xC3(\n", "bad.lexicon:6:1: invalid UTF-8"},
        BadCase{"@name x\n@version 1\n@kind themes\n[t]\n", "the lexicon has no entries"},
        BadCase{"@name x\n@version 1\n@kind stance\n[hedge]\ncould | needs-support\n", "bad.lexicon:5:1: 'needs-support' applies to theme entries and to risk and opportunity cues only"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return "case" + std::to_string(info.index); });

TEST(LexiconTest, InvalidUtf8OffsetCountsTheByteOrderMark) {
  // The bad byte is at offset 11 of the file: 3 of the mark, 8 of "@name x\n".
  absl::StatusOr<Lexicon> lex = Lexicon::Parse("\xEF\xBB\xBF@name x\n\xC3(", "bom.lexicon");
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("bom.lexicon:2:1: invalid UTF-8 (byte offset 11 of the file)"),
            std::string::npos)
      << lex.status();
}

TEST(LexiconTest, PatternsOverTheLimitsAreErrors) {
  Lexicon lex("code", "1", LexiconKind::kThemes);
  LexiconEntry long_one;
  long_one.category = "t";
  long_one.pattern = std::string(kMaxPatternBytes + 1, 'a');
  absl::Status s = lex.AddEntry(long_one);
  EXPECT_NE(std::string(s.message()).find("over the limit of 1024"), std::string::npos) << s;
  LexiconEntry many_words;
  many_words.category = "t";
  for (size_t i = 0; i <= kMaxPatternWords; ++i) many_words.pattern += i == 0 ? "word" : " word";
  s = lex.AddEntry(many_words);
  EXPECT_NE(std::string(s.message()).find("33 words, over the limit of 32"), std::string::npos) << s;
  EXPECT_TRUE(lex.entries().empty());
}

TEST(LexiconTest, ReadFileNamesTheMissingPath) {
  absl::StatusOr<Lexicon> lex = Lexicon::ReadFile("/nonexistent/dir/x.lexicon");
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(lex.status().message()).find("/nonexistent/dir/x.lexicon"), std::string::npos);
}

TEST(LexiconTest, ReadFileOfADirectorySaysSo) {
  const std::string dir = ::testing::TempDir();
  absl::StatusOr<Lexicon> lex = Lexicon::ReadFile(dir);
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), absl::StatusCode::kInvalidArgument) << lex.status();
  EXPECT_EQ(std::string(lex.status().message()), dir + ": is a directory, not a lexicon file");
}

#ifndef _WIN32
// A shell hands a lexicon over as a pipe ("--lexicon <(generate)"): it cannot seek, so
// its size is unknown, and it is read to its end.
TEST(LexiconTest, ReadFileReadsAPipe) {
  const std::string fifo = ::testing::TempDir() + "/polytag-lexicon-fifo";
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&fifo] {
    std::ofstream out(fifo, std::ios::binary);
    out << "@name piped\n@version 1\n@kind themes\n\n[energy]\npipeline*\nliquefied natural gas\n";
  });
  absl::StatusOr<Lexicon> lex = Lexicon::ReadFile(fifo);
  writer.join();
  ::unlink(fifo.c_str());
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_EQ(lex->name(), "piped");
  EXPECT_EQ(lex->entries().size(), 2u);
}
#endif

TEST(LexiconTest, AddEntryValidatesAndKeepsNothingOnError) {
  Lexicon lex("code", "1", LexiconKind::kStance);
  LexiconEntry bad;
  bad.pattern = "danger";
  bad.category = "peril";
  EXPECT_FALSE(lex.AddEntry(bad).ok());
  LexiconEntry good;
  good.pattern = "danger*";
  good.category = "risk";
  EXPECT_TRUE(lex.AddEntry(good).ok());
  EXPECT_EQ(lex.entries().size(), 1u);
}

// A Lexicon holds only patterns that a lexicon file can hold, so that every one can be
// written out and read back as it is.
TEST(LexiconTest, AddEntryTakesOnlyPatternsALexiconFileCanHold) {
  Lexicon lex("code", "1", LexiconKind::kThemes);
  auto error = [&](const std::string& pattern) { return std::string(lex.AddEntry(Entry(pattern)).message()); };
  EXPECT_EQ(error("arms "), "<code>: entry 'arms ': white space at the start or end of a pattern: remove it");
  EXPECT_EQ(error("\tarms"), "<code>: entry '\tarms': white space at the start or end of a pattern: remove it");
  EXPECT_EQ(error("arms\ncontrol"), "<code>: entry 'arms\ncontrol': a pattern is one line: it may not hold a line break");
  EXPECT_EQ(error("arms\rcontrol"), "<code>: entry 'arms\rcontrol': a pattern is one line: it may not hold a line break");
  EXPECT_EQ(error("/a/b/"), "<code>: entry '/a/b/': a '/' inside a regex is written '\\/'");
  EXPECT_EQ(error("/x[/]y/"), "<code>: entry '/x[/]y/': a '/' inside a regex is written '\\/'");
  EXPECT_EQ(error("caf\xE9"), "<code>: entry 'caf\xE9': the pattern is not valid UTF-8");
  EXPECT_TRUE(lex.entries().empty());
  EXPECT_EQ(error("/a\\/b/"), "");
  EXPECT_EQ(error("/x[\\/]y/"), "");
  EXPECT_EQ(error("arms\tcontrol"), "");  // inside a pattern, a tab is white space like any other

  // With a place, the column points at the character.
  LexiconEntry placed = Entry("/a/b/");
  placed.line = 7;
  placed.column = 3;
  EXPECT_EQ(std::string(lex.AddEntry(placed).message()), "<code>:7:5: a '/' inside a regex is written '\\/'");
}

TEST(LexiconTest, FingerprintIsStableAndContentSensitive) {
  const Lexicon a = MustParse(kGood);
  const Lexicon b = MustParse(kGood, "other-name.lexicon");
  EXPECT_EQ(a.Fingerprint(), b.Fingerprint());  // the source path is not content
  EXPECT_EQ(a.Fingerprint().size(), 16u);
  std::string changed = kGood;
  changed.replace(changed.find("weight=2"), 8, "weight=3");
  EXPECT_NE(MustParse(changed).Fingerprint(), a.Fingerprint());
}

Lexicon OneWordPerWeight(const std::vector<double>& weights) {
  Lexicon lex("w", "1", LexiconKind::kThemes);
  for (double w : weights) EXPECT_TRUE(lex.AddEntry(Entry("war", "t", w)).ok()) << w;
  return lex;
}

TEST(LexiconTest, FingerprintTellsApartWeightsThatDifferPastNineDigits) {
  EXPECT_NE(OneWordPerWeight({0.1234567891}).Fingerprint(), OneWordPerWeight({0.123456789}).Fingerprint());
  EXPECT_NE(OneWordPerWeight({999.9999999999}).Fingerprint(), OneWordPerWeight({1000}).Fingerprint());
  // -0 is the default weight as much as 0 is.
  EXPECT_EQ(OneWordPerWeight({-0.0}).Fingerprint(), OneWordPerWeight({0}).Fingerprint());
}

// Outputs record fingerprints, so lexicons whose weights nine digits hold must keep the
// ones they had: this value was computed before weights were written exactly.
TEST(LexiconTest, FingerprintOfOrdinaryWeightsIsUnchanged) {
  EXPECT_EQ(OneWordPerWeight({0, 1, 0.5, 1.25, 0.75, 0.2, 0.3, 0.6, 2, 1000, 0.001, 0.0001, 1e-05, 123.456})
                .Fingerprint(),
            "3907d8ddd0da70db");
}

TEST(DefaultLexiconsTest, CoverEveryThemeOfTheTaxonomy) {
  const std::vector<Lexicon> defaults = DefaultLexicons();
  ASSERT_EQ(defaults.size(), 2u);
  EXPECT_EQ(defaults[0].kind(), LexiconKind::kThemes);
  EXPECT_EQ(defaults[1].kind(), LexiconKind::kStance);
  const std::set<std::string> expected = {
      "diplomacy", "armed_conflict", "defense_security", "arms_control", "terrorism", "cybersecurity",
      "election_interference", "intelligence", "trade_sanctions", "energy", "human_rights",
      "international_organizations", "great_power_competition", "domestic_politics",
      "governance_corruption", "economy", "health", "migration", "climate_environment", "crime_justice",
      "social_policy", "technology"};
  std::map<std::string, int> per_theme;
  for (const LexiconEntry& e : defaults[0].entries()) per_theme[e.category]++;
  std::set<std::string> got;
  for (const auto& [id, n] : per_theme) {
    got.insert(id);
    EXPECT_GE(n, 15) << id << " has too few entries to cover its theme";
  }
  EXPECT_EQ(got, expected);
  EXPECT_GE(defaults[0].entries().size(), 500u);
  std::map<std::string, int> roles;
  for (const LexiconEntry& e : defaults[1].entries()) roles[e.category]++;
  for (const char* role : {"risk", "opportunity", "negator", "hedge", "intensifier", "diminisher", "contrast", "concession"})
    EXPECT_GE(roles[role], 3) << role;
  EXPECT_GE(roles["risk"], 150);
  EXPECT_GE(roles["opportunity"], 150);
}

TEST(DefaultLexiconsTest, HaveNoDuplicateEntriesWithinACategory) {
  for (const Lexicon& lex : DefaultLexicons()) {
    std::set<std::pair<std::string, std::string>> seen;
    for (const LexiconEntry& e : lex.entries())
      EXPECT_TRUE(seen.insert({e.category, e.pattern}).second) << lex.name() << ": [" << e.category << "] " << e.pattern;
  }
}

// Outputs record the defaults' fingerprints: their weights must be spelled in the hash
// as they were when it used "%.9g".
TEST(DefaultLexiconsTest, WeightsAreHashedAsBefore) {
  for (const Lexicon& lex : DefaultLexicons())
    for (const LexiconEntry& e : lex.entries())
      EXPECT_EQ(internal::WeightText(e.weight), absl::StrFormat("%.9g", e.weight)) << lex.name() << ": " << e.pattern;
}

// A regex entry costs a pass of RE2 over every paragraph, about a tenth of tagging
// time, whatever else the lexicon holds: the defaults say what they need with words,
// globs and gaps, and this keeps it so.
TEST(DefaultLexiconsTest, HaveNoRegexEntries) {
  for (const Lexicon& lex : DefaultLexicons())
    for (const LexiconEntry& e : lex.entries())
      EXPECT_NE(e.pattern.front(), '/') << lex.name() << ": [" << e.category << "] " << e.pattern;
}

}  // namespace
}  // namespace polytag
