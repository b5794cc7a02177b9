// Importers, the native writer, lexicon review (check, stats), coverage, evaluation and
// the composition of several theme lexicons.
#include <filesystem>
#include <map>

#include "gtest/gtest.h"
#include "polytag/coverage.h"
#include "polytag/evaluation.h"
#include "polytag/importer.h"
#include "polytag/lexicon_check.h"
#include "polytag/lexicon_stats.h"
#include "polytag/lexicon_writer.h"
#include "test_util.h"

namespace polytag {
namespace {

using ::polytag::testing::Entry;
using ::polytag::testing::MustCreate;
using ::polytag::testing::MustParse;
using ::polytag::testing::MustTag;
using ::polytag::testing::ReadTestFile;

std::string Fixture(const std::string& name) { return std::string(POLYTAG_TEST_DATA_DIR) + "/lexicons/" + name; }

Lexicon MustImport(const std::string& name, const ImportOptions& options = ImportOptions()) {
  absl::StatusOr<Lexicon> lex = ImportFile(Fixture(name), options);
  EXPECT_TRUE(lex.ok()) << lex.status();
  return lex.ok() ? *std::move(lex) : Lexicon("broken", "0", LexiconKind::kThemes);
}

// "category|pattern|weight|line" for each entry, for compact comparisons.
std::vector<std::string> Rows(const Lexicon& lex) {
  std::vector<std::string> out;
  for (const LexiconEntry& e : lex.entries())
    out.push_back(e.category + "|" + e.pattern + "|" + std::to_string(static_cast<int>(e.weight)) + "|" +
                  std::to_string(e.line));
  return out;
}

std::vector<std::string> ThemeIds(const DocumentTags& tags) {
  std::vector<std::string> out;
  for (const DocumentTheme& t : tags.themes) out.emplace_back(t.id);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ImportTest, LiwcWithCarriageReturnLines) {
  const Lexicon lex = MustImport("security.dic");
  EXPECT_EQ(lex.name(), "security");
  EXPECT_EQ(lex.kind(), LexiconKind::kThemes);
  EXPECT_EQ(Rows(lex), (std::vector<std::string>{
                           "security.threat|missile*|0|6", "security.threat|blockade|0|7", "markets|blockade|0|7",
                           "security.cooperation|treaty|0|8", "security.cooperation|joint patrol*|0|9",
                           "markets|tariff*|0|10", "security.threat|safe|0|11", "security.cooperation|safe|0|11"}));
}

TEST(ImportTest, WordStatNestedCategoriesAndPhrases) {
  const Lexicon lex = MustImport("defence.cat");
  EXPECT_EQ(Rows(lex), (std::vector<std::string>{"DEFENCE.NAVAL|FRIGATE*|1|3", "DEFENCE.NAVAL|NAVAL BLOCKADE|2|4",
                                                 "DEFENCE.AIR|AIRSTRIKE*|1|6", "DEFENCE|MOBILISATION|1|7",
                                                 "plusTRADEplus|EXPORT*|1|9", "plusTRADEplus|SUPPLY CHAIN*|1|10"}));
  EXPECT_EQ(lex.entries()[1].column, 3);  // after two tabs
}

TEST(ImportTest, LexicoderTextForm) {
  const Lexicon lex = MustImport("talks.lc3");
  EXPECT_EQ(Rows(lex),
            (std::vector<std::string>{"negative|collaps*|0|2", "negative|stalemate|0|3", "negative|walk out|0|4",
                                      "negative|breakdown*|0|5", "positive|breakthrough*|0|7",
                                      "positive|handshake|0|8", "positive|common ground|0|9"}));
}

TEST(ImportTest, LexicoderXmlWordBoundaries) {
  const Lexicon lex = MustImport("policy.lcd");
  EXPECT_EQ(Rows(lex), (std::vector<std::string>{"energy|PIPELINE*|0|4", "energy|GAS FIELD|0|5",
                                                 "energy.nuclear|REACTOR*|0|7", "energy.nuclear|URANIUM|0|8",
                                                 "migration|ASYLUM SEEKER*|0|12", "migration|BORDER CROSSING|0|13"}));
}

TEST(ImportTest, YamlNestedListsAndScalars) {
  const Lexicon lex = MustImport("desk.yml");
  EXPECT_EQ(Rows(lex), (std::vector<std::string>{"economy|inflation|0|3", "economy|interest rate*|0|4",
                                                 "economy|budget deficit|0|5", "culture.high|opera|0|7",
                                                 "culture.high|gallery*|0|7", "culture.popular|football|0|9",
                                                 "health|vaccin*|0|10"}));
}

TEST(ImportTest, TsvIsStanceBySign) {
  const Lexicon lex = MustImport("cues.tsv");
  EXPECT_EQ(lex.kind(), LexiconKind::kStance);
  EXPECT_EQ(Rows(lex), (std::vector<std::string>{"opportunity|ceasefire|2|1", "risk|atrocity|4|2", "risk|stalled|1|3",
                                                 "opportunity|landmark deal|3|4"}));
  ImportOptions as_themes;
  ASSERT_TRUE(ParseLexiconUse("themes", &as_themes).ok());
  EXPECT_EQ(MustImport("cues.tsv", as_themes).Categories(),
            (std::vector<std::string>{"positive", "negative", "neutral"}));
}

TEST(ImportTest, DictionaryAsStanceCues) {
  ImportOptions options;
  ASSERT_TRUE(ParseLexiconUse("stance:risk=NEGATIVE,opportunity=Positive", &options).ok());
  options.name = "lc3-stance";
  const Lexicon lex = MustImport("talks.lc3", options);
  EXPECT_EQ(lex.kind(), LexiconKind::kStance);
  EXPECT_EQ(lex.Categories(), (std::vector<std::string>{"risk", "opportunity"}));
  auto tagger = MustCreate({lex});
  const DocumentTags tags = MustTag(*tagger, "The talks collapsed into stalemate and a walk out.");
  EXPECT_EQ(tags.stance.label, StanceLabel::kRisk);

  // A role takes a category's subcategories along.
  ASSERT_TRUE(ParseLexiconUse("stance:risk=DEFENCE", &options).ok());
  EXPECT_EQ(MustImport("defence.cat", options).entries().size(), 4u);

  // Without roles, or with roles that name nothing, there is nothing to import.
  ImportOptions no_roles;
  no_roles.kind = LexiconKind::kStance;
  absl::StatusOr<Lexicon> lex2 = ImportFile(Fixture("defence.cat"), no_roles);
  EXPECT_NE(lex2.status().message().find("needs roles"), std::string::npos) << lex2.status();
  ASSERT_TRUE(ParseLexiconUse("stance:risk=nothing", &options).ok());
  EXPECT_FALSE(ImportFile(Fixture("defence.cat"), options).ok());
  EXPECT_FALSE(ParseLexiconUse("stance:danger=x", &options).ok());
  EXPECT_FALSE(ParseLexiconUse("sentiment", &options).ok());
}

TEST(ImportTest, LexiconUseUsageNamesEveryRoleItAccepts) {
  ImportOptions options;
  const absl::Status wrong = ParseLexiconUse("stance:peril=x", &options);
  ASSERT_FALSE(wrong.ok());
  for (int i = 0; i <= static_cast<int>(StanceRole::kHarm); ++i) {
    const std::string name(StanceRoleName(static_cast<StanceRole>(i)));
    EXPECT_TRUE(ParseLexiconUse("stance:" + name + "=x", &options).ok()) << name;
    EXPECT_NE(wrong.message().find(name), std::string::npos) << name << " is missing from: " << wrong.message();
  }
}

TEST(ImportTest, DetectsFormatByExtensionThenContent) {
  const std::pair<const char*, const char*> cases[] = {
      {"security.dic", "liwc"},         {"defence.cat", "wordstat"}, {"talks.lc3", "lexicoder"},
      {"policy.lcd", "lexicoder-xml"}, {"desk.yml", "yaml"},     {"cues.tsv", "tsv"},
      {"review.lexicon", "native"}};
  for (const auto& [file, format] : cases) {
    const std::string content = ReadTestFile(std::string("lexicons/") + file);
    auto by_name = DetectImporter(file, content);
    ASSERT_TRUE(by_name.ok());
    EXPECT_EQ((*by_name)->Name(), format) << file;
    auto by_content = DetectImporter("no-extension", content);
    ASSERT_TRUE(by_content.ok()) << file << ": " << by_content.status();
    EXPECT_EQ((*by_content)->Name(), format) << file;
  }
  EXPECT_FALSE(DetectImporter("notes.txt", "just some prose\nwith no structure\n").ok());
  EXPECT_FALSE(FindImporter("csv").ok());
  // An explicit format wins over the extension.
  absl::StatusOr<Lexicon> as_tsv = ImportFile(Fixture("cues.tsv"), ImportOptions(), "tsv");
  EXPECT_TRUE(as_tsv.ok());
  EXPECT_FALSE(ImportFile(Fixture("cues.tsv"), ImportOptions(), "liwc").ok());
}

TEST(ImportTest, ADirectoryIsNotADictionary) {
  const std::string dir = std::string(POLYTAG_TEST_DATA_DIR) + "/lexicons";
  absl::StatusOr<Lexicon> lex = ImportFile(dir, ImportOptions(), "liwc");
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), absl::StatusCode::kInvalidArgument) << lex.status();
  EXPECT_EQ(std::string(lex.status().message()), dir + ": is a directory, not a lexicon file");
}

