#include "score_themes.h"

#include <algorithm>
#include <cstdint>

#include "in_place.h"
#include "segment.h"

namespace polytag::internal {

std::vector<ScoringEntry> ScoringEntries(const Matcher& matcher) {
  std::vector<ScoringEntry> out(matcher.size());
  for (uint32_t i = 0; i < matcher.size(); ++i) {
    const CompiledEntry& e = matcher.entry(i);
    out[i] = {e.weight, e.term.data(), static_cast<uint32_t>(e.term.size()), e.category, e.lexicon, e.stance,
              e.needs_support};
  }
  return out;
}

namespace {

// Sorts keys[0, n) into sorted_keys, and moves at[] alike into sorted_at; equal keys
// keep their order. Each element goes where the count of the elements before it says,
// counted without a branch: on unseen text the comparisons of std::sort mispredict
// about every other time, and a paragraph holds a handful of theme matches, so the
// n * n comparisons cost less. Past kMaxRankSort, std::sort.
constexpr uint32_t kMaxRankSort = 32;
void SortByKey(const uint64_t* keys, const uint32_t* at, uint32_t n, uint64_t* sorted_keys, uint32_t* sorted_at,
               std::vector<std::pair<uint64_t, uint32_t>>* large) {
  if (n > kMaxRankSort) {
    large->clear();
    for (uint32_t i = 0; i < n; ++i) large->push_back({keys[i], i});
    std::sort(large->begin(), large->end());
    for (uint32_t i = 0; i < n; ++i) {
      sorted_keys[i] = (*large)[i].first;
      sorted_at[i] = at[(*large)[i].second];
    }
    return;
  }
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t key = keys[i];
    uint32_t rank = 0;
    for (uint32_t j = 0; j < i; ++j) rank += keys[j] <= key;
    for (uint32_t j = i + 1; j < n; ++j) rank += keys[j] < key;
    sorted_keys[rank] = key;
    sorted_at[rank] = at[i];
  }
}

}  // namespace

