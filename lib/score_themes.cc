#include "score_themes.h"

#include <algorithm>
#include <numeric>

namespace polytag::internal {

void ScoreThemes(const ThemeContext& ctx, const std::vector<Match>& matches,
                 const std::vector<Token>& tokens, const std::vector<uint32_t>& token_sentence,
                 std::vector<ThemeTag>* themes, std::vector<std::vector<uint32_t>>* theme_sentences) {
  if (matches.empty()) return;
  // Group by theme, then entry: the matches of one paragraph are few, so sorting
  // indices beats any map.
  std::vector<uint32_t> order(matches.size());
  std::iota(order.begin(), order.end(), 0);
  const Matcher& m = *ctx.matcher;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const CompiledEntry &ea = m.entry(matches[a].entry), &eb = m.entry(matches[b].entry);
    if (ea.category != eb.category) return ea.category < eb.category;
    return matches[a].entry < matches[b].entry;
  });
  const size_t first_new = themes->size();
  for (size_t i = 0; i < order.size();) {
    const uint32_t theme = m.entry(matches[order[i]].entry).category;
    size_t j = i;
    int distinct = 0;
    for (; j < order.size() && m.entry(matches[order[j]].entry).category == theme; ++j)
      if (j == i || matches[order[j]].entry != matches[order[j - 1]].entry) ++distinct;
    ThemeTag tag;
    tag.id = (*ctx.theme_ids)[theme];
    std::vector<uint32_t> sentences;
    uint32_t previous_entry = UINT32_MAX;
    for (size_t k = i; k < j; ++k) {
      const Match& match = matches[order[k]];
      const CompiledEntry& e = m.entry(match.entry);
      if (e.needs_support && distinct < 2) continue;
      const bool repeat = match.entry == previous_entry;
      previous_entry = match.entry;
      ThemeHit hit;
      hit.span = {tokens[match.first].begin, tokens[match.end - 1].end};
      hit.term = e.term;
      hit.lexicon = (*ctx.lexicon_names)[e.lexicon];
      hit.weight = repeat ? e.weight * ctx.options->repeat_hit_factor : e.weight;
      tag.score += hit.weight;
      tag.hits.push_back(std::move(hit));
      sentences.push_back(token_sentence[match.first]);
    }
    i = j;
    // A small tolerance keeps 0.5 + 0.5 at the threshold of 1 despite rounding.
    if (tag.hits.empty() || tag.score + 1e-9 < ctx.options->theme_threshold) continue;
    std::sort(tag.hits.begin(), tag.hits.end(), [](const ThemeHit& a, const ThemeHit& b) {
      return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.term < b.term;
    });
    std::sort(sentences.begin(), sentences.end());
    sentences.erase(std::unique(sentences.begin(), sentences.end()), sentences.end());
    themes->push_back(std::move(tag));
    theme_sentences->push_back(std::move(sentences));
  }
  // Highest score first; ties by id, so output never depends on lexicon order.
  std::vector<size_t> idx(themes->size() - first_new);
  std::iota(idx.begin(), idx.end(), first_new);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    const ThemeTag &ta = (*themes)[a], &tb = (*themes)[b];
    return ta.score != tb.score ? ta.score > tb.score : ta.id < tb.id;
  });
  std::vector<ThemeTag> sorted_tags;
  std::vector<std::vector<uint32_t>> sorted_sentences;
  for (size_t k : idx) {
    sorted_tags.push_back(std::move((*themes)[k]));
    sorted_sentences.push_back(std::move((*theme_sentences)[k]));
  }
  themes->resize(first_new);
  theme_sentences->resize(first_new);
  for (size_t k = 0; k < sorted_tags.size(); ++k) {
    themes->push_back(std::move(sorted_tags[k]));
    theme_sentences->push_back(std::move(sorted_sentences[k]));
  }
}

}  // namespace polytag::internal
