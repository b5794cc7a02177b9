// One pass over a paragraph's words that finds every lexicon entry: words, phrases and
// prefix globs through a trie of folded words, regex entries through one RE2::Set.
// The work per word is a few look-ups (one per trie step, and at nodes with glob
// edges one per group of glob prefixes the word could start with), whatever the
// number of entries. A Bloom-style bit set over all edges answers "no" for most
// probes without touching the edge table, which for large lexicons is far out of
// cache.
#ifndef POLYTAG_LIB_MATCHER_H_
#define POLYTAG_LIB_MATCHER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "polytag/lexicon.h"
#include "cpu_features.h"
#include "pattern.h"
#include "tokenize.h"

namespace polytag::internal {

// 2^64 divided by the golden ratio, odd: a multiply by it spreads a key's bits over the
// high bits. The matcher's keys (EdgeKey, LongGlobGroupKey, GlobFilterKey, MixGlobKey)
// all start with it, and the AVX-512 first pass computes two of them itself.
inline constexpr uint64_t kKeyMultiplier = 0x9E3779B97F4A7C15ull;

// A lexicon entry as the matcher and scorers see it.
struct CompiledEntry {
  uint32_t lexicon = 0;   // index of its lexicon in the tagger
  uint32_t category = 0;  // theme index, or StanceRole for stance lexicons
  bool stance = false;    // from a stance lexicon
  bool needs_support = false;
  bool case_sensitive = false;
  double weight = 1;      // the category default when the lexicon left it unset
  std::string_view term;  // the pattern as written, in the tagger's block of lexicon strings
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
  // The tokens whose root steps may lead anywhere: token << 32 | RootMayLead().
  std::vector<uint64_t> active;
  std::vector<uint32_t> word_starts;   // where each word starts in the normalised text
  std::vector<int> set_hits;
  // Overlap resolution (Matcher::Resolve).
  std::vector<int32_t> owner;          // per token: the accepted match covering it
  std::vector<std::pair<uint64_t, uint64_t>> sort_keys;
  std::vector<uint8_t> kept;           // per candidate: not overruled
  std::vector<int32_t> next;           // per candidate: the next of its cluster, or -1
  struct OpenCluster {
    int32_t head, tail;
    size_t end;
  };
  std::vector<OpenCluster> open;       // per lexicon
};

class Matcher {
 public:
  // Compiles the entries. Patterns were validated when added to their lexicons, so
  // this fails only when RE2 runs out of its memory budget for the regex set, or when
  // the entries hold more than kMaxNodes words in all (about 33 million).
  // `patterns[i]` is entries[i]'s analysed pattern.
  static absl::StatusOr<std::unique_ptr<Matcher>> Build(std::vector<CompiledEntry> entries,
                                                        const std::vector<AnalyzedPattern>& patterns);
  ~Matcher();

  // Appends to `out` the matches in the paragraph whose words are `tokens` (offsets
  // into `text`; folded words in `folded`), after overlap resolution: within a
  // lexicon, the longest match wins, then the leftmost; matches of equal span all
  // stay. Output is ordered by first token, then entry. `sentence_start[i]` tells
  // that token i opens a sentence: phrases never cross a sentence or clause boundary.
  //
  // `tokens` may hold several paragraphs, each a range [first, end) of `paragraphs`
  // (ascending; empty for one paragraph of all the tokens), when each paragraph's
  // first token opens a sentence: every match then lies inside one paragraph, and
  // regex entries run on each paragraph's normalised form apart.
  void Find(std::string_view text, absl::Span<const Token> tokens, std::string_view folded,
            const std::vector<bool>& sentence_start, MatchScratch* scratch, std::vector<Match>* out,
            absl::Span<const std::pair<uint32_t, uint32_t>> paragraphs = {}) const;

  const CompiledEntry& entry(uint32_t i) const { return entries_[i]; }
  size_t size() const { return entries_.size(); }

  // The first pass of Find over `tokens` (at least one; `folded` as for Find): writes
  // to `active` each token whose first step into the trie may lead anywhere, as
  // token << 32 | which filters passed, and returns how many it wrote. `active` must
  // hold tokens.size() + kFirstPassSlack entries: the AVX-512 kernel stores eight at
  // a time past the last it keeps. `avx512`: take the AVX-512 kernel where the
  // processor and the lexicons allow it (as Find does); false forces the portable
  // code. Public so that tests can hold the two to the same output. The kernel runs
  // where HasAvx512Dq() (cpu_features.h).
  uint32_t FirstPass(absl::Span<const Token> tokens, std::string_view folded, uint64_t* active, bool avx512) const;
  static constexpr uint32_t kFirstPassSlack = 8;