TEST(ImportTest, ErrorsNameFileLineAndColumn) {
  absl::StatusOr<Lexicon> first = ImportFile(Fixture("broken.dic"));
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().message(),
            Fixture("broken.dic") + ":5:1: glob '*' may only end a word (write 'sanction*', not '*sanction' or "
                                    "'sanc*tion')");
  std::vector<ImportProblem> problems;
  absl::StatusOr<Lexicon> all = ImportFile(Fixture("broken.dic"), ImportOptions(), "", &problems);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->entries().size(), 1u);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(std::make_pair(problems[0].line, problems[0].column), std::make_pair(5, 1));
  EXPECT_EQ(problems[1].message, Fixture("broken.dic") + ":6:8: category 7 is not declared in the header");
  EXPECT_EQ(std::make_pair(problems[2].line, problems[2].column), std::make_pair(7, 6));

  absl::StatusOr<Lexicon> xml = ImportText("<dictionary><cnode name=\"a\">\n<pnode name=\" x\"></cnode>", "mem.lcd");
  ASSERT_FALSE(xml.ok());
  EXPECT_NE(xml.status().message().find("mem.lcd:2:"), std::string::npos) << xml.status();
}

// A problem's line and column are those of its message, and point at the character of
// the line as written, whatever an importer rewrote in the pattern.
TEST(ImportTest, ProblemColumnsPointAtTheCharacterInTheLine) {
  std::vector<ImportProblem> problems;
  absl::StatusOr<Lexicon> dic = ImportText("%\n1\tcat\n%\nsanc*tion\t1\n/foo*bar\t1\nwar** zone*x\t1\nfine\t1\n",
                                           "d.dic", ImportOptions(), "", &problems);
  ASSERT_TRUE(dic.ok()) << dic.status();
  // The YAML scalar in quotes holds an escape, so its text is not the line's: its
  // problem points at the scalar. Columns count code points, after a byte order mark.
  absl::StatusOr<Lexicon> yml =
      ImportText("\xEF\xBB\xBFt:\n  - sanc*tion\n  - \"a\\tsanc*tion\"\n  - fine\nu: [\xC3\xA9, x*y]\n", "d.yml",
                 ImportOptions(), "", &problems);
  ASSERT_TRUE(yml.ok()) << yml.status();
  std::vector<std::string> places;
  for (const ImportProblem& p : problems) {
    const std::string place = std::to_string(p.line) + ":" + std::to_string(p.column) + ": ";
    EXPECT_NE(p.message.find(":" + place), std::string::npos) << p.message;
    places.push_back(place + p.message.substr(0, p.message.find(':')));
  }
  EXPECT_EQ(places, (std::vector<std::string>{"4:5: d.dic", "5:5: d.dic", "6:11: d.dic", "2:9: d.yml", "3:5: d.yml", "5:9: d.yml"}));
  absl::StatusOr<Lexicon> first = ImportText("%\n1\tcat\n%\n/foo*bar\t1\n", "d.dic");
  EXPECT_NE(first.status().message().find("d.dic:4:5: glob"), std::string::npos) << first.status();
}

