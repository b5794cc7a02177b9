#include "aggregate.h"

#include <algorithm>

namespace polytag::internal {

void ThemeStances(const TaggerOptions& options, size_t num_sentences, const std::vector<uint32_t>& cue_sentences,
                  const std::vector<uint32_t>& sentence_begin, const std::vector<uint32_t>& sentences,
                  const std::vector<uint64_t>& sentence_masks, const Stance& stance, AggregateScratch* scratch,
                  std::vector<ThemeTag>* themes, std::vector<ThemeMass>* masses) {
  // Read through locals: the sums are stored as they go, and could alias the vectors'
  // bounds for all the compiler knows.
  const StanceCue* const cues = stance.cues.data();
  const size_t num_cues = stance.cues.size();
  const uint32_t* const cue_sentence = cue_sentences.data();
  // Every cue is added, counted or not by whether its sentence carries the theme: on
  // unseen text a branch on it would mispredict. In text order, so the sums are as
  // exact as ever. A paragraph's few sentences fit a mask, which saves marking them
  // (two loops of varying length per theme).
  const bool by_mask = num_sentences <= 64;
  if (!by_mask && scratch->in_theme.size() < num_sentences) scratch->in_theme.resize(num_sentences);
  uint8_t* const in_theme = scratch->in_theme.data();  // all 0 between themes
  for (size_t i = 0; i < themes->size(); ++i) {
    ThemeMass mass;
    if (by_mask) {
      const uint64_t mask = sentence_masks[i];
      for (size_t c = 0; c < num_cues; ++c) mass.Add(cues[c], options, (mask >> cue_sentence[c]) & 1);
    } else {
      for (uint32_t k = sentence_begin[i]; k < sentence_begin[i + 1]; ++k) in_theme[sentences[k]] = 1;
      for (size_t c = 0; c < num_cues; ++c) mass.Add(cues[c], options, in_theme[cue_sentence[c]]);
      for (uint32_t k = sentence_begin[i]; k < sentence_begin[i + 1]; ++k) in_theme[sentences[k]] = 0;
    }
    ThemeTag& t = (*themes)[i];
    t.stance = LabelStance(mass, options, &t.stance_score);
    masses->push_back(mass);
  }
}

void AggregateDocument(const TaggerOptions& options, const std::vector<std::string_view>& theme_ids,
                       const std::vector<uint32_t>& theme_index, const std::vector<ThemeMass>& masses,
                       const std::vector<StanceMass>& paragraph_masses, AggregateScratch* scratch,
                       DocumentTags* doc) {
  // Indexed by theme: theme_ids is sorted, so ties resolve by id on every run.
  auto& acc = scratch->acc;
  acc.assign(theme_ids.size(), {});
  bool any_body = false;
  for (const ParagraphTags& p : doc->paragraphs) any_body |= p.kind == ParagraphKind::kBody;
  size_t at = 0;  // into theme_index and masses
  StanceMass document;
  for (size_t i = 0; i < doc->paragraphs.size(); ++i) {
    const ParagraphTags& p = doc->paragraphs[i];
    for (const ThemeTag& t : p.themes) {
      AggregateScratch::Acc& a = acc[theme_index[at]];
      a.score += t.score;
      a.paragraphs += 1;
      a.stance.Add(masses[at]);
      ++at;
    }
    // Added or not by a select: headings come where the text puts them.
    document.Add(paragraph_masses[i], !any_body || p.kind == ParagraphKind::kBody);
  }
  doc->stance.risk = document.risk;
  doc->stance.opportunity = document.opportunity;
  doc->stance.label = LabelStance(document, options, &doc->stance.score);
  const double paragraphs = static_cast<double>(doc->paragraphs.size());
  auto& order = scratch->order;
  order.clear();
  order.resize(acc.size());
  size_t num_order = 0;  // stored always, counted when the theme is kept: no branch on it
  for (uint32_t id = 0; id < acc.size(); ++id) {
    const AggregateScratch::Acc& a = acc[id];
    order[num_order] = id;
    num_order += (a.paragraphs > 0) & (a.paragraphs >= options.document_theme_min_share * paragraphs - 1e-9);
  }
  order.resize(num_order);
  // Sorted before the themes are built, so that sorting moves indices, not themes. Ties of
  // count and score by id, which is theme index order.
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const AggregateScratch::Acc &a = acc[x], &b = acc[y];
    if (a.paragraphs != b.paragraphs) return a.paragraphs > b.paragraphs;
    if (a.score != b.score) return a.score > b.score;
    return x < y;
  });
  scratch->theme_spares.Resize(&doc->themes, order.size());
  for (size_t k = 0; k < order.size(); ++k) {
    const uint32_t id = order[k];
    const AggregateScratch::Acc& a = acc[id];
    DocumentTheme& t = doc->themes[k];
    t.id = theme_ids[id];
    t.score = a.score;
    t.paragraphs = a.paragraphs;
    t.share = a.paragraphs / paragraphs;
    double unused;
    t.stance = LabelStance(a.stance, options, &unused);
  }
}

}  // namespace polytag::internal
