// One pass over a paragraph's words that finds every lexicon entry: words, phrases and
// prefix globs through a trie of hashed folded words, regex entries through one
// RE2::Set. The work per word is a few hash look-ups (one per trie step and one per
// distinct glob length at that step), whatever the number of entries.
#ifndef POLYTAG_LIB_MATCHER_H_
#define POLYTAG_LIB_MATCHER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "polytag/lexicon.h"
#include "pattern.h"
#include "tokenize.h"

namespace polytag::internal {

// A lexicon entry as the matcher and scorers see it.
struct CompiledEntry {
  uint32_t lexicon = 0;   // index of its lexicon in the tagger
  uint32_t category = 0;  // theme index, or StanceRole for stance lexicons
  bool stance = false;    // from a stance lexicon
  bool needs_support = false;
  bool case_sensitive = false;
  double weight = 1;      // the category default when the lexicon left it unset
  std::string term;       // the pattern as written
  std::vector<std::string> surfaces;  // words as written (case-sensitive entries)
  std::vector<bool> globs;            // which words are globs (case-sensitive entries)
};

// An entry found in a paragraph, as token indices [first, end).
struct Match {
  uint32_t entry;
  uint32_t first;
  uint32_t end;
};

// Per-thread buffers, reused from paragraph to paragraph.
struct MatchScratch {
  std::vector<Match> candidates;
  std::vector<std::pair<uint32_t, uint32_t>> stack;
  std::string normalized;              // folded words joined by spaces, for regexes
  std::vector<uint32_t> word_starts;   // where each word starts in `normalized`
  std::vector<int> set_hits;
  std::vector<int32_t> owner;          // per token: the accepted match covering it
};

class Matcher {
 public:
  // Compiles the entries. Patterns were validated when added to their lexicons, so
  // this fails only when RE2 runs out of its memory budget for the regex set.
  // `patterns[i]` is entries[i]'s analysed pattern.
  static absl::StatusOr<std::unique_ptr<Matcher>> Build(std::vector<CompiledEntry> entries,
                                                        const std::vector<AnalyzedPattern>& patterns);
  ~Matcher();

  // Appends to `out` the matches in the paragraph whose words are `tokens` (offsets
  // into `text`; folded words in `folded`), after overlap resolution: within a
  // lexicon, the longest match wins, then the leftmost; matches of equal span all
  // stay. Output is ordered by first token, then entry. `sentence_start[i]` tells
  // that token i opens a sentence: phrases never cross a sentence or clause boundary.
  void Find(std::string_view text, const std::vector<Token>& tokens, std::string_view folded,
            const std::vector<bool>& sentence_start, MatchScratch* scratch,
            std::vector<Match>* out) const;

  const CompiledEntry& entry(uint32_t i) const { return entries_[i]; }
  size_t size() const { return entries_.size(); }

 private:
  struct Node {
    uint32_t terminals_begin = 0;
    uint32_t terminals_end = 0;
    // Glob edges with a 1- or 2-byte prefix (bits 1, 2). Longer prefixes are found
    // through glob_filter_, so a word is probed only at lengths where some glob shares
    // its first three bytes: most words need no glob probe at all.
    uint8_t short_globs = 0;
    bool has_globs = false;
  };
  static uint64_t GlobFilterKey(uint32_t node, std::string_view word) {
    uint64_t k = static_cast<uint64_t>(node) << 24;
    for (int i = 0; i < 3; ++i) k |= static_cast<uint64_t>(static_cast<unsigned char>(word[i])) << (8 * i);
    return k;
  }
  struct EdgeKey {
    uint32_t parent;
    bool glob;
    std::string_view label;
    uint64_t hash;
    bool operator==(const EdgeKey& o) const {
      return parent == o.parent && glob == o.glob && label == o.label;
    }
  };
  struct EdgeHash {
    size_t operator()(const EdgeKey& k) const {
      uint64_t h = k.hash ^ (static_cast<uint64_t>(k.parent) * 0x9E3779B97F4A7C15ull) ^ (k.glob ? 0x5bd1e995 : 0);
      h ^= h >> 29;
      return static_cast<size_t>(h * 0xbf58476d1ce4e5b9ull);
    }
  };

  Matcher() = default;
  uint32_t Child(uint32_t parent, bool glob, std::string_view label, uint64_t hash) const;
  void FindTrie(std::string_view text, const std::vector<Token>& tokens, std::string_view folded,
                const std::vector<bool>& sentence_start, MatchScratch* scratch) const;
  void FindRegex(const std::vector<Token>& tokens, std::string_view folded,
                 MatchScratch* scratch) const;
  bool CaseMatches(const CompiledEntry& e, std::string_view text, const std::vector<Token>& tokens,
                   uint32_t first) const;
  void Resolve(MatchScratch* scratch, size_t num_tokens, std::vector<Match>* out) const;

  std::vector<CompiledEntry> entries_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> terminals_;
  std::deque<std::string> labels_;  // own the edge labels; deque keeps them in place
  absl::flat_hash_map<EdgeKey, uint32_t, EdgeHash> edges_;
  // (node, first three bytes) -> bit set of glob prefix lengths L >= 3 starting with
  // those bytes (bit 63: L >= 63).
  absl::flat_hash_map<uint64_t, uint64_t> glob_filter_;
  // Regex entries (matcher.cc): an RE2::Set to learn which match, then each alone
  // for positions. Null when no lexicon has regex entries.
  struct RegexEntries;
  std::unique_ptr<RegexEntries> regex_;
};

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_MATCHER_H_