 private:
  // A node as the walk refers to it: its index in nodes_ in the low bits and, in the
  // high bits, what the walk must do there, so that a node without terminals, globs
  // or gaps (most of those a walk passes through, such as "the" of "the white house")
  // is never read at all.
  using NodeRef = uint32_t;
  static constexpr NodeRef kTerminals = 1u << 31;   // has terminals
  static constexpr NodeRef kGlob4 = 1u << 30;       // has glob edges of 4+ bytes
  static constexpr NodeRef kGlob1 = 1u << 29;       // has a glob edge of 1 byte
  static constexpr NodeRef kGlob2 = 1u << 28;       // has a glob edge of 2 bytes
  static constexpr NodeRef kGaps = 1u << 27;        // has gap edges (in gaps_)
  static constexpr NodeRef kGlob3 = 1u << 26;       // has glob edges of 3 bytes
  static constexpr NodeRef kWordEdges = 1u << 25;   // has word edges
  static constexpr NodeRef kOnward = kWordEdges | kGlob1 | kGlob2 | kGlob3 | kGlob4 | kGaps;
  static constexpr NodeRef kNodeMask = kWordEdges - 1;
  static constexpr size_t kMaxNodes = kNodeMask;    // node 0 is the root
  // The label of a node's incoming edge, which the walk reads only to verify labels
  // longer than eight bytes.
  struct Node {
    uint32_t label_begin = 0;  // the edge's word (or glob prefix) in labels_
    uint32_t label_len = 0;
  };
  // A gap edge: from `parent`, skipping `min` to `max` words, to `child`. Rare (few
  // entries have gaps), so they sit in one array sorted by parent.
  struct GapEdge {
    uint32_t parent = 0;
    uint8_t min = 0;
    uint8_t max = 0;
    NodeRef child = 0;
    bool operator<(const GapEdge& o) const { return parent < o.parent; }
  };
  // An edge of the trie, in an open-addressing table with linear probing; child 0
  // (the root, never a child) marks an empty slot. A slot tells exactly which edge it
  // is without reading the node: its parent and kind, and its label's WordId. The
  // WordId of a label of up to eight bytes is the label itself (PackBytes; words hold
  // no NUL byte, so the zero padding is unambiguous); of a longer label, its
  // HashBytes, and only then are the bytes compared with labels_. A hash collision
  // therefore never makes a false match.
  struct Slot {
    uint64_t word = 0;       // WordId of the label
    uint32_t edge = 0;       // the parent, with kGlobEdge and kLongLabel
    NodeRef child = 0;
  };
  static constexpr uint32_t kGlobEdge = 1u << 31;   // a glob edge (else a word edge)
  static constexpr uint32_t kLongLabel = 1u << 30;  // a label of more than eight bytes
  static uint32_t EdgeOf(uint32_t parent, bool glob, size_t label_bytes) {
    return parent | (glob ? kGlobEdge : 0) | (label_bytes > 8 ? kLongLabel : 0);
  }
  // A blocked Bloom filter: `kBitsPerKey` bits of one 64-bit word per key, so a probe
  // costs one cache line. Two bits in 16 a key let about 1.5% of absent keys pass, for
  // the edges of large lexicons; one bit in 32 (3%) makes a probe one load and one
  // bit test, for the filters probed with every word of the text.
  template <int kBitsPerKey>
  class BitFilter {
   public:
    void Init(size_t keys, size_t bits_per_key);
    void Add(uint64_t h) { Add(h, h); }
    bool MayContain(uint64_t h) const { return MayContain(h, h); }
    // With the filter word picked by `block` and the bits by `h`: keys that share a
    // block are tested with one load (a word's root pairs, both ways), and a key
    // whose top bits are not mixed picks its word by other bits.
    void Add(uint64_t block, uint64_t h) { words_[block >> shift_] |= Bits(h); }
    uint64_t Block(uint64_t block) const { return words_[block >> shift_]; }
    static bool BlockMayContain(uint64_t word, uint64_t h) {
      if constexpr (kBitsPerKey == 1) return (word >> (h & 63)) & 1;
      return (word & Bits(h)) == Bits(h);
    }
    bool MayContain(uint64_t block, uint64_t h) const { return BlockMayContain(Block(block), h); }
    size_t bytes() const { return words_.size() * sizeof(uint64_t); }
    // The filter's words, and the shift that turns a key into the index of its word
    // (Block): for the AVX-512 first pass, which gathers the words itself.
    const uint64_t* data() const { return words_.data(); }
    int shift() const { return shift_; }