// Each level lists the one below ten times, so a file of a few hundred bytes stands
// for 10^levels patterns.
std::string AliasBomb(int levels) {
  std::string yaml = "l0: &l0 [a, b, c, d, e, f, g, h, i, j]\n";
  for (int i = 1; i <= levels; ++i) {
    const std::string below = "*l" + std::to_string(i - 1);
    yaml += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + below;
    for (int k = 1; k < 10; ++k) yaml += ", " + below;
    yaml += "]\n";
  }
  return yaml;
}

TEST(ImportTest, YamlAliasesCannotBlowASmallFileUp) {
  const std::string bomb = AliasBomb(5);
  std::vector<ImportProblem> problems;
  absl::StatusOr<Lexicon> lex = ImportText(bomb, "bomb.yml", ImportOptions(), "", &problems);
  ASSERT_FALSE(lex.ok()) << bomb.size() << " bytes gave " << lex->entries().size() << " entries";
  EXPECT_EQ(lex.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(lex.status().message().find("over the limit of " + std::to_string(kMaxYamlNodesPerByte * bomb.size()) +
                                        " nodes"),
            std::string::npos)
      << lex.status();
  EXPECT_TRUE(problems.empty());

  // Unused categories are walked too: they cost as much time.
  ImportOptions as_stance;
  ASSERT_TRUE(ParseLexiconUse("stance:risk=l0", &as_stance).ok());
  EXPECT_EQ(ImportText(AliasBomb(7), "bomb.yml", as_stance).status().code(), absl::StatusCode::kResourceExhausted);

  // Aliases that repeat a list a few times are what they are for.
  absl::StatusOr<Lexicon> shared = ImportText("common: &c [war, peace, truce]\nx: *c\ny: *c\n", "shared.yml");
  ASSERT_TRUE(shared.ok()) << shared.status();
  EXPECT_EQ(shared->entries().size(), 9u);
}

TEST(ImportTest, ProblemsAreListedUpToALimitThenCounted) {
  std::string dic = "%\n1\tcat\n%\nfine\t1\n";
  for (size_t i = 0; i < kMaxImportProblems + 500; ++i) dic += "sanc*tion" + std::to_string(i) + "\t1\n";
  std::vector<ImportProblem> problems = {{1, 1, "from before"}};
  absl::StatusOr<Lexicon> lex = ImportText(dic, "many.dic", ImportOptions(), "", &problems);
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_EQ(lex->entries().size(), 1u);
  ASSERT_EQ(problems.size(), 1 + kMaxImportProblems + 1);
  EXPECT_EQ(problems[kMaxImportProblems].line, 1004);
  EXPECT_EQ(problems.back().line, 0);
  EXPECT_EQ(problems.back().message, "many.dic: 500 more problems, not listed (only the first " +
                                         std::to_string(kMaxImportProblems) + " are)");
}

TEST(ImportTest, NativeCheckReportsEveryBadEntry) {
  std::vector<ImportProblem> problems;
  absl::StatusOr<Lexicon> lex = ImportFile(Fixture("review.lexicon"), ImportOptions(), "", &problems);
  ASSERT_TRUE(lex.ok()) << lex.status();
  std::vector<std::pair<int, int>> places;
  for (const ImportProblem& p : problems) places.emplace_back(p.line, p.column);
  EXPECT_EQ(places, (std::vector<std::pair<int, int>>{{14, 5}, {16, 2}, {17, 2}}));
  EXPECT_NE(problems[1].message.find("RE2 rejects"), std::string::npos);
  EXPECT_NE(problems[2].message.find("empty string"), std::string::npos);
  ImportOptions told;
  told.kind = LexiconKind::kStance;
  absl::StatusOr<Lexicon> mismatch = ImportFile(Fixture("review.lexicon"), told, "", &problems);
  EXPECT_NE(mismatch.status().message().find("@kind is themes"), std::string::npos) << mismatch.status();
  told.kind = LexiconKind::kThemes;
  EXPECT_EQ(ImportFile(Fixture("review.lexicon"), told, "", &problems).status(), absl::OkStatus());
}

// Every bad entry is found in one pass, where the file was parsed again after each (a
// file of 20,000 entries and 1,200 bad ones took seconds), and those past the limit are
// counted. Headers that are missing are one problem, not one per entry after them.
TEST(ImportTest, NativeProblemsPastTheLimitAreCountedAndHeadersReportedOnce) {
  std::string text = "@name many\n@version 1\n@kind themes\n\n[ports]\n";
  for (int i = 0; i < 20000; ++i) text += "harbour" + std::to_string(i) + "\n";
  for (size_t i = 0; i < kMaxImportProblems + 200; ++i) text += "*bad" + std::to_string(i) + "\n";
  std::vector<ImportProblem> problems;
  absl::StatusOr<Lexicon> lex = ImportText(text, "many.lexicon", ImportOptions(), "", &problems);
  ASSERT_TRUE(lex.ok()) << lex.status();
  EXPECT_EQ(lex->entries().size(), 20000u);
  ASSERT_EQ(problems.size(), kMaxImportProblems + 1);
  EXPECT_EQ(problems[0].line, 20006);
  EXPECT_EQ(problems[kMaxImportProblems - 1].line, 20006 + static_cast<int>(kMaxImportProblems) - 1);
  EXPECT_EQ(problems.back().message, "many.lexicon: 200 more problems, not listed (only the first " +
                                         std::to_string(kMaxImportProblems) + " are)");

  problems.clear();
  absl::StatusOr<Lexicon> headless =
      ImportText("@name headless\n\n[ports]\nharbour\nquay\ndock\n", "headless.lexicon", ImportOptions(), "native", &problems);
  EXPECT_FALSE(headless.ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("missing header(s): @version @kind"), std::string::npos) << problems[0].message;
}

TEST(CheckTest, DuplicatesNeverMatchingAndShadowed) {
  std::vector<ImportProblem> problems;
  absl::StatusOr<Lexicon> lex = ImportFile(Fixture("review.lexicon"), ImportOptions(), "", &problems);
  ASSERT_TRUE(lex.ok());
  std::vector<std::string> found;
  for (const LexiconFinding& f : CheckLexicon(*lex)) {
    const std::string where = Fixture("review.lexicon") + ":";
    ASSERT_EQ(f.message.rfind(where, 0), 0u) << f.message;
    found.push_back(f.message.substr(where.size(), f.message.find('\'') - where.size()));
  }
  EXPECT_EQ(found, (std::vector<std::string>{"8:1: warning: ", "9:1: warning: ", "13:1: note: ", "19:1: warning: "}));
  // The default lexicons hold no duplicates and nothing that can never count.
  for (const Lexicon& d : DefaultLexicons())
    for (const LexiconFinding& f : CheckLexicon(d))
      EXPECT_EQ(f.severity, LexiconFinding::Severity::kNote) << f.message;
}

TEST(StatsTest, CountsByCategoryAndKind) {
  const LexiconStats stats = ComputeLexiconStats(MustImport("desk.yml"));
  ASSERT_EQ(stats.categories.size(), 4u);
  EXPECT_EQ(stats.categories[0].category, "economy");
  EXPECT_EQ(stats.categories[0].by_kind, (std::array<int, 4>{1, 1, 1, 0}));
  EXPECT_EQ(stats.all.total(), 7);
  EXPECT_EQ(stats.all.by_kind[static_cast<int>(PatternKind::kGlob)], 3);
  EXPECT_NE(LexiconStatsToText(stats).find("culture.high"), std::string::npos);
}

TEST(WriterTest, EveryFormatRoundTripsThroughNative) {
  for (const char* file : {"security.dic", "defence.cat", "talks.lc3", "policy.lcd", "desk.yml", "cues.tsv"}) {
    const Lexicon lex = MustImport(file);
    absl::StatusOr<std::string> text = ToNativeFormat(lex);
    ASSERT_TRUE(text.ok()) << text.status();
    const Lexicon again = MustParse(*text, "converted.lexicon");
    EXPECT_EQ(again.Fingerprint(), lex.Fingerprint()) << file << "\n" << *text;
    EXPECT_EQ(again.entries().size(), lex.entries().size());
  }
  Lexicon odd("odd", "1", LexiconKind::kThemes);
  ASSERT_TRUE(odd.AddEntry(Entry("#hashtag")).ok());
  absl::StatusOr<std::string> hashtag = ToNativeFormat(odd);
  ASSERT_FALSE(hashtag.ok());
  EXPECT_EQ(std::string(hashtag.status().message()),
            "<code>: entry '#hashtag' of [t] cannot be written: a lexicon file reads a line that starts with '#', "
            "'@' or '[', or a '|' outside a regex, as other than a pattern; no word holds these characters, so "
            "the entry matches the same without them");
}

// What the native format cannot hold is an error that names the field and says what
// to do, never a text that Lexicon::Parse rejects or reads back otherwise.
TEST(WriterTest, HeadersItCannotWriteAreErrors) {
  struct Case {
    std::string name, version;
    bool with_entry;
    std::string error;
  };
  const std::string name_rule = "cannot be written: a lexicon file's @name is one or more letters, digits, '_', '.' or "
                                "'-'; give the lexicon such a name";
  const std::string version_rule = "cannot be written: a lexicon file's @version is valid UTF-8 on one line, not "
                                   "empty and without white space at either end; give the lexicon such a version";
  const Case cases[] = {
      {"my dict", "1", true, "<code>: the lexicon's name 'my dict' " + name_rule},
      {"", "1", true, "<code>: the lexicon's name '' " + name_rule},
      {"x", "", true, "<code>: the lexicon's version '' " + version_rule},
      {"x", "1\n@kind stance", true, "<code>: the lexicon's version '1\n@kind stance' " + version_rule},
      {"x", "1 ", true, "<code>: the lexicon's version '1 ' " + version_rule},
      {"x", "\t1", true, "<code>: the lexicon's version '\t1' " + version_rule},
      {"x", "1\xC3", true, "<code>: the lexicon's version '1\xC3' " + version_rule},
      {"x", "1", false, "<code>: the lexicon has no entries, and a lexicon file needs at least one"},
  };
  for (const Case& c : cases) {
    Lexicon lex(c.name, c.version, LexiconKind::kThemes);
    if (c.with_entry) {
      ASSERT_TRUE(lex.AddEntry(Entry("war")).ok());
    }
    absl::StatusOr<std::string> text = ToNativeFormat(lex);
    ASSERT_FALSE(text.ok()) << c.name << " " << c.version << ":\n" << *text;
    EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(text.status().message()), c.error);
  }
  Lexicon spaced("x", "1.0 beta", LexiconKind::kThemes);
  ASSERT_TRUE(spaced.AddEntry(Entry("war")).ok());
  absl::StatusOr<std::string> text = ToNativeFormat(spaced);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(MustParse(*text).Fingerprint(), spaced.Fingerprint());
}

