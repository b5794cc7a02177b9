// Stance scoring for one paragraph: each risk or opportunity cue is weighed in its
// context, then the weights are summed per side and labelled.
//
// Rules, applied to every cue in this order (each rule at most once per cue; the
// TaggerOptions fields named here set the numbers):
//  1. Negation: a negator ("not", "no", "without") at most `negation_window` words
//     before the cue, in the same clause, with no contrast marker between, makes the
//     cue count for the other side at `negation_flip_factor` of its weight: "no sign
//     of escalation" leans opportunity, "not an opportunity" leans risk. An opportunity
//     cue right after the negator and a conjunction ("and", "or") is the negator's
//     partner, not its object: in "preventing and combatting corruption" both are
//     remedies. A risk cue there stays negated: in "deter and disrupt attacks" the
//     harm verb acts on the threat, as the negator does.
//  2. Hedge: a hedge ("could", "might", "potential") within `hedge_window` words before
//     or after the cue, in the same clause, multiplies it by the hedge's weight.
//  3. Intensity: an intensifier or diminisher at most `intensifier_window` words before
//     the cue, in the same clause, multiplies it by its weight ("serious risk").
//  4. Contrast: after a contrast marker ("but", "however") the rest of the sentence is
//     multiplied by `contrast_after_factor` and what it sets aside (the sentence's
//     earlier part, or the previous sentence when the marker opens a sentence) by
//     `contrast_before_factor`, when a cue follows the marker in its sentence: with
//     nothing framed after it ("Tensions are high, but he said little") it sets
//     nothing aside. A marker that opens the paragraph turns against text
//     outside it, and changes nothing: the paragraph holds nothing it sets aside, so
//     it stresses nothing either ("But do you support the plan?"). A concession
//     ("despite", "although") sets aside its own clause and strengthens the rest of
//     the sentence after that clause.
//  5. Harm: a harm verb ("undermine", "threaten"), a risk cue itself, turns an
//     opportunity cue at most `negation_window` words after it in its clause into a
//     risk at `negation_flip_factor` of its weight: "undermine stability" is a risk.
//  6. Reported criticism: after a criticism marker ("critics say"), which counts as a
//     risk cue itself, the opportunity cues of the same sentence are the critics'
//     disputed claims: they count for risk at `negation_flip_factor` of their weight.
// Support: a cue marked needs-support (an event word such as "attack") counts only when
// the paragraph also holds a framing cue, one of either side without the mark: a
// factual report of an attack frames nothing, a warning about attacks does. An
// unsupported cue stays in the cue list with weight 0 and the rule "unsupported".
// Entries of the `neutral` role ("Cold War") count for nothing; being longer than the
// cue words inside them, they keep those words from counting.
// Clauses end at commas, semicolons, colons, dashes, brackets and sentence ends.
#ifndef POLYTAG_LIB_SCORE_STANCE_H_
#define POLYTAG_LIB_SCORE_STANCE_H_

#include <algorithm>
#include <vector>

#include "absl/types/span.h"
#include "matcher.h"
#include "score_themes.h"
#include "polytag/options.h"
#include "polytag/tags.h"
#include "spares.h"

namespace polytag::internal {

// The evidence behind a stance label: the cue weights summed per side, and per side
// the framing strength of its strongest cue. A cue's framing strength is its lexicon
// weight, times `negation_flip_factor` when negation, harm or reported criticism made
// it count for the other side, or its weight in context when that is more (a contrast
// or an intensifier stressed it); 0 when it counts for nothing (unsupported).
struct StanceMass {
  double risk = 0, opportunity = 0;
  double risk_peak = 0, opportunity_peak = 0;