   private:
    static_assert(kBitsPerKey == 1 || kBitsPerKey == 2);
    static uint64_t Bits(uint64_t h) {
      return (uint64_t{1} << (h & 63)) | (kBitsPerKey == 2 ? uint64_t{1} << ((h >> 6) & 63) : 0);
    }
    std::vector<uint64_t> words_;
    int shift_ = 63;
  };

  // The hash of an edge (Slot::edge and Slot::word) that picks its slot and filter bits.
  static uint64_t EdgeKey(uint32_t edge, uint64_t word) {
    uint64_t h = word ^ (static_cast<uint64_t>(edge) * kKeyMultiplier);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
  }
  // The group of `node`'s glob edges that start with the bytes of `head` (PackBytes
  // of a word's first three or four bytes; never 0, as words hold no NUL byte).
  static uint64_t GlobGroupKey(uint32_t node, uint64_t head) { return uint64_t{node} << 32 | head; }
  // The same for prefixes of six bytes or more and the first six bytes of a word: a
  // hash, as a node and six bytes do not fit in 64 bits, with the top bit set to keep
  // it apart from GlobGroupKey. Groups whose keys collide share a slot, and PushGlobs
  // compares each edge's parent.
  static uint64_t LongGlobGroupKey(uint32_t node, uint64_t head6) {
    uint64_t k = (head6 ^ uint64_t{node} << 48 ^ uint64_t{node} >> 16) * kKeyMultiplier;
    return (k ^ (k >> 29)) | uint64_t{1} << 63;
  }

