#include "score_themes.h"

#include <algorithm>

#include "in_place.h"
#include "segment.h"

namespace polytag::internal {

std::vector<ScoringEntry> ScoringEntries(const Matcher& matcher, const std::vector<std::string>& lexicon_names) {
  std::vector<ScoringEntry> out(matcher.size());
  for (uint32_t i = 0; i < matcher.size(); ++i) {
    const CompiledEntry& e = matcher.entry(i);
    out[i] = {e.weight, &e.term, &lexicon_names[e.lexicon], e.category, e.stance, e.needs_support};
  }
  return out;
}

void ScoreThemes(const ThemeContext& ctx, const std::vector<Match>& matches,
                 const std::vector<Token>& tokens, const std::vector<uint32_t>& sentence_starts,
                 std::vector<ThemeTag>* themes, ThemeScratch* s) {
  s->theme.clear();
  s->sentence_begin.assign(1, 0);
  const uint32_t num_matches = static_cast<uint32_t>(matches.size());
  if (num_matches == 0) return;
  // The buffers only grow, and are read and written through plain pointers: with
  // push_back, every store could alias a vector's bounds for all the compiler knows,
  // which would reload them at every match.
  if (s->order.size() < num_matches) {
    s->order.resize(num_matches);
    s->weights.resize(num_matches);
    s->kept.resize(num_matches);
    s->sentences.resize(num_matches);
  }
  const Match* const m = matches.data();
  const Token* const tk = tokens.data();
  const ScoringEntry* const entries = ctx.entries;
  const TaggerOptions& o = *ctx.options;
  // Group by theme, then entry (then text order): the matches of one paragraph are
  // few, so sorting indices beats any map. Every match is written, and only a theme
  // entry's kept: no branch on the kind of entry.
  std::pair<uint64_t, uint32_t>* const order = s->order.data();
  uint32_t num_order = 0;
  for (uint32_t k = 0; k < num_matches; ++k) {
    const ScoringEntry& e = entries[m[k].entry];
    order[num_order] = {uint64_t{e.category} << 32 | m[k].entry, k};
    num_order += !e.stance;
    // The terms lie in the matcher's entries, which unseen text reaches at random:
    // fetched now, they have arrived by the time hits and stance cues copy them.
    __builtin_prefetch(e.term);
  }
  if (num_order == 0) return;
  std::sort(order, order + num_order);
  // Each hit's weight, in group order: a repeat of the entry before it counts less. An
  // entry marked needs-support counts only beside another distinct entry of its theme
  // (weight < 0 marks a hit left out). Kept per match, for the hits in text order.
  double* const weights = s->weights.data();
  auto& groups = s->groups;
  groups.clear();
  for (uint32_t i = 0; i < num_order;) {
    const uint64_t theme_key = order[i].first >> 32;
    uint32_t j = i + 1;
    int distinct = 1;
    for (; j < num_order && order[j].first >> 32 == theme_key; ++j) distinct += order[j].first != order[j - 1].first;
    double score = 0;
    bool any = false;
    uint64_t previous = UINT64_MAX;  // the key (theme and entry) of the hit before
    for (uint32_t k = i; k < j; ++k) {
      const uint32_t at = order[k].second;
      const ScoringEntry& e = entries[m[at].entry];
      if (e.needs_support && distinct < 2) {
        weights[at] = -1;
        continue;
      }
      const bool repeat = order[k].first == previous;
      previous = order[k].first;
      weights[at] = repeat ? e.weight * o.repeat_hit_factor : e.weight;
      score += weights[at];
      any = true;
    }
    // A small tolerance keeps 0.5 + 0.5 at the threshold of 1 despite rounding.
    if (any && score + 1e-9 >= o.theme_threshold)
      groups.push_back({i, j, static_cast<uint32_t>(theme_key), score});
    i = j;
  }
  // Highest score first; ties by id, so output never depends on lexicon order.
  std::sort(groups.begin(), groups.end(), [](const ThemeScratch::Group& a, const ThemeScratch::Group& b) {
    return a.score != b.score ? a.score > b.score : a.theme < b.theme;  // ids are sorted
  });
  const std::vector<std::string>& ids = *ctx.theme_ids;
  themes->reserve(themes->size() + groups.size());
  uint32_t* const kept = s->kept.data();
  uint32_t* const sentences = s->sentences.data();  // at most one per hit
  uint32_t num_sentences = 0;
  const uint32_t* const starts = sentence_starts.data();
  const size_t num_starts = sentence_starts.size();
  // Hits in text order, then by term (then entry, then as found). Matches come by
  // first token, then entry: in match order, only hits that start at one word may
  // need sorting by term.
  auto hit_before = [&](uint32_t a, uint32_t b) {
    const Match &ma = m[a], &mb = m[b];
    if (ma.first != mb.first) return ma.first < mb.first;  // tokens are in text order
    if (ma.entry == mb.entry) return a < b;
    const int c = entries[ma.entry].term->compare(*entries[mb.entry].term);
    return c != 0 ? c < 0 : ma.entry < mb.entry;
  };
  for (const ThemeScratch::Group& g : groups) {
    uint32_t num_kept = 0;
    for (uint32_t k = g.begin; k < g.end; ++k) {
      kept[num_kept] = order[k].second;
      num_kept += weights[order[k].second] >= 0;
    }
    if (!std::is_sorted(kept, kept + num_kept)) std::sort(kept, kept + num_kept);  // match order
    bool by_term = false;
    for (uint32_t k = 1; k < num_kept; ++k) by_term |= m[kept[k - 1]].first == m[kept[k]].first;
    if (by_term && !std::is_sorted(kept, kept + num_kept, hit_before)) std::sort(kept, kept + num_kept, hit_before);
    ThemeTag& tag = themes->emplace_back(InPlace{[&] { return ThemeTag{ids[g.theme], g.score, {}, StanceLabel::kNeutral, 0}; }});
    tag.hits.reserve(num_kept);
    // In text order, so the theme's sentences come sorted: each is kept when it differs
    // from the one before.
    const uint32_t first_sentence = num_sentences;
    for (uint32_t i = 0; i < num_kept; ++i) {
      const Match& match = m[kept[i]];
      const ScoringEntry& e = entries[match.entry];
      tag.hits.emplace_back(InPlace{[&] {
        return ThemeHit{{tk[match.first].begin, tk[match.end - 1].end}, *e.term, *e.lexicon, weights[kept[i]]};
      }});
      const uint32_t sentence = SentenceOf(starts, num_starts, match.first);
      if (num_sentences == first_sentence || sentences[num_sentences - 1] != sentence) sentences[num_sentences++] = sentence;
    }
    s->theme.push_back(g.theme);
    s->sentence_begin.push_back(num_sentences);
  }
}

}  // namespace polytag::internal