// The description, which the fingerprint leaves out, is free text: the writer makes it
// fit a header line rather than fail.
TEST(WriterTest, DescriptionIsWrittenOnOneLineOrLeftOut) {
  Lexicon lex("x", "1", LexiconKind::kThemes);
  ASSERT_TRUE(lex.AddEntry(Entry("war")).ok());
  for (const auto& [description, read_back] : std::vector<std::pair<std::string, std::string>>{
           {" ", ""}, {"\r\n", ""}, {"two\nlines ", "two lines"}, {"caf\xE9", "caf\xEF\xBF\xBD"}}) {
    lex.set_description(description);
    absl::StatusOr<std::string> text = ToNativeFormat(lex);
    ASSERT_TRUE(text.ok()) << text.status();
    absl::StatusOr<Lexicon> again = Lexicon::Parse(*text, "described.lexicon");
    ASSERT_TRUE(again.ok()) << again.status() << "\n" << *text;
    EXPECT_EQ(again->description(), read_back);
    EXPECT_EQ(again->Fingerprint(), lex.Fingerprint());
  }
}

TEST(WriterTest, ImportedPatternsWithLineBreaksAndTabsRoundTrip) {
  absl::StatusOr<Lexicon> lex = ImportText(
      "t:\n  - \"arms\\ncontrol\"\n  - \"\\tsanction*\"\n  - \"trade\\r\\nwar \\t\"\n  - \"naval\\tblockade\"\n"
      "  - \"fair -*\"\n",
      "breaks.yml");
  ASSERT_TRUE(lex.ok()) << lex.status();
  std::vector<std::string> patterns;
  for (const LexiconEntry& e : lex->entries()) patterns.push_back(e.pattern);
  EXPECT_EQ(patterns, (std::vector<std::string>{"arms control", "sanction*", "trade war", "naval\tblockade", "fair"}));
  absl::StatusOr<std::string> text = ToNativeFormat(*lex);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(MustParse(*text).Fingerprint(), lex->Fingerprint()) << *text;
}

