// The stance rules, one at a time, on a small lexicon whose weights are all 1.
#include "gtest/gtest.h"
#include "test_util.h"

namespace polytag {
namespace {

using testing::MustCreate;
using testing::MustParse;
using testing::MustTag;
using testing::Slice;

constexpr char kStance[] = R"(@name s
@version 1
@kind stance
[risk]
escalation
threat*
tensions
risk*
sanctions
war
arrest*  | needs-support
corruption
[opportunity]
cooperation
progress
opportunit*
reduce the risk
combat* corruption
[negator]
no
not
without
prevent*
[hedge]
did not rule out
could
might
potential
if
[intensifier]
serious
[diminisher]
slight
[contrast]
but
however
on the flip side
[concession]
despite
although
[neutral]
cold war
[criticism]
critics say
[harm]
undermine
disrupt*
)";

class StanceTest : public ::testing::Test {
 protected:
  void SetUp() override { tagger_ = MustCreate({MustParse(kStance)}); }
  Stance Of(const std::string& text) {
    text_ = text;
    const DocumentTags tags = MustTag(*tagger_, text_);
    EXPECT_EQ(tags.paragraphs.size(), 1u);
    return tags.paragraphs.empty() ? Stance() : tags.paragraphs[0].stance;
  }
  std::string text_;
  std::unique_ptr<Tagger> tagger_;
};

TEST_F(StanceTest, PlainCuesCountAtTheirWeight) {
  const Stance s = Of("Officials fear escalation and new threats.");
  EXPECT_EQ(s.label, StanceLabel::kRisk);
  EXPECT_DOUBLE_EQ(s.risk, 2.0);
  EXPECT_DOUBLE_EQ(s.opportunity, 0.0);
  EXPECT_LT(s.score, 0);
  ASSERT_EQ(s.cues.size(), 2u);
  EXPECT_EQ(Slice(text_, s.cues[1].span), "threats");
  EXPECT_EQ(s.cues[1].term, "threat*");
}

TEST_F(StanceTest, NegatedCuesCountForTheOtherSideAtHalfWeight) {
  const Stance s = Of("There is no sign of escalation.");
  ASSERT_EQ(s.cues.size(), 1u);
  EXPECT_TRUE(s.cues[0].negated());
  EXPECT_EQ(s.cues[0].lexicon_polarity, Polarity::kRisk);
  EXPECT_EQ(s.cues[0].polarity, Polarity::kOpportunity);
  EXPECT_DOUBLE_EQ(s.cues[0].weight, 0.5);
  EXPECT_DOUBLE_EQ(s.risk, 0.0);
  EXPECT_EQ(s.label, StanceLabel::kNeutral);  // 0.5 is below the neutral floor of 1
}

TEST_F(StanceTest, NegationScopeIsAFewWordsOfTheSameClause) {
  EXPECT_FALSE(Of("It was not, as some said, a day of escalation.").cues[0].negated());  // comma
  EXPECT_FALSE(Of("It was not the start of a long escalation.").cues[0].negated());      // too far
  EXPECT_FALSE(Of("It did not stop there but tensions grew.").cues[0].negated());  // contrast ends scope
  EXPECT_FALSE(Of("Not yet; escalation followed.").cues[0].negated());             // clause ends scope
  EXPECT_TRUE(Of("Without cooperation, nothing moves.").cues[0].negated());
}

TEST_F(StanceTest, AGoodThingCoordinatedWithANegatorIsItsPartnerNotItsObject) {
  // Both verbs are remedies: the second is not negated by the first.
  const Stance s = Of("Free media are crucial to preventing and combatting corruption.");
  ASSERT_EQ(s.cues.size(), 1u);
  EXPECT_EQ(s.cues[0].term, "combat* corruption");
  EXPECT_FALSE(s.cues[0].negated());
  EXPECT_EQ(s.cues[0].polarity, Polarity::kOpportunity);
  // A word between them other than the conjunction leaves the negation as it was.
  EXPECT_TRUE(Of("Nothing will prevent us combatting corruption.").cues[0].negated());
  // A harm verb coordinated with a negator acts on the same threat: still negated.
  const Stance harm = Of("Police work to prevent and disrupt attacks.");
  ASSERT_FALSE(harm.cues.empty());
  EXPECT_EQ(harm.cues[0].term, "disrupt*");
  EXPECT_TRUE(harm.cues[0].negated());
}

TEST_F(StanceTest, ALongerModifierPhraseSwallowsTheNegatorInIt) {
  // "did not rule out" keeps sanctions possible: a hedge, not a negation.
  const Stance s = Of("Officials did not rule out sanctions.");
  ASSERT_EQ(s.cues.size(), 1u);
  EXPECT_FALSE(s.cues[0].negated());
  EXPECT_TRUE(s.cues[0].hedged());
  EXPECT_EQ(s.cues[0].polarity, Polarity::kRisk);
}

TEST_F(StanceTest, HedgesWeakenCuesOfTheirClause) {
  const Stance s = Of("The move could trigger escalation.");
  ASSERT_EQ(s.cues.size(), 1u);
  EXPECT_TRUE(s.cues[0].hedged());
  EXPECT_DOUBLE_EQ(s.cues[0].weight, 0.5);
  const Stance after = Of("Escalation could follow.");
  EXPECT_TRUE(after.cues[0].hedged());  // a hedge just after the cue counts too
  const Stance conditional = Of("If talks fail, escalation follows.");
  EXPECT_FALSE(conditional.cues[0].hedged());  // "if" governs its own clause only
}

// Regexes match a paragraph's folded words, so a regex cue may run across a sentence
// start; a modifier after it then counts in the sentence where the cue ends.
TEST(StanceRegexTest, ACueRunningAcrossASentenceStartTakesTheModifiersAfterItsEnd) {
  const auto tagger = MustCreate({MustParse("@name r\n@version 1\n@kind stance\n[risk]\n/tensions rise/\n"
                                            "[hedge]\ncould\n")});
  const std::string text = "Tensions. Rise could follow.";
  const DocumentTags tags = MustTag(*tagger, text);
  ASSERT_EQ(tags.paragraphs.size(), 1u);
  ASSERT_EQ(tags.paragraphs[0].sentences.size(), 2u);
  const std::vector<StanceCue>& cues = tags.paragraphs[0].stance.cues;
  ASSERT_EQ(cues.size(), 1u);
  EXPECT_EQ(Slice(text, cues[0].span), "Tensions. Rise");
  EXPECT_TRUE(cues[0].hedged());
}

TEST_F(StanceTest, IntensifiersAndDiminishersScaleTheNextCue) {
  const Stance s = Of("A serious threat and a slight risk.");
  ASSERT_EQ(s.cues.size(), 2u);
  EXPECT_DOUBLE_EQ(s.cues[0].weight, 1.5);
  EXPECT_TRUE(s.cues[0].modifiers & kIntensified);
  EXPECT_DOUBLE_EQ(s.cues[1].weight, 0.5);
  EXPECT_TRUE(s.cues[1].modifiers & kDiminished);
}

TEST_F(StanceTest, AfterAContrastTheLaterClauseWeighsMore) {
  const Stance s = Of("Tensions remain high, but cooperation is growing.");
  ASSERT_EQ(s.cues.size(), 2u);
  EXPECT_DOUBLE_EQ(s.cues[0].weight, 0.6);
  EXPECT_TRUE(s.cues[0].modifiers & kBeforeContrast);
  EXPECT_DOUBLE_EQ(s.cues[1].weight, 1.5);
  EXPECT_TRUE(s.cues[1].modifiers & kAfterContrast);
  EXPECT_EQ(s.label, StanceLabel::kOpportunity);
}

TEST_F(StanceTest, ASentenceOpeningContrastSetsAsideThePreviousSentence) {
  const Stance s = Of("Cooperation has grown. However, tensions persist. Progress is slow.");
  ASSERT_EQ(s.cues.size(), 3u);
  EXPECT_DOUBLE_EQ(s.cues[0].weight, 0.6);  // the sentence before "However"
  EXPECT_DOUBLE_EQ(s.cues[1].weight, 1.5);
  EXPECT_DOUBLE_EQ(s.cues[2].weight, 1.0);  // untouched: the next sentence
  const Stance flip = Of("Cooperation has grown. On the flip side, tensions persist.");
  ASSERT_EQ(flip.cues.size(), 2u);
  EXPECT_TRUE(flip.cues[1].modifiers & kAfterContrast);
}

TEST_F(StanceTest, AContrastOpeningTheParagraphChangesNothing) {
  // It turns against text outside the paragraph: nothing here is set aside, so
  // nothing is stressed.
  for (const char* text : {"However, tensions persist. Progress is slow.", "On the flip side, tensions persist."}) {
    const Stance s = Of(text);
    ASSERT_FALSE(s.cues.empty()) << text;
    for (const StanceCue& cue : s.cues) {
      EXPECT_EQ(cue.modifiers, 0u) << text << ": " << cue.term;
      EXPECT_DOUBLE_EQ(cue.weight, 1.0) << text << ": " << cue.term;
    }
  }
}

TEST_F(StanceTest, AContrastWithNothingAfterItSetsNothingAside) {
  // Nothing framed follows the marker in its sentence: there is nothing to set the
  // earlier cue aside for.
  for (const char* text : {"Tensions remain high, but the minister said little.",
                           "Tensions remain high. But the minister said little about them."}) {
    const Stance s = Of(text);
    ASSERT_EQ(s.cues.size(), 1u) << text;
    EXPECT_EQ(s.cues[0].modifiers, 0u) << text;
    EXPECT_DOUBLE_EQ(s.cues[0].weight, 1.0) << text;
    EXPECT_EQ(s.label, StanceLabel::kRisk) << text;
  }
  // A cue anywhere after it in the marker's sentence is enough.
  const Stance s = Of("Tensions remain high. But the minister said little, and progress is slow.");
  ASSERT_EQ(s.cues.size(), 2u);
  EXPECT_DOUBLE_EQ(s.cues[0].weight, 0.6);
  EXPECT_DOUBLE_EQ(s.cues[1].weight, 1.5);
}

TEST_F(StanceTest, AConcessionSetsAsideItsOwnClause) {
  const Stance s = Of("Despite the tensions, cooperation continued.");
  ASSERT_EQ(s.cues.size(), 2u);
  EXPECT_TRUE(s.cues[0].modifiers & kConcession);
  EXPECT_DOUBLE_EQ(s.cues[0].weight, 0.6);
  EXPECT_DOUBLE_EQ(s.cues[1].weight, 1.5);
  EXPECT_EQ(s.label, StanceLabel::kOpportunity);
}

TEST_F(StanceTest, BothSidesSubstantialIsMixed) {
  EXPECT_EQ(Of("The summit brings opportunities and risks.").label, StanceLabel::kMixed);
  EXPECT_EQ(Of("Escalation, threats and tensions, with some progress.").label, StanceLabel::kRisk);
}

TEST_F(StanceTest, MixedNeedsACueOnTheWeakerSideThatFramesOnItsOwn) {
  // Weak opportunity words, as routine in official text as "partners" and "support".
  const std::unique_ptr<Tagger> tagger = MustCreate({MustParse(R"(@name w
@version 1
@kind stance
[risk]
aggression | weight=2
[opportunity]
partners   | weight=0.5
support    | weight=0.5
talks      | weight=0.75
dialogue
[contrast]
but
)")});
  auto of = [&](const std::string& text) { return MustTag(*tagger, text).paragraphs.at(0).stance; };
  // Two weak cues reach a full cue's weight and half the risk, but neither frames on
  // its own: the aggression is what the paragraph presents.
  const Stance weak = of("Our partners stand against the aggression, with support.");
  EXPECT_DOUBLE_EQ(weak.risk, 2.0);
  EXPECT_DOUBLE_EQ(weak.opportunity, 1.0);
  EXPECT_EQ(weak.label, StanceLabel::kRisk);
  // A cue of lexicon weight 1 on the weaker side frames.
  EXPECT_EQ(of("The aggression goes on, and dialogue with it.").label, StanceLabel::kMixed);
  // So does a weak cue that a contrast stresses to a full cue (0.75 x 1.5).
  const Stance stressed = of("The aggression goes on, but talks continue.");
  EXPECT_DOUBLE_EQ(stressed.opportunity, 1.125);
  EXPECT_EQ(stressed.label, StanceLabel::kMixed);
}

TEST_F(StanceTest, NoCuesIsNeutral) {
  const Stance s = Of("The ministers met in Vienna on 4 March 2021.");
  EXPECT_EQ(s.label, StanceLabel::kNeutral);
  EXPECT_DOUBLE_EQ(s.score, 0.0);
  EXPECT_TRUE(s.cues.empty());
}

TEST_F(StanceTest, LongerCuePhrasesShadowTheirWords) {
  const Stance s = Of("The deal will reduce the risk.");
  ASSERT_EQ(s.cues.size(), 1u);
  EXPECT_EQ(s.cues[0].term, "reduce the risk");
  EXPECT_EQ(s.cues[0].polarity, Polarity::kOpportunity);
}

TEST_F(StanceTest, NeutralPhrasesShadowTheCuesInsideThem) {
  EXPECT_TRUE(Of("Relations have changed since the Cold War.").cues.empty());
  EXPECT_EQ(Of("The war went on.").cues.size(), 1u);
}

TEST_F(StanceTest, ReportedCriticismTurnsTheDisputedClaimIntoARisk) {
  const Stance s = Of("Critics say the deal brings progress.");
  ASSERT_EQ(s.cues.size(), 2u);
  EXPECT_EQ(s.cues[0].term, "critics say");
  EXPECT_EQ(s.cues[0].polarity, Polarity::kRisk);
  EXPECT_DOUBLE_EQ(s.cues[0].weight, 1.0);
  EXPECT_EQ(s.cues[1].polarity, Polarity::kRisk);
  EXPECT_TRUE(s.cues[1].modifiers & kReportedCriticism);
  EXPECT_DOUBLE_EQ(s.cues[1].weight, 0.5);
  EXPECT_EQ(s.label, StanceLabel::kRisk);
  // Only within the sentence: the next one speaks for itself.
  const Stance next = Of("Critics say so. Progress is real.");
  EXPECT_EQ(next.cues[1].polarity, Polarity::kOpportunity);
}

TEST_F(StanceTest, HarmVerbsTurnTheGoodThingTheyActOnIntoARisk) {
  const Stance s = Of("The strikes undermine cooperation.");
  ASSERT_EQ(s.cues.size(), 2u);
  EXPECT_EQ(s.cues[0].polarity, Polarity::kRisk);  // the verb itself
  EXPECT_EQ(s.cues[1].polarity, Polarity::kRisk);
  EXPECT_TRUE(s.cues[1].modifiers & kHarmed);
  EXPECT_EQ(s.label, StanceLabel::kRisk);
  // A harm verb does not reach past its clause.
  const Stance other = Of("They undermine it, but cooperation grows.");
  EXPECT_EQ(other.cues[1].polarity, Polarity::kOpportunity);
}

TEST_F(StanceTest, EventWordsCountOnlyWhereTheParagraphFrames) {
  // A factual report of arrests frames nothing...
  const Stance plain = Of("Police made two arrests on Monday.");
  ASSERT_EQ(plain.cues.size(), 1u);
  EXPECT_DOUBLE_EQ(plain.cues[0].weight, 0.0);
  EXPECT_TRUE(plain.cues[0].modifiers & kUnsupported);
  EXPECT_EQ(plain.label, StanceLabel::kNeutral);
  // ...a paragraph that also speaks of threats does, and the arrests count.
  const Stance framed = Of("Police made two arrests amid new threats.");
  EXPECT_DOUBLE_EQ(framed.cues[0].weight, 1.0);
  EXPECT_DOUBLE_EQ(framed.risk, 2.0);
}

TEST_F(StanceTest, ScoreStaysWithinBounds) {
  for (const char* text : {"escalation escalation escalation escalation escalation", "progress", "",
                           "cooperation threats progress tensions"}) {
    const DocumentTags tags = MustTag(*tagger_, text);
    EXPECT_GE(tags.stance.score, -1.0);
    EXPECT_LE(tags.stance.score, 1.0);
  }
}

// The default stance lexicon on sentences of the kind it is written for.
class DefaultStanceTest : public testing::DefaultTaggerTest {
 protected:
  static Stance Of(const std::string& text) {
    const DocumentTags tags = MustTag(*tagger_, text);
    EXPECT_EQ(tags.paragraphs.size(), 1u);
    return tags.paragraphs.empty() ? Stance() : tags.paragraphs[0].stance;
  }
};

TEST_F(DefaultStanceTest, CertaintyIdiomsOnDoubtFrameNothing) {
  for (const char* text : {"We have no reason to doubt the account given by the families.",
                           "Can anyone be in any doubt that the vote is only days away?",
                           "There is little doubt that the minister will stand again.",
                           "Without a doubt, the count will finish on Friday.",
                           "The charge must be proved beyond reasonable doubt."}) {
    const Stance s = Of(text);
    EXPECT_TRUE(s.cues.empty()) << text;
    EXPECT_EQ(s.label, StanceLabel::kNeutral) << text;
  }
  // Doubt itself still frames.
  EXPECT_EQ(Of("Investors voiced doubts about the budget.").label, StanceLabel::kRisk);
}

TEST_F(DefaultStanceTest, InstitutionsNamedAfterTheirWorkFrameNothing) {
  for (const char* text : {"The envoy met officials of the Gulf Cooperation Council in Riyadh.",
                           "Age Concern published its manifesto for older voters on Monday.",
                           "The Under Secretary for Economic Growth will travel to Ottawa.",
                           "Inspectors from the Environmental Protection Agency visited the site.",
                           "The department sent its report under the Genocide and Atrocities Prevention Act.",
                           "The Trafficking in Persons Report will be released on Thursday."}) {
    EXPECT_EQ(Of(text).label, StanceLabel::kNeutral) << text;
  }
  // The words outside the names still count.
  EXPECT_EQ(Of("The two governments pledged closer cooperation on energy.").label, StanceLabel::kOpportunity);
}

TEST_F(DefaultStanceTest, ConcernedMeaningAsRegardsFramesNothing) {
  for (const char* text : {"As far as the budget talks are concerned, the minister said nothing.",
                           "Where the northern route is concerned, the timetable has not changed.",
                           "The envoy will meet the parties concerned next week."}) {
    EXPECT_TRUE(Of(text).cues.empty()) << text;
  }
  EXPECT_EQ(Of("Officials are concerned about the budget.").label, StanceLabel::kRisk);
}

TEST_F(DefaultStanceTest, BriefingCourtesiesFrameNothing) {
  for (const char* text : {"With that, I am happy to take your questions.",
                           "Good afternoon and happy Friday, everyone.",
                           "Thank you, and I am very pleased to be here with the minister today."}) {
    const Stance s = Of(text);
    EXPECT_TRUE(s.cues.empty()) << text;
  }
  EXPECT_EQ(Of("Farmers are happy with the new trade deal.").label, StanceLabel::kOpportunity);
}

TEST_F(DefaultStanceTest, ComplaintsThatSomethingFallsShortAreRisks) {
  EXPECT_EQ(Of("Charities said the new money was too little, too late.").label, StanceLabel::kRisk);
  EXPECT_EQ(Of("Ministers were too slow to act.").label, StanceLabel::kRisk);
  // A forecast called too optimistic is doubted, not hoped for.
  const Stance s = Of("Economists said the growth forecast was too optimistic.");
  ASSERT_FALSE(s.cues.empty());
  EXPECT_EQ(s.cues.back().term, "too optimistic");
  EXPECT_EQ(s.cues.back().polarity, Polarity::kRisk);
}

TEST_F(DefaultStanceTest, AccusationsOfBadFaithAndNeglectAreRisks) {
  for (const char* text : {"The committee said ministers had misled parliament.",
                           "Union leaders said the closure was a betrayal of the workforce.",
                           "The leaflet misrepresents the party's record.",
                           "The inquiry found the agency negligent in its checks.",
                           "Voters have grown complacent about the result.",
                           "She said he had shamelessly broken his word."}) {
    const Stance s = Of(text);
    EXPECT_EQ(s.label, StanceLabel::kRisk) << text;
  }
}

TEST_F(DefaultStanceTest, AdverbialYetIsNoContrast) {
  // "has yet to" denies what follows, as "has not" would.
  const Stance pending = Of("The committee has yet to approve the peace agreement.");
  ASSERT_EQ(pending.cues.size(), 1u);
  EXPECT_TRUE(pending.cues[0].negated());
  EXPECT_EQ(pending.cues[0].polarity, Polarity::kRisk);
  for (const char* text : {"There has been no sign of a ceasefire as yet, and the shelling goes on.",
                           "Yet another attack on the pipeline was reported overnight."}) {
    for (const StanceCue& cue : Of(text).cues) {
      EXPECT_FALSE(cue.modifiers & (kAfterContrast | kBeforeContrast)) << text << ": " << cue.term;
    }
  }
  // The conjunction still turns the sentence.
  const Stance turned = Of("The talks stalled in March. Yet the ceasefire held.");
  ASSERT_FALSE(turned.cues.empty());
  EXPECT_TRUE(turned.cues.back().modifiers & kAfterContrast) << turned.cues.back().term;
}

TEST_F(DefaultStanceTest, NotOnlyButAlsoAddsAPointWithoutAContrast) {
  const Stance s = Of("The sanctions not only hurt exporters but also threaten thousands of jobs.");
  ASSERT_GE(s.cues.size(), 2u);
  for (const StanceCue& cue : s.cues) {
    EXPECT_FALSE(cue.modifiers & (kAfterContrast | kBeforeContrast)) << cue.term;
  }
  EXPECT_EQ(s.label, StanceLabel::kRisk);
}

TEST_F(DefaultStanceTest, CourtesiesAboutAnOpportunityFrameNothing) {
  for (const char* text : {"The Secretary had an opportunity to speak with the foreign minister on Monday.",
                           "I want to take this opportunity to thank our hosts in Jakarta.",
                           "The candidates lined up for photo opportunities outside the school."}) {
    for (const StanceCue& cue : Of(text).cues) ADD_FAILURE() << text << ": " << cue.term;
  }
  EXPECT_EQ(Of("The summit is an opportunity to rebuild trust between the two governments.").label,
            StanceLabel::kOpportunity);
}

TEST_F(DefaultStanceTest, OpponentsVerdictsOnAPolicyAreRisks) {
  for (const char* text : {"The opposition called the plan unworkable.",
                           "The shadow chancellor said the budget left a black hole in the public finances.",
                           "Critics said the new agency was a waste of money.",
                           "He accused the government of returning to boom and bust.",
                           "The party was in disarray after the vote.",
                           "The book describes a mutual mistrust between the two men."}) {
    EXPECT_EQ(Of(text).label, StanceLabel::kRisk) << text;
  }
}

TEST_F(DefaultStanceTest, AnnouncementsAndChancesHadFrameNothing) {
  for (const char* text : {"The department is pleased to announce the new ambassador to Chile.",
                           "Last month I had a chance to visit the new consulate in Osaka."}) {
    for (const StanceCue& cue : Of(text).cues) ADD_FAILURE() << text << ": " << cue.term;
  }
}

TEST_F(DefaultStanceTest, AbilityIsNoHedge) {
  const Stance s = Of("Without a deal, the crisis could only deepen.");
  ASSERT_FALSE(s.cues.empty());
  EXPECT_FALSE(s.cues[0].hedged()) << s.cues[0].term;
}

TEST_F(DefaultStanceTest, QuarrelsAndAngerAreRisks) {
  for (const char* text : {"The feud between the two ministers has gone on for months.",
                           "The prime minister answered with barely disguised fury.",
                           "He said he was ashamed to be a member of the party.",
                           "The two leaders spoke of their mutual concerns about the election."}) {
    const Stance s = Of(text);
    EXPECT_EQ(s.label, StanceLabel::kRisk) << text;
  }
}

TEST_F(DefaultStanceTest, InResponseToIsBecauseOfNotARemedy) {
  const Stance s = Of("The sanctions were imposed in response to the crackdown on protesters.");
  EXPECT_EQ(s.label, StanceLabel::kRisk);
  for (const StanceCue& cue : s.cues) {
    EXPECT_FALSE(cue.negated()) << cue.term;
    EXPECT_EQ(cue.polarity, Polarity::kRisk) << cue.term;
  }
}

TEST_F(DefaultStanceTest, DetentionWithoutTrialIsARisk) {
  // "without" is a negator; here it is what the detention lacks.
  EXPECT_EQ(Of("Suspects can be held without trial under the new law.").label, StanceLabel::kRisk);
}

TEST_F(DefaultStanceTest, NamesOfForumsAndSetPhrasesFrameNothing) {
  for (const char* text : {"The U.S.-Iceland Strategic Dialogue took place in Reykjavik.",
                           "We will reschedule the meeting at the earliest opportunity.",
                           "I'm afraid we have run out of time.",
                           "ASEAN urged the junta to implement the Five-Point Consensus."}) {
    for (const StanceCue& cue : Of(text).cues) {
      if (cue.term != "junta") ADD_FAILURE() << text << ": " << cue.term;
    }
  }
  EXPECT_EQ(Of("Voters are afraid of another recession.").label, StanceLabel::kRisk);
}

TEST_F(DefaultStanceTest, ChallengesBesideOpportunitiesAreMixed) {
  EXPECT_EQ(Of("The minister spoke about the challenges and opportunities of the new trade rules.").label,
            StanceLabel::kMixed);
}

TEST_F(DefaultStanceTest, OffendersBroughtToJusticeAreAGoodOutcome) {
  // The offenders still frame a risk beside it.
  const Stance tried = Of("More than seventy traffickers have been brought to justice since the programme began.");
  ASSERT_FALSE(tried.cues.empty());
  EXPECT_EQ(tried.cues.back().term, "brought to justice");
  EXPECT_EQ(tried.cues.back().polarity, Polarity::kOpportunity);
  EXPECT_NE(tried.label, StanceLabel::kRisk);
  EXPECT_EQ(Of("The reward helped bring two terrorist leaders to justice.").label, StanceLabel::kOpportunity);
}

TEST_F(DefaultStanceTest, StatePaymentsNamedBenefitsFrameNothing) {
  for (const char* text : {"Child benefit will be paid into the same account from April.",
                           "Figures on housing benefit claimants were published on Monday.",
                           "The report puts the tax burden at 37% of national income."}) {
    for (const StanceCue& cue : Of(text).cues) ADD_FAILURE() << text << ": " << cue.term;
  }
}

TEST_F(DefaultStanceTest, CommentatorsVerdictsAndBlundersAreRisks) {
  for (const char* text : {"Readers called the poster tasteless and offensive.",
                           "Voters are tired of the petty bickering between the two parties.",
                           "The minister's latest gaffe was another blow to the campaign.",
                           "The botched rollout has left the scheme in a mess.",
                           "The coalition is falling apart, her allies admit.",
                           "Investors remain sceptical and gloomy about the budget.",
                           "Residents were shocked by the troubling figures.",
                           "The army launched a fresh assault on the northern towns, and thousands had to flee "
                           "as the bombardment spread misery."}) {
    EXPECT_EQ(Of(text).label, StanceLabel::kRisk) << text;
  }
  // Set phrases that hold the words and frame nothing.
  for (const char* text : {"The minister has said an awful lot about the issue already.",
                           "The envoy began a charm offensive in the Gulf capitals."}) {
    for (const StanceCue& cue : Of(text).cues) ADD_FAILURE() << text << ": " << cue.term;
  }
}

TEST_F(DefaultStanceTest, DelightAndEnthusiasmAreOpportunities) {
  for (const char* text : {"Campaigners said the fall in street crime was heartening.",
                           "Delegates were thrilled, and the mood at the conference was enthusiastic.",
                           "The loan guarantee will shore up the country's reserves."}) {
    EXPECT_EQ(Of(text).label, StanceLabel::kOpportunity) << text;
  }
}

TEST_F(DefaultStanceTest, IntroductionsWarshipsAndFixersFrameNothing) {
  for (const char* text : {"I am very pleased to introduce our next speaker.",
                           "It is my great pleasure to introduce the ambassador.",
                           "The navy will order two more destroyers.",
                           "The savings were found by a business trouble-shooter."}) {
    for (const StanceCue& cue : Of(text).cues) ADD_FAILURE() << text << ": " << cue.term;
  }
}

TEST_F(DefaultStanceTest, RivalsSumsAttackedPlansAndBadDealsAreRisks) {
  for (const char* text : {"The shadow chancellor said the government's sums simply do not add up.",
                           "Pensioners have been hardest hit by the council tax rises.",
                           "He attacked the government's plans for the new airport.",
                           "It would be a bad deal for the farmers.",
                           "The leak compromised the safety of the stored fuel."}) {
    const Stance s = Of(text);
    EXPECT_EQ(s.label, StanceLabel::kRisk) << text;
  }
  // The campaign verb is no praise, and a verdict weighed both ways is none.
  for (const char* text : {"The party is promising to cut class sizes.",
                           "Whether the change is good or bad, it starts in April."}) {
    for (const StanceCue& cue : Of(text).cues) ADD_FAILURE() << text << ": " << cue.term;
  }
}

TEST_F(DefaultStanceTest, GiftsAidSilencingAndEmbargoedBriefings) {
  EXPECT_EQ(Of("Japan donated two million vaccine doses to the region.").label, StanceLabel::kOpportunity);
  EXPECT_EQ(Of("The agency sent emergency food aid to the coastal towns.").label, StanceLabel::kOpportunity);
  EXPECT_EQ(Of("The authorities moved to suppress dissent before the vote.").label, StanceLabel::kRisk);
  EXPECT_EQ(Of("Thousands of civilians remain trapped in the besieged city.").label, StanceLabel::kRisk);
  for (const char* text : {"This briefing is embargoed until the end of the call.",
                           "The programme trains at-risk youth as mechanics.",
                           "Witnesses gave conflicting accounts of the meeting."}) {
    for (const StanceCue& cue : Of(text).cues) ADD_FAILURE() << text << ": " << cue.term;
  }
}

}  // namespace
}  // namespace polytag
