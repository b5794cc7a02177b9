#include "score_themes.h"

#include <algorithm>

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
  s->sentences.clear();
  if (matches.empty()) return;
  const ScoringEntry* entries = ctx.entries;
  const TaggerOptions& o = *ctx.options;
  // Group by theme, then entry (then text order): the matches of one paragraph are
  // few, so sorting indices beats any map.
  auto& order = s->order;
  order.clear();
  for (uint32_t k = 0; k < matches.size(); ++k) {
    const ScoringEntry& e = entries[matches[k].entry];
    if (!e.stance) order.emplace_back(uint64_t{e.category} << 32 | matches[k].entry, k);
  }
  if (order.empty()) return;
  std::sort(order.begin(), order.end());
  // Each hit's weight, in group order: a repeat of the entry before it counts less. An
  // entry marked needs-support counts only beside another distinct entry of its theme
  // (weight < 0 marks a hit left out). Kept per match, for the hits in text order.
  auto& weights = s->weights;
  weights.resize(matches.size());
  auto& groups = s->groups;
  groups.clear();
  for (size_t i = 0; i < order.size();) {
    const uint32_t theme = static_cast<uint32_t>(order[i].first >> 32);
    size_t j = i;
    int distinct = 0;
    for (; j < order.size() && static_cast<uint32_t>(order[j].first >> 32) == theme; ++j)
      if (j == i || matches[order[j].second].entry != matches[order[j - 1].second].entry) ++distinct;
    double score = 0;
    bool any = false;
    uint32_t previous_entry = UINT32_MAX;
    for (size_t k = i; k < j; ++k) {
      const uint32_t at = order[k].second;
      const Match& match = matches[at];
      const ScoringEntry& e = entries[match.entry];
      if (e.needs_support && distinct < 2) {
        weights[at] = -1;
        continue;
      }
      const bool repeat = match.entry == previous_entry;
      previous_entry = match.entry;
      weights[at] = repeat ? e.weight * o.repeat_hit_factor : e.weight;
      score += weights[at];
      any = true;
    }
    // A small tolerance keeps 0.5 + 0.5 at the threshold of 1 despite rounding.
    if (any && score + 1e-9 >= o.theme_threshold)
      groups.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j), theme, score});
    i = j;
  }
  // Highest score first; ties by id, so output never depends on lexicon order.
  const std::vector<std::string>& ids = *ctx.theme_ids;
  std::sort(groups.begin(), groups.end(), [&](const ThemeScratch::Group& a, const ThemeScratch::Group& b) {
    return a.score != b.score ? a.score > b.score : a.theme < b.theme;  // ids are sorted
  });
  themes->reserve(themes->size() + groups.size());
  auto& kept = s->kept;
  // Hits in text order, then by term (then entry, then as found): the matches of the
  // theme as they come, sorted only when two of them start at one word.
  auto hit_before = [&](uint32_t a, uint32_t b) {
    const Match &ma = matches[a], &mb = matches[b];
    const uint32_t ba = tokens[ma.first].begin, bb = tokens[mb.first].begin;
    if (ba != bb) return ba < bb;
    if (ma.entry == mb.entry) return a < b;
    const int c = entries[ma.entry].term->compare(*entries[mb.entry].term);
    return c != 0 ? c < 0 : ma.entry < mb.entry;
  };
  for (const ThemeScratch::Group& g : groups) {
    kept.clear();
    for (uint32_t k = g.begin; k < g.end; ++k)
      if (weights[order[k].second] >= 0) kept.push_back(order[k].second);
    if (g.end - g.begin > 1) std::sort(kept.begin(), kept.end());  // text order
    if (!std::is_sorted(kept.begin(), kept.end(), hit_before)) std::sort(kept.begin(), kept.end(), hit_before);
    // The id copy-constructed: cheaper than assigning to a default-constructed string.
    themes->push_back(ThemeTag{ids[g.theme], g.score, {}, StanceLabel::kNeutral, 0});
    ThemeTag& tag = themes->back();
    tag.hits.reserve(kept.size());
    // In text order, so the theme's sentences come sorted: each is kept when it differs
    // from the one before.
    const size_t first_sentence = s->sentences.size();
    for (uint32_t k : kept) {
      const Match& match = matches[k];
      const ScoringEntry& e = entries[match.entry];
      // Copy-constructed strings: cheaper than assigning to default-constructed ones.
      tag.hits.push_back(ThemeHit{{tokens[match.first].begin, tokens[match.end - 1].end}, *e.term, *e.lexicon, weights[k]});
      const uint32_t sentence = SentenceOf(sentence_starts, match.first);
      if (s->sentences.size() == first_sentence || s->sentences.back() != sentence) s->sentences.push_back(sentence);
    }
    s->theme.push_back(g.theme);
    s->sentence_begin.push_back(static_cast<uint32_t>(s->sentences.size()));
  }
}

}  // namespace polytag::internal
