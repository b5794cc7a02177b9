// Aggregation: the stance of each theme from the sentences that carry it, and the
// document's themes and stance from its paragraphs.
#ifndef POLYTAG_LIB_AGGREGATE_H_
#define POLYTAG_LIB_AGGREGATE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "polytag/options.h"
#include "polytag/tags.h"
#include "score_stance.h"
#include "spares.h"

namespace polytag::internal {

// The stance cues that lie in the sentences of one theme of one paragraph.
using ThemeMass = StanceMass;

// ThemeStances' and AggregateDocument's work buffers, reused from paragraph to
// paragraph and document to document.
struct AggregateScratch {
  std::vector<uint8_t> in_theme;  // per sentence of the paragraph
  struct Acc {
    double score = 0;
    int paragraphs = 0;
    StanceMass stance;
  };
  std::vector<Acc> acc;         // per theme
  std::vector<uint32_t> order;  // the document's themes, in output order
  // Document themes left over from the results before (spares.h).
  Spares<DocumentTheme> theme_spares;
};

// Per-theme stance within a paragraph of `num_sentences` sentences: the cues of
// `stance` that lie in the sentences of themes[i] (sentences[sentence_begin[i],
// sentence_begin[i + 1])) are summed and labelled for themes[i]; the sums are appended
// to `masses`, one per theme. `cue_sentences` holds the sentence of each cue
// (StanceScratch); `sentence_masks` the same sentences as bits, which are used instead
// when the paragraph has at most 64 sentences (ThemeScratch).
void ThemeStances(const TaggerOptions& options, size_t num_sentences, const std::vector<uint32_t>& cue_sentences,
                  const std::vector<uint32_t>& sentence_begin, const std::vector<uint32_t>& sentences,
                  const std::vector<uint64_t>& sentence_masks,
                  const Stance& stance, AggregateScratch* scratch, std::vector<ThemeTag>* themes,
                  std::vector<ThemeMass>* masses);

// The document level. `theme_index` and `masses` hold, paragraph after paragraph, an
// element per theme of the paragraph: its index in `theme_ids` (sorted) and its
// ThemeStances mass (the scores are read from doc->paragraphs); `paragraph_masses`
// holds each paragraph's stance mass (ScoreStance's scratch mass). Themes: every
// theme carried by at least document_theme_min_share of the paragraphs (and by at
// least one), its score the sum of the paragraph scores, ordered by paragraph count,
// then score, then id; its stance sums the per-theme masses of the paragraphs that
// carry it. Stance: the masses of all body paragraphs summed and labelled (headings
// only when there is no body paragraph), so long articles weigh every paragraph once.
void AggregateDocument(const TaggerOptions& options, const std::vector<std::string_view>& theme_ids,
                       const std::vector<uint32_t>& theme_index, const std::vector<ThemeMass>& masses,
                       const std::vector<StanceMass>& paragraph_masses, AggregateScratch* scratch,
                       DocumentTags* doc);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_AGGREGATE_H_
