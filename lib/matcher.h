// One pass over a paragraph's words that finds every lexicon entry: words, phrases and
// prefix globs through a trie of hashed folded words, regex entries through one
// RE2::Set. The work per word is a few hash look-ups (one per trie step and one per
// distinct glob length at that step), whatever the number of entries. A Bloom-style
// bit set over all edges answers "no" for most probes without touching the edge
// table, which for large lexicons is far out of cache.
#ifndef POLYTAG_LIB_MATCHER_H_
#define POLYTAG_LIB_MATCHER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  std::vector<uint32_t> word_starts;   // where each word starts in the normalised text
  std::vector<int> set_hits;
  std::vector<int32_t> owner;          // per token: the accepted match covering it
  std::vector<std::pair<uint64_t, uint64_t>> sort_keys;
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
  // A trie node. Each node but the root has exactly one incoming edge, so the edge's
  // label and parent live in the node and a probe of the edge table is verified
  // exactly (a 64-bit hash collision can never produce a false match).
  struct Node {
    uint32_t terminals_begin = 0;
    uint32_t terminals_end = 0;
    uint32_t parent = 0;
    uint32_t label_begin = 0;  // the edge's word (or glob prefix) in labels_
    uint32_t label_len = 0;
    bool glob_edge = false;    // reached through a glob edge
    bool has_globs = false;    // has outgoing glob edges
    // Glob edges with a 1- or 2-byte prefix (bits 1, 2), found by probing the edges.
    // Longer prefixes are found through glob_slots_.
    uint8_t short_globs = 0;
    bool has_gaps = false;     // has outgoing gap edges (in gaps_)
  };
  // A gap edge: from `parent`, skipping `min` to `max` words, to `child`. Rare (few
  // entries have gaps), so they sit in one array sorted by parent.
  struct GapEdge {
    uint32_t parent = 0;
    uint8_t min = 0;
    uint8_t max = 0;
    uint32_t child = 0;
    bool operator<(const GapEdge& o) const { return parent < o.parent; }
  };
  // Open addressing, linear probing; child 0 (the root) marks an empty slot. A slot
  // keeps the key's high half only (the low half picked the slot): the node the slot
  // leads to is verified anyway, and eight-byte slots halve the table that every
  // probe that passes the filter touches.
  struct Slot {
    uint32_t key_high = 0;
    uint32_t child = 0;
  };
  // A blocked Bloom filter: two bits of one 64-bit word per key, so a probe costs one
  // cache line. Sized at 16 bits a key, so about 1.5% of absent keys pass.
  class BitFilter {
   public:
    void Init(size_t keys);
    void Add(uint64_t h) { words_[h >> shift_] |= Bits(h); }
    bool MayContain(uint64_t h) const {
      const uint64_t b = Bits(h);
      return (words_[h >> shift_] & b) == b;
    }
    size_t bytes() const { return words_.size() * sizeof(uint64_t); }

   private:
    static uint64_t Bits(uint64_t h) { return (uint64_t{1} << (h & 63)) | (uint64_t{1} << ((h >> 6) & 63)); }
    std::vector<uint64_t> words_;
    int shift_ = 63;
  };

  static uint64_t EdgeKey(uint32_t parent, bool glob, uint64_t word_hash) {
    uint64_t h = word_hash ^ (static_cast<uint64_t>(parent) * 0x9E3779B97F4A7C15ull) ^ (glob ? 0x5bd1e995 : 0);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
  }
  static uint64_t GlobFilterKey(uint32_t node, std::string_view word) {
    uint64_t k = static_cast<uint64_t>(node) << 24;
    for (int i = 0; i < 3; ++i) k |= static_cast<uint64_t>(static_cast<unsigned char>(word[i])) << (8 * i);
    return k;
  }

  Matcher() = default;
  // The child of `parent` through the edge labelled `label` (whose HashBytes is
  // `hash`), or 0.
  uint32_t Child(uint32_t parent, bool glob, std::string_view label, uint64_t hash) const;
  uint32_t AddChild(uint32_t parent, bool glob, std::string_view label, uint64_t hash);
  // Returns the child of `node_id` that token `tok` (its folded word in `folded`)
  // leads to through a word edge (or 0), and pushes onto the scratch stack those it
  // leads to through glob edges.
  uint32_t Step(uint32_t node_id, const Token& tok, std::string_view folded, uint32_t next,
                MatchScratch* scratch) const;
  // Pushes onto the scratch stack the children that `node_id`'s gap edges lead to
  // from token `j`, for every gap length whose skipped words all `continues`.
  template <typename Continues>
  void PushGaps(uint32_t node_id, uint32_t j, const Continues& continues, MatchScratch* scratch) const;
  // Appends the candidates that end where the walk from token `first` reached `node`
  // at token `end`.
  void AddTerminals(const Node& node, std::string_view text, const std::vector<Token>& tokens,
                    uint32_t first, uint32_t end, MatchScratch* scratch) const;
  void FindTrie(std::string_view text, const std::vector<Token>& tokens, std::string_view folded,
                const std::vector<bool>& sentence_start, MatchScratch* scratch) const;
  void FindRegex(const std::vector<Token>& tokens, std::string_view folded,
                 MatchScratch* scratch) const;
  bool CaseMatches(const CompiledEntry& e, std::string_view text, const std::vector<Token>& tokens,
                   uint32_t first) const;
  void Resolve(MatchScratch* scratch, size_t num_tokens, std::vector<Match>* out) const;

  std::vector<CompiledEntry> entries_;
  std::vector<uint32_t> entry_lexicon_;  // entries_[i].lexicon, dense for sorting
  std::vector<Node> nodes_;
  // Entry ids of each node's terminals, with kCaseSensitive set for entries that also
  // compare the words as written, so that the walk reads no entry for the others.
  static constexpr uint32_t kCaseSensitive = 1u << 31;
  std::vector<uint32_t> terminals_;
  std::string labels_;        // every edge label, back to back
  std::vector<Slot> slots_;   // the edges, keyed by EdgeKey
  uint64_t slot_mask_ = 0;
  BitFilter edge_filter_;     // EdgeKey of every edge: most probes end here
  BitFilter glob_starts_;     // hashes of GlobFilterKey
  // Glob edges with a prefix of three bytes or more, grouped by (node, first three
  // bytes): a word is compared with each of its group's prefixes directly, eight bytes
  // at a time, instead of hashing it at every prefix length and probing the edges.
  // Groups are a few prefixes long ("sanction", "sanctions"), and most words have none.
  struct GlobEdge {
    uint64_t head = 0;        // the prefix's first min(length, 8) bytes, zero-padded
    uint32_t length = 0;
    uint32_t label_begin = 0; // the whole prefix, in labels_ (for bytes after 8)
    uint32_t child = 0;
  };
  struct GlobSlot {
    uint64_t key = 0;         // GlobFilterKey; 0 (which no word has) marks an empty slot
    uint32_t begin = 0;       // the group in glob_edges_
    uint32_t end = 0;
  };
  const GlobSlot* FindGlobGroup(uint64_t key) const;
  std::vector<GlobSlot> glob_slots_;
  std::vector<GlobEdge> glob_edges_;
  std::vector<GapEdge> gaps_;  // sorted by parent
  // Regex entries (matcher.cc): an RE2::Set to learn which match, then each alone
  // for positions. Null when no lexicon has regex entries.
  struct RegexEntries;
  std::unique_ptr<RegexEntries> regex_;
};

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_MATCHER_H_
