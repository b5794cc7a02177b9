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

TEST(EvalLabelsTest, LabelsWithoutAnIdOrWithAnUnknownStanceAreRefusedWithTheirLine) {
  const std::string good = "{\"id\": \"a\", \"themes\": [], \"stance\": \"risk\"}\n";
  struct Case {
    std::string line;
    std::string message;
  };
  const Case cases[] = {
      {"{\"id\": \"b\", \"themes\": [], \"stance\": \"Risk\"}",
       "labels.jsonl:2: stance 'Risk' is not one of risk, opportunity, mixed, neutral"},
      {"{\"id\": \"b\", \"themes\": [], \"stance\": \"positive\"}", "labels.jsonl:2: stance 'positive'"},
      {"{\"themes\": [], \"stance\": \"risk\"}", "labels.jsonl:2: a label needs an \"id\", a string or a number"},
      {"{\"id\": null, \"themes\": [], \"stance\": \"risk\"}", "labels.jsonl:2: a label needs an \"id\""},
      {"{\"id\": [\"b\"], \"themes\": [], \"stance\": \"risk\"}", "labels.jsonl:2: a label needs an \"id\""},
  };
  for (const Case& c : cases) {
    const auto labels = ParseEvalLabels(good + c.line + "\n", "labels.jsonl");
    ASSERT_FALSE(labels.ok()) << c.line;
    EXPECT_EQ(labels.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(labels.status().message().find(c.message), std::string::npos) << labels.status();
  }
  const auto labels = ParseEvalLabels(good + "{\"id\": 7, \"themes\": [\"x\"], \"stance\": \"neutral\"}\n", "l");
  ASSERT_TRUE(labels.ok()) << labels.status();
  EXPECT_EQ(labels->at(1).id, "7");
}

TEST(EvalLabelsTest, ParagraphsWithoutAnIdAreRefusedAndUntaggedOnesReported) {
  TaggerOptions small;
  small.max_document_bytes = 40;
  const std::unique_ptr<Tagger> tagger = testing::MustCreate(DefaultLexicons(), small);
  const auto no_id = PredictParagraphs(*tagger, "{\"id\": \"a\", \"text\": \"x\"}\n{\"text\": \"y\"}\n", "p.jsonl");
  ASSERT_FALSE(no_id.ok());
  EXPECT_NE(no_id.status().message().find("p.jsonl:2: a paragraph needs an \"id\""), std::string::npos)
      << no_id.status();

  const std::string paragraphs =
      "{\"id\": \"ok\", \"text\": \"New sanctions hit the oil sector.\"}\n"
      "{\"id\": \"long\", \"text\": \"The talks collapsed after a long night of bitter argument.\"}\n"
      "{\"id\": \"none\"}\n";
  std::vector<std::string> failures;
  const auto predictions = PredictParagraphs(*tagger, paragraphs, "p.jsonl", &failures);
  ASSERT_TRUE(predictions.ok()) << predictions.status();
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].rfind("p.jsonl:2: paragraph 'long': document of 58 bytes is over the limit of 40", 0), 0u)
      << failures[0];
  EXPECT_EQ(failures[1], "p.jsonl:3: paragraph 'none': no string \"text\"");
  // Still scored, as predicting nothing.
  EXPECT_EQ(predictions->at("long").stance, "neutral");
  const auto labels = ParseEvalLabels(
      "{\"id\": \"ok\", \"themes\": [\"trade_sanctions\"], \"stance\": \"risk\"}\n"
      "{\"id\": \"long\", \"themes\": [], \"stance\": \"risk\"}\n"
      "{\"id\": \"none\", \"themes\": [], \"stance\": \"neutral\"}\n",
      "l.jsonl");
  ASSERT_TRUE(labels.ok()) << labels.status();
  const EvalReport report = Evaluate(*labels, *predictions);
  EXPECT_EQ(report.paragraphs, 3);
  EXPECT_EQ(report.missing, 0);
  EXPECT_EQ(report.confusion[0][0] + report.confusion[0][3] + report.confusion[3][3], 3);
}

// Each reader of JSON lines says what is wrong with a bad line: its encoding, its
// syntax (where, without quoting the token it stopped in, which may be a whole text),
// or its shape. "not a JSON object" for all three sent people looking for the wrong
// mistake.
TEST(EvalLabelsTest, ABadLineSaysWhetherItIsEncodingSyntaxOrShape) {
  const std::string good = "{\"id\": \"p1\", \"themes\": [], \"stance\": \"neutral\"}\n";
  const std::string long_text(100000, 'x');
  const struct {
    std::string line;
    std::string message;
  } cases[] = {
      {"{\"id\": \"p2\", \"stance\": \"caf\xE9\"}", "labels.jsonl:2: invalid UTF-8 at byte 28 of the line; convert"},
      {"{\"id\": \"p2\", \"themes\": [],}", "labels.jsonl:2: not valid JSON (syntax error while parsing object key"},
      {"{\"id\": \"p2\", \"stance\": \"" + long_text + "\\q\"}", "labels.jsonl:2: not valid JSON ("},
      {"[\"p2\", \"neutral\"]", "labels.jsonl:2: not a JSON object"},
  };
  for (const auto& c : cases) {
    const auto labels = ParseEvalLabels(good + c.line + "\n", "labels.jsonl");
    ASSERT_FALSE(labels.ok()) << c.line.substr(0, 60);
    const std::string message(labels.status().message());
    EXPECT_EQ(message.rfind(c.message, 0), 0u) << message.substr(0, 200);
    EXPECT_LT(message.size(), 300u);
  }
}

}  // namespace
}  // namespace polytag
