// The default theme lexicon on sentences of the kind it is written for: words with a
// wrong sense must not tag their theme, and the right sense still must. And the
// scoring rules, on paragraphs of few theme matches and of many.
#include <string>

#include "gtest/gtest.h"
#include "test_util.h"

namespace polytag {
namespace {

using testing::MustCreate;
using testing::MustParse;
using testing::MustTag;
using testing::Slice;
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

TEST_F(DefaultThemesTest, ANamedOrLongConflictIsAWar) {
  for (const char* text : {"The envoy spoke about ways to end the Israeli-Palestinian conflict.",
                           "Aid agencies warn that protracted conflicts drive most of the hunger in the region."}) {
    EXPECT_TRUE(Has(Of(text), "armed_conflict")) << text;
  }
  // A bare conflict may be a quarrel.
  EXPECT_FALSE(Has(Of("There is a conflict between the two unions over the pay offer."), "armed_conflict"));
}

TEST_F(DefaultThemesTest, TheOecdIsAnOrganisationNotTradePolicy) {
  const std::string themes =
      Of("The minister will address the Organisation for Economic Co-operation and Development in Paris.");
  EXPECT_TRUE(Has(themes, "international_organizations")) << themes;
  EXPECT_FALSE(Has(themes, "trade_sanctions")) << themes;
}

TEST_F(DefaultThemesTest, TheDevolvedParliamentsAreDomesticPolitics) {
  for (const char* text : {"The bill now goes to Holyrood for a final vote.",
                           "The first minister told the Welsh Assembly that the budget was balanced.",
                           "Both leaders were back on the campaign trail by Monday."}) {
    EXPECT_TRUE(Has(Of(text), "domestic_politics")) << text;
  }
}

TEST_F(DefaultThemesTest, ASchoolboyIsNoSchoolPolicy) {
  EXPECT_FALSE(Has(Of("The opposition accused the pair of squabbling like schoolboys."), "social_policy"));
  EXPECT_TRUE(Has(Of("The council will build two new schools next year."), "social_policy"));
}

TEST_F(DefaultThemesTest, AFigurativeDiagnosisIsNoMedicine) {
  EXPECT_FALSE(Has(Of("His diagnosis of the party's troubles was blunt."), "health"));
  EXPECT_TRUE(Has(Of("Early diagnosis of cancer saves lives, the health minister said."), "health"));
}

TEST_F(DefaultThemesTest, MeetingsAndDiscussionsWithOfficialsAreDiplomacy) {
  EXPECT_TRUE(Has(Of("After a meeting with Saudi officials, she said discussions with Riyadh would go on."),
                  "diplomacy"));
  // Alone, a meeting is anyone's.
  EXPECT_FALSE(Has(Of("The chairman held a meeting with shareholders on Tuesday."), "diplomacy"));
}

TEST_F(DefaultThemesTest, OppositionSpokesmenAreDomesticPoliticians) {
  const std::string themes = Of("The shadow foreign secretary said the vote would be close.");
  EXPECT_TRUE(Has(themes, "domestic_politics")) << themes;
  EXPECT_FALSE(Has(themes, "diplomacy")) << themes;
  EXPECT_TRUE(Has(Of("The foreign secretary flew to Washington for talks."), "diplomacy"));
}

TEST_F(DefaultThemesTest, AWarCrimeIsRightsNotPolicing) {
  const std::string themes = Of("Deliberately shelling a hospital is a war crime.");
  EXPECT_TRUE(Has(themes, "human_rights")) << themes;
  EXPECT_FALSE(Has(themes, "crime_justice")) << themes;
}

TEST_F(DefaultThemesTest, TheSecurityOfASupplyIsItsOwnTheme) {
  // The phrase is the hit, so "security" is left to no other theme.
  const DocumentTags tags = MustTag(*tagger_, "Energy security is at the top of the agenda.");
  ASSERT_EQ(tags.paragraphs.size(), 1u);
  ASSERT_EQ(tags.paragraphs[0].themes.size(), 1u);
  const ThemeTag& energy = tags.paragraphs[0].themes[0];
  EXPECT_EQ(energy.id, "energy");
  ASSERT_EQ(energy.hits.size(), 1u);
  EXPECT_EQ(energy.hits[0].term, "energy security");
}

TEST_F(DefaultThemesTest, AJuntaIsAMatterOfWhoRules) {
  const std::string themes = Of("The military junta jailed the opposition leader.");
  EXPECT_TRUE(Has(themes, "domestic_politics")) << themes;
  EXPECT_FALSE(Has(themes, "defense_security")) << themes;
}

TEST_F(DefaultThemesTest, TheDepartmentNamedAsTheSpeakerIsNoDiplomacy) {
  EXPECT_FALSE(Has(Of("The Secretary of State and the Department of State announced the winners of the award."),
                   "diplomacy"));
  EXPECT_TRUE(Has(Of("The three ministers held a trilateral meeting in Seoul."), "diplomacy"));
}

TEST_F(DefaultThemesTest, APipelineOfPlansIsNoEnergy) {
  EXPECT_FALSE(Has(Of("Further reforms are in the pipeline."), "energy"));
  EXPECT_TRUE(Has(Of("Engineers finished the pipeline across the border in March."), "energy"));
}

TEST_F(DefaultThemesTest, DetentionWithoutTrialAndTheHolocaustAreHumanRights) {
  for (const char* text : {"Suspects can be held without trial under the new law.",
                           "Survivors of the Holocaust gathered in Berlin."}) {
    EXPECT_TRUE(Has(Of(text), "human_rights")) << text;
  }
}

TEST_F(DefaultThemesTest, ReadoutsOfMeetingsAndCallsAreDiplomacy) {
  for (const char* text : {"The Deputy Secretary met today with the Algerian president in Algiers.",
                           "The Secretary spoke today with the Greek prime minister."}) {
    EXPECT_TRUE(Has(Of(text), "diplomacy")) << text;
  }
}

TEST_F(DefaultThemesTest, ANavalConfrontationIsConflictAndMineralsAreTrade) {
  const std::string clash = Of("Officials reported a naval confrontation in the Gulf overnight.");
  EXPECT_TRUE(Has(clash, "armed_conflict")) << clash;
  EXPECT_TRUE(Has(Of("The partners agreed to secure supplies of critical minerals."), "trade_sanctions"));
}

TEST_F(DefaultThemesTest, TheTelephonePreferenceServiceIsNoMigration) {
  EXPECT_FALSE(Has(Of("Parties must not ring voters who are registered with the TPS."), "migration"));
  EXPECT_TRUE(Has(Of("Haitians living in the country will keep TPS, and no migrants will be deported."), "migration"));
}

TEST_F(DefaultThemesTest, OfficialsTripsRoundsOfTalksAndCallsAreDiplomacy) {
  for (const char* text : {"The Under Secretary will travel to Nairobi, where she will meet with the president.",
                           "Delegates gathered in Geneva for a fourth round of talks.",
                           "The two presidents held a phone call with their defence chiefs listening in.",
                           "Thank you, Minister, for a very good conversation this morning.",
                           "Both delegations described the session as a productive meeting."}) {
    EXPECT_TRUE(Has(Of(text), "diplomacy")) << text;
  }
  // Each half of an itinerary alone, or a leader touring marginal seats, is no more.
  for (const char* text : {"The party leader will travel to marginal seats across the north.",
                           "She did not meet with the critics of the plan.",
                           "He took a phone call from his agent before the vote."}) {
    EXPECT_FALSE(Has(Of(text), "diplomacy")) << text;
  }
}

TEST_F(DefaultThemesTest, RegulatorsOfConductAndOpennessAreGovernance) {
  for (const char* text : {"The information commissioner ordered the department to release the files.",
                           "The member was accused of paid advocacy on behalf of a property firm."}) {
    EXPECT_TRUE(Has(Of(text), "governance_corruption")) << text;
  }
  EXPECT_TRUE(Has(Of("Independent journalists face years in prison for their reporting."), "human_rights"));
  EXPECT_TRUE(Has(Of("The peer's perjury ended his political career."), "crime_justice"));
}

TEST_F(DefaultThemesTest, TitlesSentencesAndWeaponsThatSayTradeAreNoTradePolicy) {
  const std::string tariff = Of("Judges may cut the murder tariff for a guilty plea.");
  EXPECT_TRUE(Has(tariff, "crime_justice")) << tariff;
  EXPECT_FALSE(Has(tariff, "trade_sanctions")) << tariff;
  EXPECT_FALSE(Has(Of("The trade and industry secretary announced new rules on maternity pay."), "trade_sanctions"));
  const std::string arms = Of("The report urged tighter curbs on the arms trade.");
  EXPECT_TRUE(Has(arms, "arms_control")) << arms;
  EXPECT_FALSE(Has(arms, "trade_sanctions")) << arms;
}

TEST_F(DefaultThemesTest, BritishPartiesDevolvedGovernmentsAndPolicing) {
  for (const char* text : {"A BNP leaflet was pushed through doors in Swansea.",
                           "Kilroy-Silk launched Veritas in London on Wednesday.",
                           "The assembly government will take over the funding of the colleges."}) {
    EXPECT_TRUE(Has(Of(text), "domestic_politics")) << text;
  }
  EXPECT_TRUE(Has(Of("The home secretary set out an overhaul of neighbourhood policing."), "crime_justice"));
  const std::string air = Of("Italian jets took over the air policing of the Baltic states.");
  EXPECT_FALSE(Has(air, "crime_justice")) << air;
}

TEST_F(DefaultThemesTest, EconomicMigrantsAreMigrationAndInternmentIsRights) {
  const std::string migrants = Of("The party wants a quota on economic migrants.");
  EXPECT_TRUE(Has(migrants, "migration")) << migrants;
  EXPECT_FALSE(Has(migrants, "economy")) << migrants;
  for (const char* text : {"Internment in the 1970s only fuelled the violence, he said.",
                           "The bill makes incitement to religious hatred an offence."}) {
    EXPECT_TRUE(Has(Of(text), "human_rights")) << text;
  }
}

TEST_F(DefaultThemesTest, TheForeignOfficeAsADepartmentIsNoDiplomacy) {
  EXPECT_FALSE(Has(Of("Savings of 150m pounds were found at the Foreign Office."), "diplomacy"));
  EXPECT_TRUE(Has(Of("The Foreign Office summoned the ambassador on Monday."), "diplomacy"));
}

TEST_F(DefaultThemesTest, OfficialReleasesVocabulary) {
  EXPECT_FALSE(Has(Of("The Department of Homeland Security will process the visa applications."), "defense_security"));
  EXPECT_TRUE(Has(Of("Officials condemned Russia's aggression against its neighbour."), "armed_conflict"));
  for (const char* text : {"The foreign ministers held a ministerial meeting in Bangkok.",
                           "A delegation from Kenya arrived ahead of the upcoming visit."}) {
    EXPECT_TRUE(Has(Of(text), "diplomacy")) << text;
  }
  EXPECT_FALSE(Has(Of("The sanctions also cover two subsidiaries of the shipping firm."), "economy"));
  EXPECT_FALSE(Has(Of("Six editors were charged under the national security law."), "defense_security"));
  EXPECT_TRUE(Has(Of("Both leaders backed a two-state solution."), "diplomacy"));
}

TEST_F(DefaultThemesTest, DesignationsAndDelistingsAreSanctionsButAStockExchangeDelistingIsNot) {
  for (const char* text : {"The shipping company is being designated pursuant to the executive order for its "
                           "work in the defense sector.",
                           "Two sanctioned banks asked for delisting after their owners sold them."}) {
    EXPECT_TRUE(Has(Of(text), "trade_sanctions")) << text;
  }
  const std::string listing = Of("The exchange may delist the lender if its losses grow for a third year.");
  EXPECT_FALSE(Has(listing, "trade_sanctions")) << listing;
  // Imposing costs is a sanctions cue only beside another: here one ("restrictive
  // measures") that is below a full cue on its own too.
  EXPECT_FALSE(Has(Of("The new rules would impose heavy costs on small farms."), "trade_sanctions"));
  EXPECT_FALSE(Has(Of("The ministers agreed on restrictive measures."), "trade_sanctions"));
  EXPECT_TRUE(Has(Of("The allies will impose further costs on the regime through restrictive measures."),
                  "trade_sanctions"));
}

TEST_F(DefaultThemesTest, IndiasExternalAffairsMinisterIsAForeignMinister) {
  EXPECT_TRUE(Has(Of("The Secretary called India's External Affairs Minister on Tuesday."), "diplomacy"));
  EXPECT_FALSE(Has(Of("He ran the group's external affairs department from a base in the hills."), "diplomacy"));
}


// Scored the same whatever the number of matches: a paragraph holds one sentence per
// repetition, each with six theme matches (few at one repetition, dozens at eight).
TEST(ThemeScoringTest, RepeatsNeedsSupportAndOrderHoldForFewAndManyMatches) {
  auto tagger = MustCreate({MustParse("@name t\n@version 1\n@kind themes\n"
                                      "[delta]\nharbour | weight=1.5\n"
                                      "[alpha]\npipeline\nrefinery | weight=0.5\n"
                                      "[gamma]\nvaccine | needs-support\n"
                                      "[beta]\nhospital | weight=2\nclinic | needs-support\n")});
  for (int reps : {1, 2, 8}) {
    std::string text;
    for (int i = 0; i < reps; ++i) text += "The harbour, a vaccine, the clinic, the refinery, the hospital and the pipeline. ";
    const DocumentTags tags = MustTag(*tagger, text);
    ASSERT_EQ(tags.paragraphs.size(), 1u);
    const ParagraphTags& p = tags.paragraphs[0];
    // gamma's only entry needs support; alpha and delta tie, and go by id.
    ASSERT_EQ(ThemeList(p), "beta,alpha,delta") << reps;
    const double repeats = 1 + 0.25 * (reps - 1);
    EXPECT_DOUBLE_EQ(p.themes[0].score, 3 * repeats);
    EXPECT_DOUBLE_EQ(p.themes[1].score, 1.5 * repeats);
    EXPECT_DOUBLE_EQ(p.themes[2].score, 1.5 * repeats);
    // Hits in text order; each entry's first hit counts whole, its repeats a quarter.
    const ThemeTag& alpha = p.themes[1];
    ASSERT_EQ(alpha.hits.size(), 2u * reps);
    for (int i = 0; i < 2 * reps; ++i) {
      const ThemeHit& hit = alpha.hits[i];
      EXPECT_EQ(Slice(text, hit.span), i % 2 == 0 ? "refinery" : "pipeline");
      if (i > 0) {
        EXPECT_LT(alpha.hits[i - 1].span.begin, hit.span.begin);
      }
      EXPECT_DOUBLE_EQ(hit.weight, (i % 2 == 0 ? 0.5 : 1.0) * (i < 2 ? 1 : 0.25)) << i;
    }
    EXPECT_EQ(p.themes[0].hits.size(), 2u * reps);  // the clinic counts beside the hospital
  }
}

}  // namespace
}  // namespace polytag