TEST(WriterTest, WeightsRoundTripExactly) {
  Lexicon lex("w", "1", LexiconKind::kThemes);
  const double weights[] = {0.1234567891, 999.9999999999, 1.0 / 3, 5e-324, 0.5, 2};
  for (double w : weights) ASSERT_TRUE(lex.AddEntry(Entry("word" + std::to_string(lex.entries().size()), "t", w)).ok());
  absl::StatusOr<std::string> text = ToNativeFormat(lex);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_NE(text->find("word4 | weight=0.5\n"), std::string::npos) << *text;
  const Lexicon again = MustParse(*text);
  ASSERT_EQ(again.entries().size(), std::size(weights));
  for (size_t i = 0; i < std::size(weights); ++i) EXPECT_EQ(again.entries()[i].weight, weights[i]) << *text;
  EXPECT_EQ(again.Fingerprint(), lex.Fingerprint());
}

TEST(CompositionTest, SharedThemeIdsArePrefixedByLexiconName) {
  const Lexicon a = MustParse("@name desk-a\n@version 1\n@kind themes\n[energy]\npipeline*\n[grid]\nsubstation\n");
  const Lexicon b = MustParse("@name desk-b\n@version 2\n@kind themes\n[energy]\nreactor*\n");
  auto tagger = MustCreate({a, b});
  EXPECT_EQ(tagger->theme_ids(), (std::vector<std::string>{"desk-a:energy", "desk-b:energy", "grid"}));
  const DocumentTags tags = MustTag(*tagger, "The pipeline and the reactor near the substation.");
  EXPECT_EQ(ThemeIds(tags), (std::vector<std::string>{"desk-a:energy", "desk-b:energy", "grid"}));
  ASSERT_EQ(tagger->lexicons().size(), 2u);
  EXPECT_EQ(tagger->lexicons()[1].version, "2");
  EXPECT_EQ(tagger->lexicons()[1].fingerprint, b.Fingerprint());
  // Alone, a lexicon's ids are left as they are.
  EXPECT_EQ(MustCreate({b})->theme_ids(), (std::vector<std::string>{"energy"}));
}