  // Adds the cue, or when `counts` is false adds nothing, without a branch either way.
  void Add(const StanceCue& cue, const TaggerOptions& options, bool counts = true);
  void Add(const StanceMass& other, bool counts = true);
};

// Inline: ThemeStances adds every cue once per theme, and out of line each add went
// through memory.
inline void StanceMass::Add(const StanceCue& cue, const TaggerOptions& o, bool counts) {
  // Both sides are updated, by selects: on unseen text the side of the next cue is
  // anyone's guess. Adding +0 to a sum of weights (>= +0) leaves it exact.
  const bool risk_side = cue.polarity == Polarity::kRisk;
  const double weight = Select(counts, cue.weight, 0.0);
  risk += Select(risk_side, weight, 0.0);
  opportunity += Select(risk_side, 0.0, weight);
  // A weak cue that its context stresses ("but it also brings dialogue") frames too. A
  // cue that counts for nothing has no strength, and the peaks are >= 0.
  const double lexicon_strength = cue.lexicon_weight * Select(cue.polarity == cue.lexicon_polarity, 1.0, o.negation_flip_factor);
  const double strength = Select(weight > 0, std::max(weight, lexicon_strength), 0.0);
  risk_peak = std::max(risk_peak, Select(risk_side, strength, 0.0));
  opportunity_peak = std::max(opportunity_peak, Select(risk_side, 0.0, strength));
}

inline void StanceMass::Add(const StanceMass& other, bool counts) {
  risk += Select(counts, other.risk, 0.0);
  opportunity += Select(counts, other.opportunity, 0.0);
  risk_peak = std::max(risk_peak, Select(counts, other.risk_peak, 0.0));
  opportunity_peak = std::max(opportunity_peak, Select(counts, other.opportunity_peak, 0.0));
}

// ScoreStance's work buffers, reused from paragraph to paragraph, and what it says
// besides the stance.
struct StanceScratch {
  StanceMass mass;  // the mass that labelled the stance (for the document's stance)
  // Work buffers, which hold at least one element per match of the largest paragraph
  // so far.
  struct Modifier {
    StanceRole role;
    uint32_t first, end;  // tokens
    uint32_t sentence;    // of its first token
    double weight;
    bool followed = false;  // contrast markers: a cue follows in the marker's sentence
  };
  std::vector<Modifier> mods;
  std::vector<const Match*> cues;
  // The sentence of each cue that the last call appended, in order (at least as many).
  std::vector<uint32_t> cue_sentences;
  // Cues left over from the results before (spares.h).
  Spares<StanceCue> cue_spares;
};

// `matches` are the paragraph's matches in text order, of which this reads the
// stance entries' (so that the tagger need not split them); `entries` is the
// tagger's ScoringEntries(). `sentence_starts` holds the first token of each sentence
// (SegmentSentences). Sets out->cues (built in the elements it holds: spares.h), sums
// their weights into out->risk and opportunity, labels the sum (label, score), and
// leaves it in scratch->mass.
void ScoreStance(const ScoringEntry* entries, const TaggerOptions& options,
                 absl::Span<const Match> matches, absl::Span<const Token> tokens,
                 absl::Span<const uint32_t> sentence_starts, StanceScratch* scratch, Stance* out);

// Labels a mass: neutral below min_stance_mass; mixed when the weaker side sums to at
// least min_mixed_side and mixed_ratio of the stronger and holds a cue whose framing
// strength reaches min_mixed_side; else the stronger side. The last condition is what
// "both substantially" asks: weak cues (lexicon weight below 1, such as "support",
// "partners", "crime") are often merely descriptive, and a few of them beside a
// clear framing of the other side leave that framing standing. `*score` gets
// (opportunity - risk) / (risk + opportunity + min_stance_mass), in (-1, 1), which
// stays near 0 when there is little evidence either way.
// Inline: the callers that do not read the score skip its division.
inline StanceLabel LabelStance(const StanceMass& m, const TaggerOptions& o, double* score) {
  const double risk = m.risk, opportunity = m.opportunity;
  const double mass = risk + opportunity;
  // Every condition is computed and the label selected: paragraphs and themes of
  // unseen text take each label at random.
  *score = Select(mass > 0, (opportunity - risk) / (mass + o.min_stance_mass), 0.0);
  const bool neutral = mass + 1e-9 < o.min_stance_mass;
  const bool risk_weaker = risk <= opportunity;
  const double lo = std::min(risk, opportunity), hi = std::max(risk, opportunity);
  const double weaker_peak = Select(risk_weaker, m.risk_peak, m.opportunity_peak);
  const bool mixed = (lo + 1e-9 >= o.mixed_ratio * hi) & (lo + 1e-9 >= o.min_mixed_side) &
                     (weaker_peak + 1e-9 >= o.min_mixed_side);
  StanceLabel label = risk > opportunity ? StanceLabel::kRisk : StanceLabel::kOpportunity;
  label = mixed ? StanceLabel::kMixed : label;
  return neutral ? StanceLabel::kNeutral : label;
}

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_SCORE_STANCE_H_