  Matcher() = default;
  // The child of `parent` through the edge labelled `label` (whose WordId is `word`),
  // or 0. Also used while building, when references carry no flags yet.
  // `filtered`: the caller has seen the edge pass edge_filter_.
  NodeRef Child(uint32_t parent, bool glob, std::string_view label, uint64_t word, bool filtered = false) const;
  uint32_t AddChild(uint32_t parent, bool glob, std::string_view label, uint64_t word);
  // Fills text_filter_ with the root's words and pairs, once the trie and its
  // terminals are built, and with `glob_keys`: (block, bits) of each glob group.
  void FillTextFilter(const std::vector<std::pair<uint64_t, uint64_t>>& glob_keys);
  // Returns the child of `node` that token `tok` (its folded word in `folded`)
  // leads to through a word edge (or 0), and pushes onto the scratch stack those it
  // leads to through glob edges.
  NodeRef Step(NodeRef node, const Token& tok, std::string_view folded, uint32_t next,
               MatchScratch* scratch) const;
  // Which of the root's filters the root step of `tok` passes (kMay* bits; 0 means it
  // leads nowhere). Computed without a branch on the outcome.
  static constexpr uint32_t kMayWord = 1, kMayGlob3 = 2, kMayGlob4 = 4, kMayShortGlobs = 8, kMayGlob6 = 16;
  // `head` is the first eight bytes of its folded word (as Head() reads them);
  // `paired`: text_filter_ holds it paired with the word before or after it. kRootGlob3:
  // root_glob3_ (without, the test of three-byte glob groups is compiled out);
  // kRootShortGlobs: root_short_globs_.
  template <bool kRootGlob3, bool kRootShortGlobs>
  uint32_t RootMayLead(const Token& tok, uint64_t head, bool paired) const;
  // The kMayGlob3, kMayGlob4 and kMayGlob6 bits of node `node_id` for a word of
  // `word_bytes` bytes whose first eight are `head`: which of its glob groups pass the
  // filter. `glob3_bytes` and `glob4_bytes` are the least word lengths the node's
  // groups of three and of four or six bytes can hold (kNoGlobs when it has none:
  // more than any length of 32 bits, so that as a constant it compiles the test out).
  // No branch on the outcome; Step and RootMayLead both test glob groups through it.
  static constexpr uint64_t kNoGlobs = UINT64_MAX;
  uint32_t GlobGroupsMayLead(uint32_t node_id, uint64_t glob3_bytes, uint64_t glob4_bytes, uint32_t word_bytes,
                             uint64_t head) const;
  // The root step of `tok`, given RootMayLead's bits: only what passed is looked up.
  NodeRef RootStep(uint32_t may, const Token& tok, std::string_view folded, uint32_t next,
                   MatchScratch* scratch) const;
  // Pushes onto the scratch stack the children that `node_id`'s gap edges lead to
  // from token `j`, for every gap length whose skipped words all `continues`.
  template <typename Continues>
  void PushGaps(uint32_t node_id, uint32_t j, const Continues& continues, MatchScratch* scratch) const;
  // Appends the candidates that end where the walk from token `first` reached `node`
  // at token `end` (for entries with lead words, when those words come before `first`).
  template <typename Continues>
  void AddTerminals(uint32_t node_id, std::string_view text, absl::Span<const Token> tokens,
                    std::string_view folded, uint32_t first, uint32_t end, const Continues& continues,
                    MatchScratch* scratch) const;
  // Where entry `id` starts when its anchor word is token `first`: before it, its lead
  // words, each continuing the phrase; UINT32_MAX when they are not there.
  template <typename Continues>
  uint32_t LeadsBefore(uint32_t id, absl::Span<const Token> tokens, std::string_view folded, uint32_t first,
                       const Continues& continues) const;
  // FindTrie's first pass over its `n` tokens: writes to `active` each token whose
  // root step may lead anywhere, as token << 32 | RootMayLead(), and returns how many
  // it wrote.
  // `active` holds n + kFirstPassSlack entries. `avx512`: the kernel may take the
  // words it can.
  template <bool kRootGlob3, bool kRootShortGlobs>
  uint32_t MarkActive(const Token* toks, uint32_t n, std::string_view folded, uint64_t* active, bool avx512) const;
  // MarkActive<false, false> for words [0, end), eight at a time with AVX-512 (end a
  // multiple of eight; every word there has eight bytes to read from its folded start,
  // and a word after it): the same entries, appended to `active` from *num_active,
  // with *num_active and *led (whether the last word leads the next, see MarkActive)
  // carried in and out. Defined on x86-64 with GCC or Clang only (matcher_avx512.cc),
  // called only where the processor has AVX-512F and AVX-512DQ.
  //
  // Why: the first pass tests four filter words for every word of the text, each
  // reached through a hash of its own, in a chain of about eighty scalar instructions a
  // word; gathers fetch eight words' filter words at once, and on the State Department
  // statements tagging took 3 to 5% less time.
  void MarkActiveAvx512(const Token* toks, uint32_t end, const char* folded, uint64_t* active, uint32_t* num_active,
                        bool* led) const;
  void FindTrie(std::string_view text, absl::Span<const Token> tokens, std::string_view folded,
                const std::vector<bool>& sentence_start, MatchScratch* scratch) const;
  // Regex candidates in the paragraph of `tokens`, numbered from token `first`.
  void FindRegex(absl::Span<const Token> tokens, std::string_view folded, uint32_t first,
                 MatchScratch* scratch) const;
  bool CaseMatches(const CompiledEntry& e, std::string_view text, absl::Span<const Token> tokens,
                   uint32_t first) const;
  void Resolve(MatchScratch* scratch, size_t num_tokens, std::vector<Match>* out) const;
  // Resolves the cluster of two or more overlapping candidates of one lexicon that
  // starts at candidate `head` (linked through scratch->next) and ends at token `end`,
  // clearing scratch->kept of those that lose.
  void ResolveCluster(uint32_t head, size_t end, MatchScratch* scratch) const;