TEST(CoverageTest, CountsHitsDocumentsAndContexts) {
  const Lexicon lex = MustImport("talks.lc3");
  const std::string corpus =
      "{\"id\": 1, \"text\": \"Talks collapsed. Then they collapsed again.\"}\n"
      "\n"
      "{\"id\": 2, \"text\": \"A breakthrough, after the collapse.\"}\n"
      "{\"id\": 3}\n";
  absl::StatusOr<CoverageReport> report = MeasureCoverage(lex, corpus, "corpus.jsonl");
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->documents, 2);
  EXPECT_EQ(report->failed, 1);
  const EntryCoverage& collapse = report->entries[0];
  EXPECT_EQ(collapse.pattern, "collaps*");
  EXPECT_EQ(collapse.hits, 3);
  EXPECT_EQ(collapse.documents, 2);
  ASSERT_EQ(collapse.contexts.size(), 3u);
  EXPECT_EQ(collapse.contexts[0], "Talks [collapsed]. Then they collapsed again.");
  EXPECT_EQ(report->entries[4].hits, 1);  // breakthrough*
  EXPECT_EQ(report->entries[1].hits, 0);  // stalemate
  ASSERT_EQ(report->categories.size(), 2u);
  EXPECT_EQ(report->categories[0].category, "negative");
  EXPECT_EQ(report->categories[0].hits, 3);
  const std::string text = CoverageToText(*report, 5);
  EXPECT_NE(text.find("entries that never fired (5)"), std::string::npos) << text;
  EXPECT_FALSE(MeasureCoverage(lex, "not json\n", "c.jsonl").ok());
}

