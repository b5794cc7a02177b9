// The default theme lexicon on sentences of the kind it is written for: words with a
// wrong sense must not tag their theme, and the right sense still must.
#include <string>

#include "gtest/gtest.h"
#include "test_util.h"

namespace polytag {
namespace {

using testing::MustTag;
using testing::ThemeList;

class DefaultThemesTest : public testing::DefaultTaggerTest {
 protected:
  // The paragraph's themes as ",id,id," so that a test can look for ",id,".
  static std::string Of(const std::string& text) {
    const DocumentTags tags = MustTag(*tagger_, text);
    EXPECT_EQ(tags.paragraphs.size(), 1u);
    return tags.paragraphs.empty() ? "," : "," + ThemeList(tags.paragraphs[0]) + ",";
  }
  static bool Has(const std::string& themes, const std::string& id) {
    return themes.find("," + id + ",") != std::string::npos;
  }
};

TEST_F(DefaultThemesTest, TheStateDepartmentAsASourceIsNoDiplomacy) {
  for (const char* text : {"A State Department spokesperson said the report would come out on Friday.",
                           "Follow the Department of State on social media."}) {
    EXPECT_FALSE(Has(Of(text), "diplomacy")) << text;
  }
  EXPECT_TRUE(Has(Of("The Secretary met his Japanese counterpart in Tokyo."), "diplomacy"));
  EXPECT_TRUE(Has(Of("Sudan agreed to normalize relations with its neighbour."), "diplomacy"));
}

TEST_F(DefaultThemesTest, JournalistsHeldByTheStateAreHumanRightsNotPolicing) {
  const std::string themes = Of("The regime arrested three journalists after the vote.");
  EXPECT_TRUE(Has(themes, "human_rights")) << themes;
  EXPECT_FALSE(Has(themes, "crime_justice")) << themes;
  EXPECT_TRUE(Has(Of("Police arrested two men after the burglary."), "crime_justice"));
}

TEST_F(DefaultThemesTest, AJobAsAPostIsNoEconomy) {
  for (const char* text : {"She did a fine job as chair, and the workers on her staff said so.",
                           "Health care workers will receive the new masks first, along with their supplies."}) {
    EXPECT_FALSE(Has(Of(text), "economy")) << text;
  }
  EXPECT_TRUE(Has(Of("The plan is meant to spur job creation in the north."), "economy"));
}

TEST_F(DefaultThemesTest, ProsecutingAWarIsWagingIt) {
  const std::string themes = Of("Sanctions deny the Kremlin the money to prosecute its war.");
  EXPECT_TRUE(Has(themes, "armed_conflict")) << themes;
  EXPECT_FALSE(Has(themes, "crime_justice")) << themes;
  const std::string trial = Of("The court will prosecute war crimes committed in the region.");
  EXPECT_TRUE(Has(trial, "human_rights")) << trial;
}

TEST_F(DefaultThemesTest, EconomicTiesBetweenStatesAreTradeNotTheMacroEconomy) {
  const std::string themes = Of("Italy remains a close economic partner of the United States.");
  EXPECT_TRUE(Has(themes, "trade_sanctions")) << themes;
  EXPECT_FALSE(Has(themes, "economy")) << themes;
  EXPECT_FALSE(Has(Of("Are there any non-economic steps left?"), "economy"));
}

}  // namespace
}  // namespace polytag