void ScoreThemes(const ThemeContext& ctx, absl::Span<const Match> matches,
                 absl::Span<const Token> tokens, absl::Span<const uint32_t> sentence_starts,
                 std::vector<ThemeTag>* themes, ThemeScratch* s) {
  s->theme.clear();
  s->sentence_mask.clear();
  s->sentence_begin.assign(1, 0);
  const uint32_t num_matches = static_cast<uint32_t>(matches.size());
  if (num_matches == 0) return s->tag_spares.Truncate(themes, 0);
  // The buffers only grow, and are read and written through plain pointers: with
  // push_back, every store could alias a vector's bounds for all the compiler knows,
  // which would reload them at every match.
  if (s->keys.size() < num_matches) {
    for (std::vector<uint32_t>* v : {&s->at, &s->sorted_at, &s->present, &s->kept, &s->sentences}) v->resize(num_matches);
    s->keys.resize(num_matches);
    s->sorted_keys.resize(num_matches);
    s->groups.resize(num_matches);
    s->weights.resize(num_matches);
  }
  const Match* const m = matches.data();
  const Token* const tk = tokens.data();
  const ScoringEntry* const entries = ctx.entries;
  const TaggerOptions& o = *ctx.options;
  // Every match is written, and only a theme entry's kept: no branch on the kind of
  // entry.
  uint64_t* const keys = s->keys.data();
  uint32_t* const at = s->at.data();
  uint32_t n = 0;
  for (uint32_t k = 0; k < num_matches; ++k) {
    const ScoringEntry& e = entries[m[k].entry];
    keys[n] = uint64_t{e.category} << 32 | m[k].entry;
    at[n] = k;
    n += !e.stance;
  }
  if (n == 0) return s->tag_spares.Truncate(themes, 0);
  // Grouped by theme, then entry, then text order: the matches of one paragraph are
  // few, so sorting beats any map.
  uint64_t* const sorted_keys = s->sorted_keys.data();
  uint32_t* const sorted_at = s->sorted_at.data();
  SortByKey(keys, at, n, sorted_keys, sorted_at, &s->large_sort);
  // Each hit's weight, in group order: a repeat of the entry before it counts less. An
  // entry marked needs-support counts only beside another distinct entry of its theme
  // (weight < 0 marks a hit left out). Kept per match, for the hits in text order.
  // Two passes over the sorted matches, the first counting each theme's entries; no
  // branch on where a group or an entry starts, which unseen text mispredicts.
  double* const weights = s->weights.data();
  ThemeScratch::Group* const groups = s->groups.data();
  std::fill(groups, groups + n, ThemeScratch::Group{});
  uint32_t g = 0;
  for (uint32_t i = 0, previous = static_cast<uint32_t>(sorted_keys[0] >> 32); i < n; ++i) {
    const uint64_t key = sorted_keys[i];
    g += static_cast<uint32_t>(key >> 32) != previous;
    previous = static_cast<uint32_t>(key >> 32);
    groups[g].theme = previous;
    groups[g].distinct += i == 0 || key != sorted_keys[i - 1];
  }
  const uint32_t num_groups = g + 1;
  const double repeat_factor[2] = {o.repeat_hit_factor, 1.0};  // by whether the entry is new
  g = 0;
  for (uint32_t i = 0, previous = static_cast<uint32_t>(sorted_keys[0] >> 32); i < n; ++i) {
    const uint64_t key = sorted_keys[i];
    g += static_cast<uint32_t>(key >> 32) != previous;
    previous = static_cast<uint32_t>(key >> 32);
    ThemeScratch::Group& group = groups[g];
    const ScoringEntry& e = entries[m[sorted_at[i]].entry];
    const bool counts = !(e.needs_support & (group.distinct < 2));
    const double weight = e.weight * repeat_factor[i == 0 || key != sorted_keys[i - 1]];
    weights[sorted_at[i]] = Select(counts, weight, -1.0);
    group.score += Select(counts, weight, 0.0);  // exact: the score starts at +0
    group.kept += counts;
  }
  // A small tolerance keeps 0.5 + 0.5 at the threshold of 1 despite rounding.
  uint32_t* const present = s->present.data();
  uint32_t* const kept = s->kept.data();  // work space here
  uint32_t num_present = 0;
  for (uint32_t k = 0; k < num_groups; ++k) {
    kept[num_present] = k;
    num_present += (groups[k].kept > 0) & (groups[k].score + 1e-9 >= o.theme_threshold);
  }
  // Highest score first; ties by id, so output never depends on lexicon order (ids
  // are sorted). A handful of themes: ranked by counting, as the matches were.
  for (uint32_t i = 0; i < num_present; ++i) {
    const ThemeScratch::Group& x = groups[kept[i]];
    uint32_t rank = 0;
    for (uint32_t j = 0; j < num_present; ++j) {
      const ThemeScratch::Group& y = groups[kept[j]];
      rank += (y.score > x.score) | ((y.score == x.score) & (y.theme < x.theme));
    }
    present[rank] = kept[i];
  }
  const std::string_view* const ids = ctx.theme_ids;
  const std::string_view* const lexicon_names = ctx.lexicon_names;
  s->tag_spares.Truncate(themes, num_present);
  themes->reserve(num_present);
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
    const int c = entries[ma.entry].Term().compare(entries[mb.entry].Term());
    return c != 0 ? c < 0 : ma.entry < mb.entry;
  };
  for (uint32_t p = 0; p < num_present; ++p) {
    const ThemeScratch::Group& group = groups[present[p]];
    // The theme's hits that count, picked from all the theme matches in text order.
    // Two that start at one word need the sort by term.
    uint32_t num_kept = 0;
    bool by_term = false;
    for (uint32_t k = 0, last_first = UINT32_MAX; k < n; ++k) {
      const uint32_t first = m[at[k]].first;
      const bool hit = (keys[k] >> 32 == group.theme) & (weights[at[k]] >= 0);
      kept[num_kept] = at[k];
      num_kept += hit;
      by_term |= hit & (first == last_first);
      last_first = hit ? first : last_first;
    }
    if (by_term && !std::is_sorted(kept, kept + num_kept, hit_before)) std::sort(kept, kept + num_kept, hit_before);
    ThemeTag* reused = s->tag_spares.Reuse(themes, p);
    if (reused != nullptr) {
      reused->id = ids[group.theme];
      reused->score = group.score;
      reused->stance = StanceLabel::kNeutral;
      reused->stance_score = 0;
    }
    ThemeTag& tag = reused != nullptr ? *reused : themes->emplace_back(InPlace{[&] {
      return ThemeTag{ids[group.theme], group.score, {}, StanceLabel::kNeutral, 0};
    }});
    s->hit_spares.Truncate(&tag.hits, num_kept);
    tag.hits.reserve(num_kept);
    // In text order, so the theme's sentences come sorted: each is kept when it differs
    // from the one before (stored always, counted by the condition).
    uint32_t previous_sentence = UINT32_MAX;
    uint64_t mask = 0;
    for (uint32_t i = 0; i < num_kept; ++i) {
      const Match& match = m[kept[i]];
      const ScoringEntry& e = entries[match.entry];
      const Span span{tk[match.first].begin, tk[match.end - 1].end};
      if (ThemeHit* hit = s->hit_spares.Reuse(&tag.hits, i)) {
        hit->span = span;
        hit->term = e.Term();
        hit->lexicon = lexicon_names[e.lexicon];
        hit->weight = weights[kept[i]];
      } else {
        tag.hits.emplace_back(
            InPlace{[&] { return ThemeHit{span, e.Term(), lexicon_names[e.lexicon], weights[kept[i]]}; }});
      }
      const uint32_t sentence = SentenceOf(starts, num_starts, match.first);
      sentences[num_sentences] = sentence;
      num_sentences += sentence != previous_sentence;
      previous_sentence = sentence;
      mask |= uint64_t{1} << (sentence & 63);
    }
    s->theme.push_back(group.theme);
    s->sentence_mask.push_back(mask);
    s->sentence_begin.push_back(num_sentences);
  }
}

}  // namespace polytag::internal
