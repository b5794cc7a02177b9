// Aggregation: the stance of each theme from the sentences that carry it, and the
// document's themes and stance from its paragraphs.
#ifndef POLYTAG_LIB_AGGREGATE_H_
#define POLYTAG_LIB_AGGREGATE_H_

#include <cstdint>
#include <vector>

#include "polytag/options.h"
#include "polytag/tags.h"

namespace polytag::internal {

// Per-theme stance within a paragraph: the cues of `stance` that lie in the sentences
// `theme_sentences[i]` (spans `sentences`) are summed and labelled for themes[i].
void ThemeStances(const TaggerOptions& options, const std::vector<Span>& sentences,
                  const std::vector<std::vector<uint32_t>>& theme_sentences, const Stance& stance,
                  std::vector<ThemeTag>* themes, std::vector<Stance>* theme_masses);

// The document level. Themes: every theme carried by at least
// document_theme_min_share of the paragraphs (and by at least one), its score the sum
// of the paragraph scores, ordered by paragraph count, then score, then id; its stance
// sums the per-theme masses of the paragraphs that carry it. Stance: the cue
// weights of all body paragraphs summed and labelled (headings only when there is
// no body paragraph), so long articles weigh every paragraph once.
void AggregateDocument(const TaggerOptions& options,
                       const std::vector<std::vector<Stance>>& theme_masses, DocumentTags* doc);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_AGGREGATE_H_
