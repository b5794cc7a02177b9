// Document-level aggregation: which themes describe a whole document.
#include "gtest/gtest.h"
#include "test_util.h"

namespace polytag {
namespace {

using testing::MustCreate;
using testing::MustParse;
using testing::MustTag;

constexpr char kThemes[] = "@name t\n@version 1\n@kind themes\n[energy]\npipeline*\n[health]\nhospital*\n";

std::string Article(int paragraphs, int with_hospital) {
  std::string text;
  for (int i = 0; i < paragraphs; ++i) {
    text += i < with_hospital ? "The pipeline and the hospital were discussed at length.\n\n"
                              : "The pipeline was discussed at length.\n\n";
  }
  return text;
}

TEST(AggregateTest, PassingMentionsAreNotDocumentThemes) {
  auto tagger = MustCreate({MustParse(kThemes)});
  // One paragraph in twenty names hospitals: below the default 10% share.
  const DocumentTags tags = MustTag(*tagger, Article(20, 1));
  ASSERT_EQ(tags.themes.size(), 1u);
  EXPECT_EQ(tags.themes[0].id, "energy");
  EXPECT_EQ(tags.themes[0].paragraphs, 20);
  EXPECT_DOUBLE_EQ(tags.themes[0].share, 1.0);
  // Two in twenty reach it.
  const DocumentTags two = MustTag(*tagger, Article(20, 2));
  ASSERT_EQ(two.themes.size(), 2u);
  EXPECT_EQ(two.themes[1].id, "health");
  EXPECT_DOUBLE_EQ(two.themes[1].share, 0.1);
}

TEST(AggregateTest, ShortDocumentsKeepEveryTheme) {
  auto tagger = MustCreate({MustParse(kThemes)});
  EXPECT_EQ(MustTag(*tagger, Article(3, 1)).themes.size(), 2u);
  EXPECT_EQ(MustTag(*tagger, "A hospital opened.").themes.size(), 1u);
}

TEST(AggregateTest, ZeroShareKeepsEverything) {
  TaggerOptions options;
  options.document_theme_min_share = 0;
  auto tagger = MustCreate({MustParse(kThemes)}, options);
  EXPECT_EQ(MustTag(*tagger, Article(40, 1)).themes.size(), 2u);
}

// A theme's stance reads the cues of its own sentences only, however many sentences
// the paragraph has: past 64 the sentences are no longer held as bits of a mask.
TEST(AggregateTest, ThemeStanceReadsOnlyTheThemesSentences) {
  auto tagger = MustCreate({MustParse(kThemes), MustParse("@name s\n@version 1\n@kind stance\n"
                                                          "[opportunity]\ngrowth | weight=2\n"
                                                          "[risk]\ncrisis | weight=2\n")});
  const DocumentTags alone = MustTag(*tagger, "The pipeline crisis deepened.");
  ASSERT_EQ(alone.paragraphs[0].themes.size(), 1u);
  EXPECT_EQ(alone.paragraphs[0].themes[0].stance, StanceLabel::kRisk);
  for (int num_sentences : {10, 64, 65, 70, 130}) {
    // The theme is in the last sentence; an opportunity cue sits 64 sentences before.
    std::string text;
    for (int i = 0; i < num_sentences - 1; ++i)
      text += i == num_sentences - 1 - 64 || i == num_sentences - 2 ? "Growth came. " : "Nothing happened. ";
    text += "The pipeline crisis deepened.";
    const DocumentTags tags = MustTag(*tagger, text);
    ASSERT_EQ(tags.paragraphs.size(), 1u);
    const ParagraphTags& p = tags.paragraphs[0];
    ASSERT_EQ(p.sentences.size(), static_cast<size_t>(num_sentences));
    ASSERT_EQ(p.themes.size(), 1u);
    EXPECT_EQ(p.themes[0].stance, StanceLabel::kRisk) << num_sentences;
    EXPECT_DOUBLE_EQ(p.themes[0].stance_score, alone.paragraphs[0].themes[0].stance_score) << num_sentences;
    EXPECT_GT(p.stance.opportunity, 0) << num_sentences;  // the paragraph sees the growth
  }
}

TEST(AggregateTest, DocumentStanceIsMixedOnlyWhenTheWeakerSideHasAFramingCue) {
  auto tagger = MustCreate({MustParse("@name s\n@version 1\n@kind stance\n"
                                      "[opportunity]\npartners | weight=0.5\ndialogue\n"
                                      "[risk]\naggression | weight=2\n")});
  // The weak cues of the second paragraph sum to half the risk, and frame nothing.
  const DocumentTags weak = MustTag(*tagger, "The aggression went on.\n\nPartners met, partners spoke.");
  EXPECT_DOUBLE_EQ(weak.stance.opportunity, 1.0);
  EXPECT_EQ(weak.stance.label, StanceLabel::kRisk);
  // The strongest cue of any paragraph counts for the document.
  const DocumentTags framed = MustTag(*tagger, "The aggression went on.\n\nPartners met.\n\nDialogue began.");
  EXPECT_EQ(framed.stance.label, StanceLabel::kMixed);
}

}  // namespace
}  // namespace polytag
