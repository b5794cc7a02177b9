#include "score_stance.h"

#include <algorithm>
#include <initializer_list>

#include "in_place.h"
#include "normalize.h"
#include "segment.h"

namespace polytag::internal {
using Modifier = StanceScratch::Modifier;

namespace {

// "and", "or": the words that coordinate a negator-like verb with the next one.
bool IsConjunction(const Token& t) {
  static const uint64_t kAnd = HashBytes("and"), kOr = HashBytes("or");
  return t.fold_len <= 3 && (t.hash == kAnd || t.hash == kOr);
}

constexpr uint32_t Roles(std::initializer_list<StanceRole> roles) {
  uint32_t bits = 0;
  for (StanceRole r : roles) bits |= 1u << static_cast<uint32_t>(r);
  return bits;
}

// Risk and opportunity entries are cues only; criticism and harm are cues and modifiers
// both; neutral entries are neither: they exist only to shadow shorter cues.
constexpr uint32_t kCueRoles = Roles({StanceRole::kRisk, StanceRole::kOpportunity, StanceRole::kCriticism, StanceRole::kHarm});
constexpr uint32_t kModifierRoles = ~Roles({StanceRole::kRisk, StanceRole::kOpportunity, StanceRole::kNeutral});

}  // namespace

void ScoreStance(const ScoringEntry* entries, const TaggerOptions& o, absl::Span<const Match> matches,
                 absl::Span<const Token> tokens, absl::Span<const uint32_t> sentence_starts,
                 StanceScratch* scratch, Stance* out) {
  scratch->mass = StanceMass{};
  if (matches.empty() || tokens.empty()) {
    scratch->cue_spares.Truncate(&out->cues, 0);
    out->label = StanceLabel::kNeutral;
    out->score = out->risk = out->opportunity = 0;
    return;
  }
  // The inputs' bounds, read once: stores to the scratch vectors could alias them for
  // all the compiler knows, which would reload them at every use.
  const Token* const tk = tokens.data();
  const uint32_t num_tokens = static_cast<uint32_t>(tokens.size());
  const uint32_t* const starts = sentence_starts.data();
  const size_t num_sentences = sentence_starts.size();
  auto sentence_of = [&](uint32_t t) { return SentenceOf(starts, num_sentences, t); };
  // Whether tokens a < b lie in one clause: no sentence start and no clause punctuation
  // in (a, b]. Asked only for pairs within a rule's window, so it reads a few tokens,
  // where a clause number per token would cost a pass over every paragraph.
  auto same_clause = [&](uint32_t a, uint32_t b) {
    for (uint32_t t = a + 1; t <= b; ++t)
      if (tk[t].gap & kGapClause) return false;
    return sentence_of(a) == sentence_of(b);
  };
  // Split the stance matches into cues and modifiers with stores that are always made
  // and counts that advance by the role: on unseen text the kind of the next match is
  // anyone's guess, and a branch on it would mispredict. The buffers only grow, and
  // are written through plain pointers so that the stores alias nothing.
  const uint32_t num_matches = static_cast<uint32_t>(matches.size());
  if (scratch->cues.size() < num_matches) {
    scratch->cues.resize(num_matches);
    scratch->mods.resize(num_matches);
    scratch->cue_sentences.resize(num_matches);
  }
  const Match** const cue_at = scratch->cues.data();
  uint32_t* const cue_sentences = scratch->cue_sentences.data();
  Modifier* const md = scratch->mods.data();
  size_t num_cues = 0, num_mods = 0;
  bool framed = false;
  const Match* const m_begin = matches.data();
  for (uint32_t i = 0; i < num_matches; ++i) {
    const Match& m = m_begin[i];
    const ScoringEntry& e = entries[m.entry];
    const uint32_t role_bit = (1u << (e.category & 31)) & (0u - e.stance);  // a theme's category is no role
    cue_at[num_cues] = &m;
    num_cues += (kCueRoles & role_bit) != 0;
    // Whether the paragraph frames at all: holds a cue not marked needs-support.
    framed |= ((kCueRoles & role_bit) != 0) & !e.needs_support;
    md[num_mods] = {static_cast<StanceRole>(e.category), m.first, m.end, 0, e.weight};
    num_mods += (kModifierRoles & role_bit) != 0;
  }
  for (size_t i = 0; i < num_mods; ++i) md[i].sentence = sentence_of(md[i].first);  // only the few kept
  auto sentence_end = [&](uint32_t s) {
    return s + 1 < num_sentences ? starts[s + 1] : num_tokens;
  };
  // A contrast marker sets aside what comes before it only for something after it: "he
  // was worried, but he said nothing" is still worry.
  for (size_t i = 0, c = 0; i < num_mods; ++i) {
    Modifier& k = md[i];
    if (k.role != StanceRole::kContrast) continue;
    while (c < num_cues && cue_at[c]->first < k.end) ++c;
    k.followed = c < num_cues && cue_at[c]->first < sentence_end(k.sentence);
  }
  auto contrast_between = [&](uint32_t from, uint32_t to) {
    for (size_t i = 0; i < num_mods; ++i) {
      const Modifier& k = md[i];
      if ((k.role == StanceRole::kContrast || k.role == StanceRole::kConcession) && k.first >= from && k.end <= to) return true;
    }
    return false;
  };
  scratch->cue_spares.Truncate(&out->cues, num_cues);
  out->cues.reserve(num_cues);
  StanceMass& mass = scratch->mass;
  size_t first_mod = 0;
  for (size_t c = 0; c < num_cues; ++c) {
    const Match* const m = cue_at[c];
    const ScoringEntry& e = entries[m->entry];
    const Polarity lexicon_polarity =
        static_cast<StanceRole>(e.category) == StanceRole::kOpportunity ? Polarity::kOpportunity : Polarity::kRisk;
    const Span span{tk[m->first].begin, tk[m->end - 1].end};
    // The cue is built in locals and stored whole at the end.
    Polarity polarity = lexicon_polarity;
    uint32_t modifiers = 0;
    // The rules gather here and go to cue.rules in one step: each rule applies
    // at most once, so there are at most as many as CueModifier bits.
    StanceCue::AppliedRule rules[10];
    size_t num_rules = 0;
    auto apply = [&](CueModifier rule, Span by) {
      modifiers |= rule;
      rules[num_rules++] = {rule, by};
    };
    auto span_of = [&](const Modifier& k) { return Span{tk[k.first].begin, tk[k.end - 1].end}; };
    double w = e.weight;
    double hedge = 1, intensity = 1, contrast = 1;
    const Modifier* negator = nullptr;
    const Modifier* critics = nullptr;
    const Modifier* harm = nullptr;
    const uint32_t sent = sentence_of(m->first);
    cue_sentences[c] = sent;
    // Every rule reads modifiers of the cue's sentence, or a contrast marker opening
    // the next one. Modifiers and cues are in text order, so where those start only
    // moves forward.
    while (first_mod < num_mods && md[first_mod].sentence < sent) ++first_mod;
    for (size_t mi = first_mod; mi < num_mods && md[mi].sentence <= sent + 1; ++mi) {
      const Modifier& k = md[mi];
      const bool before = k.end <= m->first;
      const bool after = k.first >= m->end;
      const uint32_t gap_before = before ? m->first - k.end : 0;
      const uint32_t gap_after = after ? k.first - m->end : 0;
      // Asked last in each rule, once the cheap conditions hold.
      auto in_clause = [&] { return before ? same_clause(k.end - 1, m->first) : after && same_clause(m->end - 1, k.first); };
      switch (k.role) {
        case StanceRole::kNegator: {
          // "preventing and combatting corruption": the good thing right after the
          // conjunction is the negator's partner, not its object.
          const bool coordinated = lexicon_polarity == Polarity::kOpportunity && before &&
                                   m->first == k.end + 1 && IsConjunction(tk[k.end]);
          if (before && gap_before < static_cast<uint32_t>(o.negation_window) && !coordinated && in_clause() &&
              !contrast_between(k.end, m->first))
            negator = &k;
          break;
        }
        case StanceRole::kHedge:
          if (((before && gap_before < static_cast<uint32_t>(o.hedge_window)) ||
               (after && gap_after < static_cast<uint32_t>(o.hedge_window))) &&
              !(modifiers & kHedged) && in_clause()) {
            hedge = k.weight;
            apply(kHedged, span_of(k));
          }
          break;
        case StanceRole::kIntensifier:
        case StanceRole::kDiminisher:
          if (before && gap_before < static_cast<uint32_t>(o.intensifier_window) &&
              !(modifiers & (kIntensified | kDiminished)) && in_clause()) {
            intensity = k.weight;
            apply(k.role == StanceRole::kIntensifier ? kIntensified : kDiminished, span_of(k));
          }
          break;
        case StanceRole::kContrast: {
          const uint32_t ks = k.sentence;
          // A marker in the first two words of its sentence ("However,", "But then")
          // turns against the previous sentence.
          const bool opens = k.first - sentence_starts[ks] <= 1;
          bool set_aside = false, stressed = false;
          // One opening the paragraph turns against text outside it: nothing in the
          // paragraph is set aside, so nothing in it is stressed.
          if (ks == sent && before) stressed = !(opens && ks == 0);
          if (ks == sent && after) set_aside = !opens && k.followed;
          if (opens && ks == sent + 1) set_aside = k.followed;
          if (stressed && !(modifiers & kAfterContrast)) {
            contrast *= o.contrast_after_factor;
            apply(kAfterContrast, span_of(k));
          } else if (set_aside && !(modifiers & (kBeforeContrast | kConcession))) {
            contrast *= o.contrast_before_factor;
            apply(kBeforeContrast, span_of(k));
          }
          break;
        }
        case StanceRole::kConcession: {
          if (k.sentence != sent) break;
          // The concessive clause runs from the marker to the next clause boundary.
          uint32_t clause_end = k.end;
          const uint32_t send = sentence_end(sent);
          while (clause_end < send && !(tk[clause_end].gap & kGapClause)) ++clause_end;
          if (m->first >= k.end && m->first < clause_end) {
            if (!(modifiers & (kBeforeContrast | kConcession))) {
              contrast *= o.contrast_before_factor;
              apply(kConcession, span_of(k));
            }
          } else if (m->first >= clause_end && !(modifiers & kAfterContrast)) {
            contrast *= o.contrast_after_factor;
            apply(kAfterContrast, span_of(k));
          }
          break;
        }
        case StanceRole::kHarm:
          if (before && gap_before < static_cast<uint32_t>(o.negation_window) &&
              lexicon_polarity == Polarity::kOpportunity && in_clause())
            harm = &k;
          break;
        case StanceRole::kCriticism:
          if (before && k.sentence == sent && lexicon_polarity == Polarity::kOpportunity)
            critics = &k;
          break;
        default:
          break;
      }
    }
    w *= hedge * intensity * contrast;
    if (negator != nullptr) {
      w *= o.negation_flip_factor;
      polarity = lexicon_polarity == Polarity::kRisk ? Polarity::kOpportunity : Polarity::kRisk;
      apply(kNegated, span_of(*negator));
    }
    if (harm != nullptr && negator == nullptr) {
      w *= o.negation_flip_factor;
      polarity = Polarity::kRisk;
      apply(kHarmed, span_of(*harm));
    } else if (critics != nullptr && negator == nullptr) {
      // What critics are reported to dispute is not an opportunity the text presents.
      w *= o.negation_flip_factor;
      polarity = Polarity::kRisk;
      apply(kReportedCriticism, span_of(*critics));
    }
    // Recorded always, counted when it applies: unseen text mispredicts the test.
    const bool unsupported = e.needs_support & !framed;
    rules[num_rules] = {kUnsupported, span};
    num_rules += unsupported;
    modifiers |= unsupported ? uint32_t{kUnsupported} : 0u;
    w = Select(unsupported, 0.0, w);
    StanceCue* const reused = scratch->cue_spares.Reuse(&out->cues, c);
    if (reused != nullptr) {
      reused->span = span;
      reused->term = e.Term();
      reused->polarity = polarity;
      reused->lexicon_polarity = lexicon_polarity;
      reused->lexicon_weight = e.weight;
      reused->weight = w;
      reused->modifiers = modifiers;
      reused->entry = m->entry;
      reused->rules.assign(rules, rules + num_rules);
    }
    const StanceCue& cue = reused != nullptr ? *reused : out->cues.emplace_back(InPlace{[&] {
      return StanceCue{span, e.Term(), polarity, lexicon_polarity, e.weight, w, modifiers, m->entry,
                       StanceCue::AppliedRules(rules, rules + num_rules)};
    }});
    mass.Add(cue, o);
  }
  out->risk = mass.risk;
  out->opportunity = mass.opportunity;
  out->label = LabelStance(mass, o, &out->score);
}

}  // namespace polytag::internal