  std::vector<CompiledEntry> entries_;
  std::vector<uint32_t> entry_lexicon_;  // entries_[i].lexicon, dense for sorting
  uint32_t num_lexicons_ = 0;
  std::vector<Node> nodes_;
  NodeRef root_ = 0;          // the root with its flags
  // Whether the root has glob edges of one or two bytes ("a*"); FindTrie picks the
  // variant of its first pass by it and by root_glob3_. (The first pass tests glob
  // groups of four and six bytes whether or not the root has any: the filter then
  // holds no such keys, and the lengths are constants to the compiler.)
  bool root_short_globs_ = false;
  // Whether the root has glob groups of three bytes ("abc*" entries). Most lexicons
  // have few or none, and without them the first pass, which tests every word of the
  // text, drops one of its three glob group tests: 1.5% of tagging news articles.
  bool root_glob3_ = false;
  std::vector<uint32_t> node_flags_;  // each node's NodeRef flags (while building only)
  // Entry ids of each node's terminals, with kCaseSensitive set for entries that also
  // compare the words as written, so that the walk reads no entry for the others.
  // Node k's are terminals_[terminal_offsets_[k], terminal_offsets_[k + 1]): four
  // bytes a node, where the walk's reads stay in cache.
  static constexpr uint32_t kCaseSensitive = 1u << 31;
  static constexpr uint32_t kLeads = 1u << 30;  // has lead words (lead_begin_)
  std::vector<uint32_t> terminal_offsets_;
  std::vector<uint32_t> terminals_;
  // A phrase that opens with common function words ("at risk", "in the event of") is
  // in the trie from its first other word, its anchor; those lead words are compared
  // only when the anchor's walk reaches the entry's terminal. Entry i's lead words are
  // lead_words_[lead_begin_[i], lead_begin_[i + 1]); lead_begin_ is empty when no entry
  // has any. Matches, and so output, are the same as from a trie of whole phrases.
  std::vector<uint32_t> lead_begin_;
  std::vector<std::string> lead_words_;
  std::string labels_;        // every edge label, back to back
  std::vector<Slot> slots_;   // the edges, keyed by EdgeKey
  uint64_t slot_mask_ = 0;
  BitFilter<2> edge_filter_;  // EdgeKey of every edge: most probes end here
  // One filter for every test of the first pass over the text (MarkActive), which
  // probes it four times a word: the root's words, the pairs of words beside which
  // some of them walk, and the glob groups (those of every node: Step tests a node's
  // groups here too). Three filters, each with its own array and size, kept more
  // values live than the pass has registers; one of the size of all three, with the
  // keys of each kind mixed apart, passes as few absent keys.
  //
  // The root's word edges are keyed by the labels' HashBytes, which the tokenizer has
  // computed for every word of the text, so that this probe needs no hashing of its
  // own. Bit hash & 63 of a word's filter word holds the root words that walk wherever
  // they stand (an entry ends at them without lead words, or globs or gaps follow
  // them), bit (hash >> 6) & 63 the others, which walk only beside certain words: a
  // word that can follow them ("prime" before "minister") or the last lead word of an
  // entry that ends at them ("that" before "said"). The filter holds those pairs of
  // word hashes too. News text is full of such words ("said", "public", "other",
  // "general") next to words that lead nowhere with them: on unseen articles, a third
  // of the walks from root words started at one and ended a step later. A pair has two
  // bits in one filter word: bit PairKey & 63 says that the first word walks when the
  // second follows it, bit (PairKey >> 6) & 63 that the second walks when the first
  // leads it. Token hashes are well mixed already (HashShort): a rotation keeps (a, b)
  // and (b, a) apart, and no multiply is needed.
  static uint64_t PairKey(uint64_t first, uint64_t second) { return first ^ (second << 23 | second >> 41); }
  BitFilter<1> text_filter_;
  // Glob edges with a prefix of three bytes or more, grouped by node and first three
  // bytes (prefixes of exactly three), first four (four or five) or first six (longer
  // ones): a word is compared with each of its group's prefixes directly, eight bytes
  // at a time, instead of hashing it at every prefix length and probing the edges.
  // Groups are a prefix or two long ("sanction", "sanctions"). The longer the groups'
  // starts, the fewer words of the text find a group whose prefixes they do not have:
  // of news words, "inte" finds "interfer" but "intern" does not; six bytes found half
  // as many groups on the BBC articles as four did.
  struct GlobEdge {
    uint64_t head = 0;        // the prefix's first min(length, 8) bytes, zero-padded
    uint32_t length = 0;
    uint32_t label_begin = 0; // the whole prefix, in labels_ (for bytes after 8)
    NodeRef child = 0;
    uint32_t parent = 0;      // the node it leaves (see LongGlobGroupKey)
  };
  struct GlobSlot {
    uint64_t key = 0;         // GlobGroupKey or LongGlobGroupKey; 0 marks an empty slot
    uint32_t begin = 0;       // the group in glob_edges_
    uint32_t end = 0;
  };
  const GlobSlot* FindGlobGroup(uint64_t key) const;
  // Pushes onto the scratch stack the children of the glob edges of node `node_id`
  // in group `key` (when there is such a group) whose prefixes the word (its first
  // eight bytes in `head`) starts with.
  void PushGlobs(uint32_t node_id, uint64_t key, std::string_view word, uint64_t head, uint32_t next,
                 MatchScratch* scratch) const;
  // The pushes of the glob groups that GlobGroupsMayLead's bits `may` name.
  void PushGlobGroups(uint32_t may, uint32_t node_id, std::string_view word, uint64_t head, uint32_t next,
                      MatchScratch* scratch) const;
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
