#include "score_stance.h"

#include <algorithm>

#include "normalize.h"

namespace polytag::internal {
using Modifier = StanceScratch::Modifier;

namespace {

// "and", "or": the words that coordinate a negator-like verb with the next one.
bool IsConjunction(const Token& t) {
  static const uint64_t kAnd = HashBytes("and"), kOr = HashBytes("or");
  return t.fold_len <= 3 && (t.hash == kAnd || t.hash == kOr);
}

}  // namespace

void StanceMass::Add(const StanceCue& cue, const TaggerOptions& o) {
  const bool risk_side = cue.polarity == Polarity::kRisk;
  (risk_side ? risk : opportunity) += cue.weight;
  if (cue.weight <= 0) return;
  // A weak cue that its context stresses ("but it also brings dialogue") frames too.
  const double strength = std::max(
      cue.weight, cue.lexicon_weight * (cue.polarity == cue.lexicon_polarity ? 1.0 : o.negation_flip_factor));
  double& peak = risk_side ? risk_peak : opportunity_peak;
  peak = std::max(peak, strength);
}

void StanceMass::Add(const StanceMass& other) {
  risk += other.risk;
  opportunity += other.opportunity;
  risk_peak = std::max(risk_peak, other.risk_peak);
  opportunity_peak = std::max(opportunity_peak, other.opportunity_peak);
}

StanceLabel LabelStance(const StanceMass& m, const TaggerOptions& o, double* score) {
  const double risk = m.risk, opportunity = m.opportunity;
  const double mass = risk + opportunity;
  *score = mass > 0 ? (opportunity - risk) / (mass + o.min_stance_mass) : 0.0;
  if (mass + 1e-9 < o.min_stance_mass) return StanceLabel::kNeutral;
  const bool risk_weaker = risk <= opportunity;
  const double lo = risk_weaker ? risk : opportunity, hi = risk_weaker ? opportunity : risk;
  const double weaker_peak = risk_weaker ? m.risk_peak : m.opportunity_peak;
  if (lo + 1e-9 >= o.mixed_ratio * hi && lo + 1e-9 >= o.min_mixed_side && weaker_peak + 1e-9 >= o.min_mixed_side)
    return StanceLabel::kMixed;
  return risk > opportunity ? StanceLabel::kRisk : StanceLabel::kOpportunity;
}

void ScoreStance(const Matcher& matcher, const TaggerOptions& o, const std::vector<Match>& matches,
                 const std::vector<Token>& tokens, const std::vector<uint32_t>& sentence_starts,
                 const std::vector<uint32_t>& token_sentence, StanceScratch* scratch, Stance* out) {
  if (matches.empty() || tokens.empty()) return;
  // Clause of each token: a new clause at every sentence start and clause punctuation.
  std::vector<uint32_t>& clause = scratch->clause;
  clause.resize(tokens.size());
  uint32_t c = 0;
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (t > 0 && ((tokens[t].gap & kGapClause) || token_sentence[t] != token_sentence[t - 1])) ++c;
    clause[t] = c;
  }
  std::vector<Modifier>& mods = scratch->mods;
  std::vector<const Match*>& cues = scratch->cues;
  mods.clear();
  cues.clear();
  for (const Match& m : matches) {
    const CompiledEntry& e = matcher.entry(m.entry);
    const auto role = static_cast<StanceRole>(e.category);
    if (role == StanceRole::kNeutral) continue;  // it existed only to shadow shorter cues
    if (role == StanceRole::kRisk || role == StanceRole::kOpportunity || role == StanceRole::kCriticism ||
        role == StanceRole::kHarm)
      cues.push_back(&m);
    if (role != StanceRole::kRisk && role != StanceRole::kOpportunity) mods.push_back({role, m.first, m.end, e.weight});
  }
  auto contrast_between = [&](uint32_t from, uint32_t to) {
    for (const Modifier& k : mods)
      if ((k.role == StanceRole::kContrast || k.role == StanceRole::kConcession) && k.first >= from && k.end <= to) return true;
    return false;
  };
  auto sentence_end = [&](uint32_t s) {
    return s + 1 < sentence_starts.size() ? sentence_starts[s + 1] : static_cast<uint32_t>(tokens.size());
  };
  // Whether the paragraph frames at all: holds a cue not marked needs-support.
  bool framed = false;
  for (const Match* m : cues) framed |= !matcher.entry(m->entry).needs_support;
  out->cues.reserve(out->cues.size() + cues.size());
  StanceMass mass{out->risk, out->opportunity};
  for (const Match* m : cues) {
    const CompiledEntry& e = matcher.entry(m->entry);
    StanceCue cue;
    cue.span = {tokens[m->first].begin, tokens[m->end - 1].end};
    cue.term = e.term;
    cue.lexicon_polarity = static_cast<StanceRole>(e.category) == StanceRole::kOpportunity ? Polarity::kOpportunity : Polarity::kRisk;
    cue.polarity = cue.lexicon_polarity;
    cue.lexicon_weight = e.weight;
    double w = e.weight;
    double hedge = 1, intensity = 1, contrast = 1;
    const Modifier* negator = nullptr;
    const Modifier* critics = nullptr;
    const Modifier* harm = nullptr;
    const uint32_t sent = token_sentence[m->first];
    for (const Modifier& k : mods) {
      const bool before = k.end <= m->first;
      const bool after = k.first >= m->end;
      const uint32_t gap_before = before ? m->first - k.end : 0;
      const uint32_t gap_after = after ? k.first - m->end : 0;
      const bool same_clause = (before && clause[k.end - 1] == clause[m->first]) ||
                               (after && clause[k.first] == clause[m->end - 1]);
      switch (k.role) {
        case StanceRole::kNegator: {
          // "preventing and combatting corruption": the good thing right after the
          // conjunction is the negator's partner, not its object.
          const bool coordinated = cue.lexicon_polarity == Polarity::kOpportunity && before &&
                                   m->first == k.end + 1 && IsConjunction(tokens[k.end]);
          if (before && same_clause && gap_before < static_cast<uint32_t>(o.negation_window) &&
              !contrast_between(k.end, m->first) && !coordinated)
            negator = &k;
          break;
        }
        case StanceRole::kHedge:
          if (same_clause && ((before && gap_before < static_cast<uint32_t>(o.hedge_window)) ||
                              (after && gap_after < static_cast<uint32_t>(o.hedge_window))) &&
              !(cue.modifiers & kHedged)) {
            hedge = k.weight;
            cue.modifiers |= kHedged;
            cue.rules.push_back({static_cast<CueModifier>(kHedged), {tokens[k.first].begin, tokens[k.end - 1].end}});
          }
          break;
        case StanceRole::kIntensifier:
        case StanceRole::kDiminisher: {
          const uint32_t bit = k.role == StanceRole::kIntensifier ? kIntensified : kDiminished;
          if (before && same_clause && gap_before < static_cast<uint32_t>(o.intensifier_window) &&
              !(cue.modifiers & (kIntensified | kDiminished))) {
            intensity = k.weight;
            cue.modifiers |= bit;
            cue.rules.push_back({static_cast<CueModifier>(bit), {tokens[k.first].begin, tokens[k.end - 1].end}});
          }
          break;
        }
        case StanceRole::kContrast: {
          const uint32_t ks = token_sentence[k.first];
          // A marker in the first two words of its sentence ("However,", "But then")
          // turns against the previous sentence.
          const bool opens = k.first - sentence_starts[ks] <= 1;
          bool set_aside = false, stressed = false;
          if (ks == sent && before) stressed = true;
          if (ks == sent && after) set_aside = !opens;
          if (opens && ks == sent + 1) set_aside = true;
          if (stressed && !(cue.modifiers & kAfterContrast)) {
            contrast *= o.contrast_after_factor;
            cue.modifiers |= kAfterContrast;
            cue.rules.push_back({static_cast<CueModifier>(kAfterContrast), {tokens[k.first].begin, tokens[k.end - 1].end}});
          } else if (set_aside && !(cue.modifiers & (kBeforeContrast | kConcession))) {
            contrast *= o.contrast_before_factor;
            cue.modifiers |= kBeforeContrast;
            cue.rules.push_back({static_cast<CueModifier>(kBeforeContrast), {tokens[k.first].begin, tokens[k.end - 1].end}});
          }
          break;
        }
        case StanceRole::kConcession: {
          if (token_sentence[k.first] != sent) break;
          // The concessive clause runs from the marker to the next clause boundary.
          uint32_t clause_end = k.end;
          const uint32_t send = sentence_end(sent);
          while (clause_end < send && !(tokens[clause_end].gap & kGapClause)) ++clause_end;
          if (m->first >= k.end && m->first < clause_end) {
            if (!(cue.modifiers & (kBeforeContrast | kConcession))) {
              contrast *= o.contrast_before_factor;
              cue.modifiers |= kConcession;
              cue.rules.push_back({static_cast<CueModifier>(kConcession), {tokens[k.first].begin, tokens[k.end - 1].end}});
            }
          } else if (m->first >= clause_end && !(cue.modifiers & kAfterContrast)) {
            contrast *= o.contrast_after_factor;
            cue.modifiers |= kAfterContrast;
            cue.rules.push_back({static_cast<CueModifier>(kAfterContrast), {tokens[k.first].begin, tokens[k.end - 1].end}});
          }
          break;
        }
        case StanceRole::kHarm:
          if (before && same_clause && gap_before < static_cast<uint32_t>(o.negation_window) &&
              cue.lexicon_polarity == Polarity::kOpportunity)
            harm = &k;
          break;
        case StanceRole::kCriticism:
          if (before && token_sentence[k.first] == sent && cue.lexicon_polarity == Polarity::kOpportunity)
            critics = &k;
          break;
        default:
          break;
      }
    }
    w *= hedge * intensity * contrast;
    if (negator != nullptr) {
      w *= o.negation_flip_factor;
      cue.modifiers |= kNegated;
      cue.polarity = cue.lexicon_polarity == Polarity::kRisk ? Polarity::kOpportunity : Polarity::kRisk;
      cue.rules.push_back({kNegated, {tokens[negator->first].begin, tokens[negator->end - 1].end}});
    }
    if (harm != nullptr && negator == nullptr) {
      w *= o.negation_flip_factor;
      cue.modifiers |= kHarmed;
      cue.polarity = Polarity::kRisk;
      cue.rules.push_back({kHarmed, {tokens[harm->first].begin, tokens[harm->end - 1].end}});
    } else if (critics != nullptr && negator == nullptr) {
      // What critics are reported to dispute is not an opportunity the text presents.
      w *= o.negation_flip_factor;
      cue.modifiers |= kReportedCriticism;
      cue.polarity = Polarity::kRisk;
      cue.rules.push_back({kReportedCriticism, {tokens[critics->first].begin, tokens[critics->end - 1].end}});
    }
    if (e.needs_support && !framed) {
      w = 0;
      cue.modifiers |= kUnsupported;
      cue.rules.push_back({kUnsupported, cue.span});
    }
    cue.weight = w;
    mass.Add(cue, o);
    out->cues.push_back(std::move(cue));
  }
  out->risk = mass.risk;
  out->opportunity = mass.opportunity;
  out->label = LabelStance(mass, o, &out->score);
}

}  // namespace polytag::internal
