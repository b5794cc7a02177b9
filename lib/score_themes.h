// Theme scoring for one paragraph.
//
// A theme's score is the sum over its distinct entries that matched of
// weight x (1 + repeat_hit_factor x (count - 1)): a second different word is stronger
// evidence than the same word again. An entry marked needs-support counts only when
// another entry of the same theme matched in the paragraph too. The theme is present
// when its score reaches theme_threshold.
#ifndef POLYTAG_LIB_SCORE_THEMES_H_
#define POLYTAG_LIB_SCORE_THEMES_H_

#include <string>
#include <vector>

#include "matcher.h"
#include "polytag/options.h"
#include "polytag/tags.h"

namespace polytag::internal {

struct ThemeContext {
  const Matcher* matcher;
  const TaggerOptions* options;
  const std::vector<std::string>* theme_ids;
  const std::vector<std::string>* lexicon_names;
};

// `matches` are the paragraph's theme matches in text order; `token_sentence[t]` is
// the sentence of token t. Appends the present themes to `themes` (highest score
// first, then id), and for each the sorted sentence indices that carry it.
void ScoreThemes(const ThemeContext& ctx, const std::vector<Match>& matches,
                 const std::vector<Token>& tokens, const std::vector<uint32_t>& token_sentence,
                 std::vector<ThemeTag>* themes, std::vector<std::vector<uint32_t>>* theme_sentences);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_SCORE_THEMES_H_
