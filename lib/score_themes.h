// Theme scoring for one paragraph.
//
// A theme's score is the sum over its distinct entries that matched of
// weight x (1 + repeat_hit_factor x (count - 1)): a second different word is stronger
// evidence than the same word again. An entry marked needs-support counts only when
// another entry of the same theme matched in the paragraph too. The theme is present
// when its score reaches theme_threshold.
#ifndef POLYTAG_LIB_SCORE_THEMES_H_
#define POLYTAG_LIB_SCORE_THEMES_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "matcher.h"
#include "polytag/options.h"
#include "polytag/tags.h"
#include "spares.h"

namespace polytag::internal {

// `a` when `c`, else `b`, without a branch: GCC branches on a ternary of doubles, and
// on unseen text such conditions mispredict.
inline double Select(bool c, double a, double b) {
  uint64_t x, y;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  const uint64_t mask = uint64_t{0} - c;
  x = (x & mask) | (y & ~mask);
  std::memcpy(&a, &x, sizeof a);
  return a;
}

// What scoring reads of a matcher entry, in a dense array built once per tagger
// (ScoringEntries): scoring a paragraph then reads 32 bytes per match instead of the
// matcher's entries, which hold the patterns' words too.
struct ScoringEntry {
  double weight = 1;
  const char* term = nullptr;  // the entry as written: a view of the tagger's block
  uint32_t term_size = 0;      //   of lexicon strings, split to keep this in 32 bytes
  uint32_t category = 0;       // theme index, or StanceRole for stance entries
  uint32_t lexicon = 0;        // index of its lexicon's name
  bool stance = false;
  bool needs_support = false;
  std::string_view Term() const { return {term, term_size}; }
};

// One ScoringEntry per entry of `matcher`, indexed alike. Its terms view the strings
// the matcher's entries view.
std::vector<ScoringEntry> ScoringEntries(const Matcher& matcher);

struct ThemeContext {
  const ScoringEntry* entries;  // ScoringEntries()
  const TaggerOptions* options;
  const std::string_view* lexicon_names;  // by ScoringEntry::lexicon
  const std::string_view* theme_ids;      // by theme index
};

// What ScoreThemes says besides the tags, and its work buffers: reused from paragraph
// to paragraph so that scoring allocates only for the tags themselves.
struct ThemeScratch {
  std::vector<uint32_t> theme;           // per present theme, in output order: its index
  std::vector<uint32_t> sentence_begin;  // present theme k's sentences are
  std::vector<uint32_t> sentences;       //   sentences[sentence_begin[k], [k + 1]) (may hold more)
  std::vector<uint64_t> sentence_mask;   // per present theme: bit s set for its sentences s < 64
  // Work buffers; they, and `sentences`, hold at least one element per match of the
  // largest paragraph so far.
  struct Group {
    uint32_t theme;
    uint32_t distinct;  // entries
    uint32_t kept;      // hits that count
    double score;
  };
  // Per theme match, in text order and sorted: theme << 32 | entry, and the match.
  std::vector<uint64_t> keys, sorted_keys;
  std::vector<uint32_t> at, sorted_at;
  std::vector<std::pair<uint64_t, uint32_t>> large_sort;  // for paragraphs of many matches
  std::vector<Group> groups;      // per theme that matched, in theme order
  std::vector<uint32_t> present;  // the groups that reach the threshold
  std::vector<uint32_t> kept;
  std::vector<double> weights;
  // Elements left over from the results before (spares.h).
  Spares<ThemeTag> tag_spares;
  Spares<ThemeHit> hit_spares;
};

// `matches` are the paragraph's matches in text order, of which this reads the theme
// entries' (so that the tagger need not split them); `sentence_starts` holds
// the first token of each sentence (SegmentSentences). Sets `themes` to the present
// themes (highest score first, then id), built in the elements it holds (spares.h),
// and fills `scratch`'s theme, sentence_begin, sentences and sentence_mask for them
// (each theme's sentence indices sorted and distinct).
void ScoreThemes(const ThemeContext& ctx, absl::Span<const Match> matches,
                 absl::Span<const Token> tokens, absl::Span<const uint32_t> sentence_starts,
                 std::vector<ThemeTag>* themes, ThemeScratch* scratch);

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_SCORE_THEMES_H_