TEST(EvaluationTest, MeasuresLikeTheDevelopmentScorer) {
  // Three labelled paragraphs; "c" has no prediction and "x" no label.
  auto labels = ParseEvalLabels(
      "{\"id\": \"a\", \"themes\": [\"energy\", \"health\"], \"stance\": \"risk\"}\n"
      "{\"id\": \"b\", \"themes\": [\"energy\"], \"stance\": \"opportunity\"}\n"
      "{\"id\": \"c\", \"themes\": [\"migration\"], \"stance\": \"neutral\"}\n",
      "labels.jsonl");
  ASSERT_TRUE(labels.ok()) << labels.status();
  std::map<std::string, EvalPrediction> predictions;
  predictions["a"] = {{"energy", "economy"}, "risk"};
  predictions["b"] = {{"energy"}, "mixed"};
  predictions["x"] = {{"health"}, "risk"};
  const EvalReport r = Evaluate(*labels, predictions);
  EXPECT_EQ(r.paragraphs, 3);
  EXPECT_EQ(r.missing, 1);
  // energy: tp 2; economy: fp 1; health: fn 1; migration: fn 1.
  ASSERT_EQ(r.themes.size(), 4u);
  EXPECT_EQ(r.themes[0].id, "energy");
  EXPECT_DOUBLE_EQ(r.themes[0].f1, 1.0);
  EXPECT_DOUBLE_EQ(r.theme_micro_precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.theme_micro_recall, 0.5);
  EXPECT_DOUBLE_EQ(r.theme_macro_f1, 1.0 / 3);  // energy 1, health 0, migration 0
  EXPECT_DOUBLE_EQ(r.stance_accuracy, 2.0 / 3);
  // risk F1 1, opportunity F1 0, neutral F1 1 (c: neutral as predicted for nothing).
  EXPECT_DOUBLE_EQ(r.stance_macro_f1, 2.0 / 3);
  EXPECT_EQ(r.confusion[1][2], 1);
  EXPECT_EQ(EvalReportToJson(r),
            "{\"paragraphs\": 3, \"missing\": 1, \"theme_micro_p\": 0.6667, \"theme_micro_r\": 0.5, "
            "\"theme_micro_f1\": 0.5714, \"theme_macro_f1\": 0.3333, \"stance_accuracy\": 0.6667, "
            "\"stance_macro_f1\": 0.6667}");
  EXPECT_FALSE(ParseEvalLabels("{\"id\": \"a\"}\n", "l.jsonl").ok());
}

