#include "aggregate.h"

#include <algorithm>

namespace polytag::internal {

void ThemeStances(const TaggerOptions& options, const std::vector<Span>& sentence_spans,
                  const std::vector<uint32_t>& sentence_begin, const std::vector<uint32_t>& sentences,
                  const Stance& stance, std::vector<ThemeTag>* themes, std::vector<ThemeMass>* masses) {
  // Read through locals: the sums are stored as they go, and could alias the vectors'
  // bounds for all the compiler knows.
  const StanceCue* const cues = stance.cues.data();
  const size_t num_cues = stance.cues.size();
  for (size_t i = 0; i < themes->size(); ++i) {
    ThemeMass mass;
    // The cues are in text order and the theme's sentences sorted: one pass over both.
    size_t c = 0;
    for (uint32_t k = sentence_begin[i]; k < sentence_begin[i + 1] && c < num_cues; ++k) {
      const Span span = sentence_spans[sentences[k]];
      while (c < num_cues && cues[c].span.begin < span.begin) ++c;
      for (; c < num_cues && cues[c].span.begin < span.end; ++c) mass.Add(cues[c], options);
    }
    ThemeTag& t = (*themes)[i];
    t.stance = LabelStance(mass, options, &t.stance_score);
    masses->push_back(mass);
  }
}

void AggregateDocument(const TaggerOptions& options, const std::vector<std::string>& theme_ids,
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
    if (any_body && p.kind != ParagraphKind::kBody) continue;
    document.Add(paragraph_masses[i]);
  }
  doc->stance.risk = document.risk;
  doc->stance.opportunity = document.opportunity;
  doc->stance.label = LabelStance(document, options, &doc->stance.score);
  const double paragraphs = static_cast<double>(doc->paragraphs.size());
  auto& order = scratch->order;
  order.clear();
  for (uint32_t id = 0; id < acc.size(); ++id) {
    const AggregateScratch::Acc& a = acc[id];
    if (a.paragraphs > 0 && a.paragraphs >= options.document_theme_min_share * paragraphs - 1e-9) order.push_back(id);
  }
  // Sorted before the themes are built, so that sorting moves no strings. Ties of
  // count and score by id, which is theme index order.
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const AggregateScratch::Acc &a = acc[x], &b = acc[y];
    if (a.paragraphs != b.paragraphs) return a.paragraphs > b.paragraphs;
    if (a.score != b.score) return a.score > b.score;
    return x < y;
  });
  doc->themes.reserve(order.size());
  for (uint32_t id : order) {
    const AggregateScratch::Acc& a = acc[id];
    DocumentTheme& t = doc->themes.emplace_back();
    t.id = theme_ids[id];
    t.score = a.score;
    t.paragraphs = a.paragraphs;
    t.share = a.paragraphs / paragraphs;
    double unused;
    t.stance = LabelStance(a.stance, options, &unused);
  }
}

}  // namespace polytag::internal