TEST(EvaluationTest, PredictsEachParagraphAsADocument) {
  auto tagger = MustCreate({MustImport("desk.yml")});
  auto predictions = PredictParagraphs(*tagger,
                                       "{\"id\": \"p1\", \"text\": \"Inflation and the budget deficit rose.\"}\n"
                                       "{\"id\": \"p2\", \"text\": 5}\n",
                                       "p.jsonl");
  ASSERT_TRUE(predictions.ok()) << predictions.status();
  EXPECT_EQ(predictions->at("p1").themes, (std::vector<std::string>{"economy"}));
  EXPECT_TRUE(predictions->at("p2").themes.empty());
  EXPECT_EQ(predictions->at("p2").stance, "neutral");
}

// The real third-party dictionaries beside the checkout, with the entry counts their
// formats imply (counted from the files: one entry per word line and category).
TEST(SharedLexiconsTest, EveryFileImportsWithItsEntryCount) {
  const std::filesystem::path dir = std::filesystem::path(POLYTAG_TEST_DATA_DIR) / ".." / ".." / ".." / "shared" /
                                    "lexicons";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "../shared is absent";
  const std::map<std::string, size_t> expected = {
      {"AFINN-111.txt", 2476},  // 2477 lines, one with weight 0 (neither side)
      {"LSD2015.lc3", 4567},
      {"LSD2015_NEG.lc3", 4581},
      {"Laver_and_Garry_2000.cat", 418},
      {"Loughran_and_McDonald_2014.cat", 4232},
      {"mfd2.0.dic", 2103},
      {"moral_foundations_dictionary.dic", 359},  // 324 lines: 292 x 1, 29 x 2, 3 x 3 categories
      {"policy_agendas_english.lcd", 1402},
  };
  size_t seen = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    const std::string name = file.path().filename().string();
    absl::StatusOr<Lexicon> lex = ImportFile(file.path().string());
    ASSERT_TRUE(lex.ok()) << lex.status();
    auto it = expected.find(name);
    if (it == expected.end()) continue;
    ++seen;
    EXPECT_EQ(lex->entries().size(), it->second) << name;
    EXPECT_TRUE(Tagger::Create({*lex}).ok()) << name;
  }
  EXPECT_EQ(seen, expected.size());
  ImportOptions lsd;
  ASSERT_TRUE(ParseLexiconUse("stance:risk=negative,opportunity=positive", &lsd).ok());
  absl::StatusOr<Lexicon> stance = ImportFile((dir / "LSD2015.lc3").string(), lsd);
  ASSERT_TRUE(stance.ok()) << stance.status();
  EXPECT_EQ(stance->entries().size(), 4567u);
  absl::StatusOr<Lexicon> cat = ImportFile((dir / "Laver_and_Garry_2000.cat").string());
  ASSERT_TRUE(cat.ok());
  EXPECT_EQ(cat->Categories()[0], "CULTURE.CULTURE-HIGH");
}

}  // namespace
}  // namespace polytag
