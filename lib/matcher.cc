#include "matcher.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstring>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "normalize.h"
#include "string_views.h"

namespace polytag::internal {

struct Matcher::RegexEntries {
  explicit RegexEntries(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
  std::vector<std::unique_ptr<RE2>> regexes;
  std::vector<uint32_t> entry;  // regexes[i] belongs to entries_[entry[i]]
};

Matcher::~Matcher() = default;

namespace {

// Whether a[0, n) equals b[0, n) for n > 8 (both that long). Labels of the trie's
// long words run nine to sixteen bytes: two eight-byte compares, which overlap, instead
// of a call to memcmp.
inline bool SameLongBytes(const char* a, const char* b, size_t n) {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  return LoadWord(a) == LoadWord(b) && LoadWord(a + n - 8) == LoadWord(b + n - 8);
}

size_t PowerOfTwoAtLeast(size_t n) {
  size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

// The first eight bytes of a token's folded word, for comparing with glob prefixes;
// bytes past the word are whatever follows it, and are masked off by every comparison,
// since a prefix is never longer than the word it is compared to. On little-endian
// machines with eight bytes to read, one load.
inline uint64_t Head(std::string_view folded, const Token& tok) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (tok.fold_begin + 8 <= folded.size()) {
    uint64_t h;
    __builtin_memcpy(&h, folded.data() + tok.fold_begin, 8);
    return h;
  }
#endif
  return PackBytes(folded.data() + tok.fold_begin, std::min<size_t>(8, folded.size() - tok.fold_begin));
}

// Words so common in English text that a phrase opening with them ("at risk", "in the
// event of") is better anchored at its next word: as trie roots they made every
// fifth word of the text start a walk that nearly always ended one word later.
bool IsLeadWord(const PatternWord& w) {
  static constexpr std::string_view kWords[] = {"a",  "an",   "and",  "as",   "at", "by", "for", "from",
                                                "in", "of",   "on",   "or",   "that", "the", "to", "with"};
  if (w.glob || w.gap) return false;
  for (std::string_view k : kWords)
    if (w.folded == k) return true;
  return false;
}

uint64_t MixGlobKey(uint64_t k) {
  k *= kKeyMultiplier;
  k ^= k >> 32;
  k *= 0xbf58476d1ce4e5b9ull;
  return k ^ (k >> 29);
}

// A cheaper mix for the glob-start filter, probed for every word of the text: one
// multiply spreads the key's bytes over the high bits, which pick the filter word, and
// the shift brings them down to the low bits, which pick the bits.
inline uint64_t GlobFilterKey(uint64_t k) {
  k *= kKeyMultiplier;
  return k ^ (k >> 32);
}

}  // namespace

template <int kBitsPerKey>
void Matcher::BitFilter<kBitsPerKey>::Init(size_t keys, size_t bits_per_key) {
  const size_t words = PowerOfTwoAtLeast(std::max<size_t>(keys * bits_per_key / 64, 2));
  words_.assign(words, 0);
  shift_ = 64 - __builtin_ctzll(words);  // the top bits pick the word
}

inline Matcher::NodeRef Matcher::Child(uint32_t parent, bool glob, std::string_view label, uint64_t word,
                                      bool filtered) const {
  const uint32_t edge = EdgeOf(parent, glob, label.size());
  const uint64_t key = EdgeKey(edge, word);
  if (!filtered && !edge_filter_.MayContain(key)) return 0;
  for (size_t i = key & slot_mask_;; i = (i + 1) & slot_mask_) {
    const Slot& s = slots_[i];
    if (s.child == 0) return 0;  // 0 (the root) is never a child: an empty slot
    if (s.word != word || s.edge != edge) continue;
    if (label.size() <= 8) return s.child;
    const Node& n = nodes_[s.child & kNodeMask];
    if (n.label_len == label.size() && SameLongBytes(labels_.data() + n.label_begin, label.data(), label.size()))
      return s.child;
  }
}

const Matcher::GlobSlot* Matcher::FindGlobGroup(uint64_t key) const {
  const size_t mask = glob_slots_.size() - 1;
  for (size_t i = MixGlobKey(key) & mask;; i = (i + 1) & mask) {
    const GlobSlot& s = glob_slots_[i];
    if (s.key == key) return &s;
    if (s.key == 0) return nullptr;
  }
}

uint32_t Matcher::AddChild(uint32_t parent, bool glob, std::string_view label, uint64_t word) {
  const uint32_t child = static_cast<uint32_t>(nodes_.size());
  Node n;
  n.label_begin = static_cast<uint32_t>(labels_.size());
  n.label_len = static_cast<uint32_t>(label.size());
  labels_.append(label.data(), label.size());
  nodes_.push_back(n);
  node_flags_.push_back(0);
  const uint32_t edge = EdgeOf(parent, glob, label.size());
  const uint64_t key = EdgeKey(edge, word);
  size_t i = key & slot_mask_;
  while (slots_[i].child != 0) i = (i + 1) & slot_mask_;
  slots_[i] = Slot{word, edge, child};
  edge_filter_.Add(key);
  return child;
}

absl::StatusOr<std::unique_ptr<Matcher>> Matcher::Build(std::vector<CompiledEntry> entries,
                                                        const std::vector<AnalyzedPattern>& patterns) {
  std::unique_ptr<Matcher> m(new Matcher());
  m->nodes_.emplace_back();  // the root
  m->node_flags_.push_back(0);
  // Every word of every pattern may add a node: size the tables for that, once.
  size_t words = 0, globs = 0;
  for (const AnalyzedPattern& p : patterns) {
    words += p.words.size();
    for (const PatternWord& w : p.words) globs += w.glob;
  }
  if (words >= kMaxNodes)
    return absl::ResourceExhaustedError(absl::StrCat("the lexicons have ", words, " words in all; at most ", kMaxNodes - 1,
                                                     " fit in one tagger"));
  m->slots_.resize(PowerOfTwoAtLeast(2 * words + 16));
  m->slot_mask_ = m->slots_.size() - 1;
  m->nodes_.reserve(words + 1);
  m->edge_filter_.Init(words, 16);
  std::vector<std::pair<uint64_t, uint64_t>> glob_keys;  // (block, bits) in text_filter_
  glob_keys.reserve(globs);
  std::vector<std::pair<uint64_t, GlobEdge>> long_globs;  // (GlobGroupKey, edge)
  // (parent, min, max) -> child, so that entries sharing a gap share its edge.
  absl::flat_hash_map<uint64_t, uint32_t> gap_children;
  std::vector<std::pair<uint32_t, uint32_t>> terminal_pairs;  // (node, entry)
  RE2::Options options;
  SetRegexOptions(kRegexMaxMem, &options);
  for (uint32_t id = 0; id < entries.size(); ++id) {
    m->lead_begin_.push_back(static_cast<uint32_t>(m->lead_words_.size()));
    const AnalyzedPattern& p = patterns[id];
    if (p.kind == PatternKind::kRegex) {
      if (m->regex_ == nullptr) {
        RE2::Options set_options;
        SetRegexOptions(kRegexMaxMem * 8, &set_options);
        m->regex_ = std::make_unique<RegexEntries>(set_options);
      }
      std::string error;
      if (m->regex_->set.Add(p.regex, &error) < 0)
        return absl::InvalidArgumentError(absl::StrCat("regex entry '", AV(entries[id].term), "': ", error));
      auto re = std::make_unique<RE2>(p.regex, options);
      if (!re->ok())
        return absl::InvalidArgumentError(absl::StrCat("regex entry '", AV(entries[id].term), "': ", re->error()));
      m->regex_->regexes.push_back(std::move(re));
      m->regex_->entry.push_back(id);
      continue;
    }
    // Leading function words are left out of the trie and checked before the anchor
    // word when it matches (see lead_begin_).
    size_t lead = 0;
    if (!entries[id].case_sensitive)
      while (lead + 1 < p.words.size() && IsLeadWord(p.words[lead]) && !p.words[lead + 1].gap) ++lead;
    for (size_t k = 0; k < lead; ++k) m->lead_words_.push_back(p.words[k].folded);
    uint32_t node = 0;
    for (size_t k = lead; k < p.words.size(); ++k) {
      const PatternWord& w = p.words[k];
      if (w.gap) {
        uint32_t& child = gap_children[uint64_t{node} << 16 | uint64_t{w.gap_min} << 8 | w.gap_max];
        if (child == 0) {
          child = static_cast<uint32_t>(m->nodes_.size());
          m->nodes_.emplace_back();
          m->node_flags_.push_back(0);
          m->node_flags_[node] |= kGaps;
          m->gaps_.push_back(GapEdge{node, w.gap_min, w.gap_max, child});
        }
        node = child;
        continue;
      }
      const uint64_t head = PackBytes(w.folded.data(), std::min<size_t>(w.folded.size(), 8));
      const uint64_t word = w.folded.size() <= 8 ? head : HashBytes(w.folded);
      if (uint32_t child = m->Child(node, w.glob, w.folded, word)) {
        node = child;
        continue;
      }
      const uint32_t child = m->AddChild(node, w.glob, w.folded, word);
      if (!w.glob) m->node_flags_[node] |= kWordEdges;
      if (w.glob) {
        uint32_t& flags = m->node_flags_[node];
        if (w.folded.size() < 3) {
          flags |= w.folded.size() == 1 ? kGlob1 : kGlob2;
        } else {
          // Three-byte prefixes group alone, longer ones by their first four or six
          // bytes, so that a common start ("con", "pro") does not make a long group.
          const size_t group_bytes = w.folded.size() == 3 ? 3 : w.folded.size() < 6 ? 4 : 6;
          flags |= group_bytes == 3 ? kGlob3 : kGlob4;
          const uint64_t group_head = PackBytes(w.folded.data(), group_bytes);
          const uint64_t key = group_bytes == 6 ? LongGlobGroupKey(node, group_head) : GlobGroupKey(node, group_head);
          GlobEdge g;
          g.head = head;
          g.length = static_cast<uint32_t>(w.folded.size());
          g.label_begin = m->nodes_[child].label_begin;
          g.child = child;
          g.parent = node;
          long_globs.emplace_back(key, g);
          // LongGlobGroupKey is mixed already, but its top bit is always set: its word
          // is picked by the bits below.
          if (group_bytes == 6) glob_keys.emplace_back(key << 1, key);
          else glob_keys.emplace_back(GlobFilterKey(key), GlobFilterKey(key));
        }
      }
      node = child;
    }
    terminal_pairs.emplace_back(node, id);
    if (entries[id].case_sensitive) {
      for (const PatternWord& w : p.words) {
        entries[id].surfaces.push_back(w.surface);
        entries[id].globs.push_back(w.glob);
      }
    }
  }
  if (m->regex_ != nullptr && !m->regex_->set.Compile())
    return absl::ResourceExhaustedError("the regex entries together exceed RE2's memory budget; use fewer or simpler regexes");
  std::stable_sort(m->gaps_.begin(), m->gaps_.end());
  // Long glob edges, grouped by key, behind an open-addressing table of the groups.
  std::stable_sort(long_globs.begin(), long_globs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  m->glob_slots_.assign(PowerOfTwoAtLeast(2 * long_globs.size() + 16), GlobSlot());
  for (size_t i = 0; i < long_globs.size();) {
    const uint64_t key = long_globs[i].first;
    GlobSlot group{key, static_cast<uint32_t>(m->glob_edges_.size()), 0};
    for (; i < long_globs.size() && long_globs[i].first == key; ++i) m->glob_edges_.push_back(long_globs[i].second);
    group.end = static_cast<uint32_t>(m->glob_edges_.size());
    const size_t mask = m->glob_slots_.size() - 1;
    size_t slot = MixGlobKey(key) & mask;
    while (m->glob_slots_[slot].key != 0) slot = (slot + 1) & mask;
    m->glob_slots_[slot] = group;
  }
  m->lead_begin_.push_back(static_cast<uint32_t>(m->lead_words_.size()));
  std::sort(terminal_pairs.begin(), terminal_pairs.end());
  m->terminals_.reserve(terminal_pairs.size());
  m->terminal_offsets_.assign(m->nodes_.size() + 1, 0);
  size_t next = 0;
  for (uint32_t node = 0; node < m->nodes_.size(); ++node) {
    m->terminal_offsets_[node] = static_cast<uint32_t>(m->terminals_.size());
    for (; next < terminal_pairs.size() && terminal_pairs[next].first == node; ++next) {
      const uint32_t id = terminal_pairs[next].second;
      const bool leads = m->lead_begin_[id + 1] > m->lead_begin_[id];
      m->terminals_.push_back(id | (entries[id].case_sensitive ? kCaseSensitive : 0) | (leads ? kLeads : 0));
      m->node_flags_[node] |= kTerminals;
    }
  }
  m->terminal_offsets_.back() = static_cast<uint32_t>(m->terminals_.size());
  m->FillTextFilter(glob_keys);
  // Every reference to a node carries its flags, now that they are all known.
  auto ref = [&m](uint32_t id) { return id | m->node_flags_[id]; };
  m->root_ = ref(0);
  m->root_short_globs_ = (m->root_ & (kGlob1 | kGlob2)) != 0;
  m->root_glob3_ = (m->root_ & kGlob3) != 0;
  for (Slot& s : m->slots_)
    if (s.child != 0) s.child = ref(s.child);
  for (GlobEdge& g : m->glob_edges_) g.child = ref(g.child);
  for (GapEdge& g : m->gaps_) g.child = ref(g.child);
  m->node_flags_ = {};
  if (m->lead_words_.empty()) m->lead_begin_ = {};  // no entry has lead words
  m->entries_ = std::move(entries);
  m->entry_lexicon_.reserve(m->entries_.size());
  for (const CompiledEntry& e : m->entries_) {
    m->entry_lexicon_.push_back(e.lexicon);
    m->num_lexicons_ = std::max(m->num_lexicons_, e.lexicon + 1);
  }
  return m;
}

void Matcher::FillTextFilter(const std::vector<std::pair<uint64_t, uint64_t>>& glob_keys) {
  auto label_hash = [this](uint32_t node) {
    return HashBytes(std::string_view(labels_.data() + nodes_[node].label_begin, nodes_[node].label_len));
  };
  // A root word walks wherever it stands when an entry ends at it without lead words,
  // or when globs or gaps follow it; otherwise only beside a word that follows it
  // through a word edge, or beside the last lead word of an entry that ends at it.
  std::vector<uint8_t> pair_only(nodes_.size(), 0);
  std::vector<uint32_t> root_children;
  for (const Slot& s : slots_) {
    if (s.child == 0 || (s.edge & ~kLongLabel) != 0) continue;  // not a root word edge
    bool anywhere = (node_flags_[s.child] & (kGlob1 | kGlob2 | kGlob3 | kGlob4 | kGaps)) != 0;
    for (uint32_t t = terminal_offsets_[s.child]; t < terminal_offsets_[s.child + 1]; ++t)
      anywhere |= !(terminals_[t] & kLeads);
    pair_only[s.child] = !anywhere;
    root_children.push_back(s.child);
  }
  std::vector<uint64_t> next_pairs, lead_pairs, anywhere, paired;
  for (uint32_t child : root_children) {
    if (!pair_only[child]) {
      anywhere.push_back(label_hash(child));
      continue;
    }
    paired.push_back(label_hash(child));
    for (uint32_t t = terminal_offsets_[child]; t < terminal_offsets_[child + 1]; ++t) {
      const uint32_t id = terminals_[t] & ~(kCaseSensitive | kLeads);
      const uint64_t pair = PairKey(HashBytes(lead_words_[lead_begin_[id + 1] - 1]), label_hash(child));
      lead_pairs.push_back(pair);
    }
  }
  for (const Slot& s : slots_)
    if (s.child != 0 && !(s.edge & kGlobEdge)) {
      const uint32_t parent = s.edge & ~kLongLabel;
      if (parent != 0 && pair_only[parent]) next_pairs.push_back(PairKey(label_hash(parent), label_hash(s.child)));
    }
  text_filter_.Init(anywhere.size() + paired.size() + next_pairs.size() + lead_pairs.size() + glob_keys.size(), 32);
  for (uint64_t h : anywhere) text_filter_.Add(h, h);
  for (uint64_t h : paired) text_filter_.Add(h, h >> 6);
  for (uint64_t pair : next_pairs) text_filter_.Add(pair, pair);
  for (uint64_t pair : lead_pairs) text_filter_.Add(pair, pair >> 6);
  for (const auto& [block, h] : glob_keys) text_filter_.Add(block, h);
}

bool Matcher::CaseMatches(const CompiledEntry& e, std::string_view text,
                          absl::Span<const Token> tokens, uint32_t first) const {
  for (size_t w = 0; w < e.surfaces.size(); ++w) {
    const Token& t = tokens[first + w];
    const std::string_view surface = text.substr(t.begin, t.end - t.begin);
    if (e.globs[w] ? surface.substr(0, e.surfaces[w].size()) != e.surfaces[w] : surface != e.surfaces[w])
      return false;
  }
  return true;
}

// The first n bytes (n >= 1) of `packed`, eight bytes in PackBytes order, the rest
// zeroed. Word lengths are as good as random: a mask computed without a branch.
inline uint64_t FirstPackedBytes(uint64_t packed, size_t n) {
  return packed & (~uint64_t{0} >> (64 - 8 * std::min<size_t>(n, 8)));
}

// A token's WordId (see Slot), given the first eight bytes of its folded word.
inline uint64_t WordIdOf(const Token& tok, uint64_t head) {
  return tok.fold_len > 8 ? tok.hash : FirstPackedBytes(head, tok.fold_len);
}

inline uint32_t Matcher::GlobGroupsMayLead(uint32_t node_id, uint64_t glob3_bytes, uint64_t glob4_bytes,
                                           uint32_t word_bytes, uint64_t head) const {
  // Each group key is tested in a filter word of its own. Sharing one word per three-
  // byte start saved loads, but globs crowd the starts that English words share
  // ("pro", "con", "sta"), so the words tested there passed often: on the State
  // Department statements, a quarter of the words walked found nothing at the root;
  // with a word per key, one in seven.
  uint32_t may = 0;
  if (glob3_bytes != kNoGlobs) {
    const uint64_t hash3 = GlobFilterKey(GlobGroupKey(node_id, head & 0xFFFFFF));
    may = ((word_bytes >= glob3_bytes) & text_filter_.MayContain(hash3)) ? kMayGlob3 : 0;
  }
  const uint64_t hash4 = GlobFilterKey(GlobGroupKey(node_id, head & 0xFFFFFFFF));
  may |= ((word_bytes >= glob4_bytes) & text_filter_.MayContain(hash4)) ? kMayGlob4 : 0;
  const uint64_t key6 = LongGlobGroupKey(node_id, head & 0xFFFFFFFFFFFF);
  // Both tests are made and combined without a branch, whose outcome on unseen words
  // would mispredict.
  const bool long_enough = word_bytes >= std::max<uint64_t>(glob4_bytes, 6);
  const bool may_glob6 = text_filter_.MayContain(key6 << 1, key6);
  may |= (long_enough & may_glob6) ? kMayGlob6 : 0;
  return may;
}

template <bool kRootGlob3, bool kRootShortGlobs>
inline uint32_t Matcher::RootMayLead(const Token& tok, uint64_t head, bool paired) const {
  const uint64_t words = text_filter_.Block(tok.hash);
  const bool anywhere = BitFilter<1>::BlockMayContain(words, tok.hash);
  const bool beside = BitFilter<1>::BlockMayContain(words, tok.hash >> 6) & paired;
  const uint32_t may = (anywhere | beside) ? kMayWord : 0;
  return may | GlobGroupsMayLead(0, kRootGlob3 ? 3 : kNoGlobs, 4, tok.fold_len, head) |
         (kRootShortGlobs ? kMayShortGlobs : 0);
}

inline Matcher::NodeRef Matcher::RootStep(uint32_t may, const Token& tok, std::string_view folded, uint32_t next,
                                          MatchScratch* scratch) const {
  if (may & kMayShortGlobs) return Step(root_, tok, folded, next, scratch);
  const std::string_view word = folded.substr(tok.fold_begin, tok.fold_len);
  const uint64_t head = Head(folded, tok);
  const NodeRef child = (may & kMayWord) ? Child(0, false, word, WordIdOf(tok, head), /*filtered=*/true) : 0;
  PushGlobGroups(may, 0, word, head, next, scratch);
  return child;
}

inline Matcher::NodeRef Matcher::Step(NodeRef node, const Token& tok, std::string_view folded, uint32_t next,
                                      MatchScratch* scratch) const {
  const std::string_view word = folded.substr(tok.fold_begin, tok.fold_len);
  const uint32_t node_id = node & kNodeMask;
  const uint64_t word_head = Head(folded, tok);
  const NodeRef child = (node & kWordEdges) ? Child(node_id, false, word, WordIdOf(tok, word_head)) : 0;
  if (!(node & (kGlob1 | kGlob2 | kGlob3 | kGlob4))) return child;
  for (size_t l = 1; l <= 2 && l <= word.size(); ++l) {
    if (!(node & (l == 1 ? kGlob1 : kGlob2))) continue;
    if (NodeRef c = Child(node_id, true, word.substr(0, l), FirstPackedBytes(word_head, l)))
      scratch->stack.emplace_back(c, next);
  }
  if (!(node & (kGlob3 | kGlob4))) return child;
  const uint32_t may = GlobGroupsMayLead(node_id, (node & kGlob3) ? 3 : kNoGlobs, (node & kGlob4) ? 4 : kNoGlobs,
                                         tok.fold_len, word_head);
  PushGlobGroups(may, node_id, word, word_head, next, scratch);
  return child;
}

inline void Matcher::PushGlobGroups(uint32_t may, uint32_t node_id, std::string_view word, uint64_t head,
                                    uint32_t next, MatchScratch* scratch) const {
  if (may & kMayGlob3) PushGlobs(node_id, GlobGroupKey(node_id, head & 0xFFFFFF), word, head, next, scratch);
  if (may & kMayGlob4) PushGlobs(node_id, GlobGroupKey(node_id, head & 0xFFFFFFFF), word, head, next, scratch);
  if (may & kMayGlob6) PushGlobs(node_id, LongGlobGroupKey(node_id, head & 0xFFFFFFFFFFFF), word, head, next, scratch);
}

inline void Matcher::PushGlobs(uint32_t node_id, uint64_t key, std::string_view word, uint64_t head, uint32_t next,
                               MatchScratch* scratch) const {
  const GlobSlot* group = FindGlobGroup(key);
  if (group == nullptr) return;
  for (uint32_t k = group->begin; k < group->end; ++k) {
    const GlobEdge& g = glob_edges_[k];
    if (g.length > word.size() || g.parent != node_id) continue;
    if (FirstPackedBytes(head, g.length) != g.head) continue;
    if (g.length > 8 && !SameLongBytes(word.data(), labels_.data() + g.label_begin, g.length)) continue;
    scratch->stack.emplace_back(g.child, next);
  }
}

template <typename Continues>
uint32_t Matcher::LeadsBefore(uint32_t id, absl::Span<const Token> tokens, std::string_view folded, uint32_t first,
                              const Continues& continues) const {
  const uint32_t begin = lead_begin_[id], count = lead_begin_[id + 1] - begin;
  if (first < count) return UINT32_MAX;
  for (uint32_t k = 0; k < count; ++k) {
    const uint32_t at = first - count + k;
    const Token& t = tokens[at];
    // As in the walk: each word after the first must continue the phrase.
    if (!continues(at + 1) || std::string_view(folded.data() + t.fold_begin, t.fold_len) != lead_words_[begin + k])
      return UINT32_MAX;
  }
  return first - count;
}

template <typename Continues>
inline void Matcher::AddTerminals(uint32_t node_id, std::string_view text, absl::Span<const Token> tokens,
                                  std::string_view folded, uint32_t first, uint32_t end, const Continues& continues,
                                  MatchScratch* scratch) const {
  for (uint32_t t = terminal_offsets_[node_id], end_t = terminal_offsets_[node_id + 1]; t < end_t; ++t) {
    const uint32_t id = terminals_[t] & ~(kCaseSensitive | kLeads);
    uint32_t start = first;
    if (terminals_[t] & kLeads) {
      start = LeadsBefore(id, tokens, folded, first, continues);
      if (start == UINT32_MAX) continue;
    }
    if (!(terminals_[t] & kCaseSensitive) || CaseMatches(entries_[id], text, tokens, start)) {
      auto& c = scratch->candidates;
      // Written field by field in place: push_back(Match{...}) built the match on the
      // stack with three 4-byte stores and copied it with an 8-byte load across two of
      // them, which waits for both to leave the store buffer.
      Match& added = c.emplace_back();
      added.entry = id;
      added.first = start;
      added.end = end;
      // A match with lead words starts before the walk's word: moved back past the
      // few found since, the candidates stay in order of their first word, and
      // Resolve need not sort a whole document's candidates for it.
      if (start != first)
        for (size_t k = c.size() - 1; k > 0 && c[k - 1].first > start; --k) std::swap(c[k - 1], c[k]);
    }
  }
}

template <typename Continues>
void Matcher::PushGaps(uint32_t node_id, uint32_t j, const Continues& continues, MatchScratch* scratch) const {
  auto g = std::lower_bound(gaps_.begin(), gaps_.end(), GapEdge{node_id, 0, 0, 0});
  for (; g != gaps_.end() && g->parent == node_id; ++g) {
    // Skipping k words needs words j .. j+k-1 inside the phrase; the walk checks the
    // word after the gap itself.
    uint32_t skipped = 0;
    while (skipped < g->min && continues(j + skipped)) ++skipped;
    if (skipped < g->min) continue;
    for (uint32_t k = g->min;; ++k) {
      scratch->stack.emplace_back(g->child, j + k);
      if (k == g->max || !continues(j + k)) break;
    }
  }
}

template <bool kRootGlob3, bool kRootShortGlobs>
uint32_t Matcher::MarkActive(const Token* toks, uint32_t n, std::string_view folded, uint64_t* active,
                             bool avx512) const {
  uint32_t num_active = 0;
  // The pair of each word and the next (0 past the end) is looked up once, for both
  // of its bits in text_filter_: the first word's as a word that the second follows, and
  // the second's as a word that the first leads.
  bool led = false;
  auto mark = [&](uint32_t i, uint64_t head, uint64_t next) {
    const uint64_t pair = PairKey(toks[i].hash, next);
    const uint64_t pairs = text_filter_.Block(pair);
    const uint32_t may =
        RootMayLead<kRootGlob3, kRootShortGlobs>(toks[i], head, BitFilter<1>::BlockMayContain(pairs, pair) | led);
    led = BitFilter<1>::BlockMayContain(pairs, pair >> 6);
    active[num_active] = uint64_t{i} << 32 | may;
    num_active += may != 0;
  };
  // Words with eight bytes to read from their start and a word after them (all but
  // the last one or two) are read without the bounds tests.
  uint32_t fast_end = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  fast_end = n - 1;
  while (fast_end > 0 && toks[fast_end - 1].fold_begin + 8 > folded.size()) --fast_end;
#endif
  uint32_t i = 0;
#ifdef POLYTAG_AVX512_KERNELS
  // The kernel knows no three-byte or shorter root globs; the lexicons that have
  // them are few.
  if (!kRootGlob3 && !kRootShortGlobs && avx512) {
    i = fast_end & ~7u;
    MarkActiveAvx512(toks, i, folded.data(), active, &num_active, &led);
  }
#else
  (void)avx512;
#endif
  for (; i < fast_end; ++i) mark(i, LoadWord(folded.data() + toks[i].fold_begin), toks[i + 1].hash);
  for (uint32_t i = fast_end; i < n; ++i) mark(i, Head(folded, toks[i]), i + 1 < n ? toks[i + 1].hash : 0);
  return num_active;
}

uint32_t Matcher::FirstPass(absl::Span<const Token> tokens, std::string_view folded, uint64_t* active,
                            bool avx512) const {
  const Token* const toks = tokens.data();
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  if (n == 0) return 0;
  avx512 = avx512 && HasAvx512Dq();
  // Lexicons without globs of one to three bytes at the start of an entry (most) get
  // a first pass without their tests.
  return root_short_globs_ ? MarkActive<true, true>(toks, n, folded, active, avx512)
         : root_glob3_     ? MarkActive<true, false>(toks, n, folded, active, avx512)
                           : MarkActive<false, false>(toks, n, folded, active, avx512);
}

void Matcher::FindTrie(std::string_view text, absl::Span<const Token> tokens, std::string_view folded,
                       const std::vector<bool>& sentence_start, MatchScratch* scratch) const {
  auto& stack = scratch->stack;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  // The walk reads the tokens through local copies of their vectors' starts: it also
  // appends to vectors, and the compiler must assume that each append may move the
  // start of any other vector, and reload it.
  const Token* const toks = tokens.data();
  const auto starts = sentence_start.begin();
  // A phrase stops at a sentence or clause boundary.
  auto continues = [n, toks, starts](uint32_t j) { return j < n && !starts[j] && !(toks[j].gap & kGapClause); };
  // First, without a branch on the outcome, the words whose root step may lead
  // anywhere; only they are walked. Whether a word starts an entry is a coin toss in
  // news text (about a third of the words do, with lead words anchored later), and on
  // text the processor has not seen, a branch on it per word mispredicted often: this
  // pass made tagging unseen articles 3 to 6% faster.
  // The pass also keeps which filters passed, so that the walks do not test again.
  // The buffer only grows: resized to each document's words, it zeroed the words a
  // document had beyond the one before (1.3% of the instructions on the statements).
  if (scratch->active.size() < n + kFirstPassSlack) scratch->active.resize(n + kFirstPassSlack);
  uint64_t* const active = scratch->active.data();
  const uint32_t num_active = FirstPass(tokens, folded, active, /*avx512=*/true);
  for (uint32_t a = 0; a < num_active; ++a) {
    const uint32_t i = static_cast<uint32_t>(active[a] >> 32);
    stack.clear();
    // Word edges lead to one child at most: that path is followed in the loop, and
    // only the children through glob edges wait on the stack. The root holds no
    // terminals (every pattern has a word), so the walk starts one step in.
    NodeRef node = RootStep(static_cast<uint32_t>(active[a]), toks[i], folded, i + 1, scratch);
    uint32_t j = i + 1;
    while (true) {
      if (node == 0) {
        if (stack.empty()) break;
        std::tie(node, j) = stack.back();
        stack.pop_back();
      }
      if (node & kTerminals) AddTerminals(node & kNodeMask, text, tokens, folded, i, j, continues, scratch);
      // A node with no edge onward (the end of most single-word entries) ends the
      // walk without a look at the next word.
      if (!(node & kOnward) || !continues(j)) {
        node = 0;
        continue;
      }
      if (node & kGaps) PushGaps(node & kNodeMask, j, continues, scratch);
      node = Step(node, toks[j], folded, j + 1, scratch);
      ++j;
    }
  }
}

void Matcher::FindRegex(absl::Span<const Token> tokens, std::string_view folded, uint32_t first_token,
                        MatchScratch* scratch) const {
  // The tokenizer leaves one space between folded words: the paragraph's normalised
  // form is already there.
  const size_t base = tokens.front().fold_begin;
  const std::string_view norm =
      folded.substr(base, tokens.back().fold_begin + tokens.back().fold_len - base);
  scratch->set_hits.clear();
  const re2::StringPiece norm_piece(norm.data(), norm.size());
  if (!regex_->set.Match(norm_piece, &scratch->set_hits)) return;
  auto& starts = scratch->word_starts;
  starts.clear();
  for (const Token& t : tokens) starts.push_back(static_cast<uint32_t>(t.fold_begin - base));
  auto token_at = [&](size_t offset) -> int64_t {  // the word starting at offset, or -1
    auto it = std::lower_bound(starts.begin(), starts.end(), offset);
    return it != starts.end() && *it == offset ? it - starts.begin() : -1;
  };
  for (int r : scratch->set_hits) {
    const RE2& re = *regex_->regexes[r];
    size_t pos = 0;
    re2::StringPiece m;
    while (pos < norm.size() &&
           re.Match(norm_piece, pos, norm.size(), RE2::UNANCHORED, &m, 1)) {
      const size_t b = static_cast<size_t>(m.data() - norm.data()), e = b + m.size();
      const int64_t first = token_at(b);
      // The match must end where a word ends: at the end of the text or before a space.
      const bool ends_word = e == norm.size() || (e > b && norm[e] == ' ');
      if (first >= 0 && ends_word && e > b) {
        const uint32_t last = static_cast<uint32_t>(std::upper_bound(starts.begin(), starts.end(), e - 1) - starts.begin());
        scratch->candidates.push_back(
            Match{regex_->entry[r], first_token + static_cast<uint32_t>(first), first_token + last});
      }
      // Go on from the next word after the match's start, so that later and
      // overlapping matches at word boundaries are found too.
      auto next = std::upper_bound(starts.begin(), starts.end(), b);
      if (next == starts.end()) break;
      pos = *next;
    }
  }
}

void Matcher::ResolveCluster(uint32_t head, size_t end, MatchScratch* scratch) const {
  const auto& c = scratch->candidates;
  auto& kept = scratch->kept;
  // Longest first, then leftmost, then by entry: sorted as packed keys, which compare
  // without looking anything up.
  auto& keys = scratch->sort_keys;
  keys.clear();
  for (int32_t k = static_cast<int32_t>(head); k >= 0; k = scratch->next[k]) {
    const Match& m = c[k];
    keys.emplace_back(uint64_t{UINT32_MAX - (m.end - m.first)} << 32 | m.first, uint64_t{m.entry} << 32 | k);
  }
  std::sort(keys.begin(), keys.end());
  auto& owner = scratch->owner;  // per token: the accepted candidate covering it, or -1
  std::fill(owner.begin() + c[head].first, owner.begin() + static_cast<std::ptrdiff_t>(end), -1);
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t k = static_cast<uint32_t>(keys[i].second);
    const Match& m = c[k];
    bool free = true, same_span = true;
    for (uint32_t t = m.first; t < m.end; ++t) {
      if (owner[t] < 0) continue;
      free = false;
      const Match& o = c[owner[t]];
      if (o.first != m.first || o.end != m.end) same_span = false;
    }
    // The same entry found twice on one span (as two globs may) counts once; the sort
    // puts such twins next to each other.
    const bool twin = i > 0 && keys[i - 1].first == keys[i].first && keys[i - 1].second >> 32 == m.entry;
    if ((!free && !same_span) || twin) {
      kept[k] = 0;
      continue;
    }
    if (free)
      for (uint32_t t = m.first; t < m.end; ++t) owner[t] = static_cast<int32_t>(k);
  }
}

void Matcher::Resolve(MatchScratch* scratch, size_t num_tokens, std::vector<Match>* out) const {
  auto& c = scratch->candidates;
  // The walk finds candidates in order of their first token (AddTerminals keeps
  // those with lead words in it); regex entries come after them.
  auto by_first = [](const Match& a, const Match& b) { return a.first < b.first; };
  if (!std::is_sorted(c.begin(), c.end(), by_first)) std::sort(c.begin(), c.end(), by_first);
  // Overlaps are resolved within each lexicon, and a candidate can only lose to one
  // that overlaps it, directly or through others: each run of overlapping candidates
  // of a lexicon (a cluster) is resolved on its own, and most are a single candidate,
  // which stays. Clusters are linked lists through `next`, one open per lexicon.
  // The buffers only grow, and each candidate's entries are written as it is reached:
  // clearing them first cost a memset whose branches follow the paragraph's size.
  const uint32_t num_candidates = static_cast<uint32_t>(c.size());
  if (scratch->kept.size() < num_candidates) {
    scratch->kept.resize(num_candidates);
    scratch->next.resize(num_candidates);
  }
  if (scratch->owner.size() < num_tokens) scratch->owner.resize(num_tokens);
  uint8_t* const kept = scratch->kept.data();
  int32_t* const next = scratch->next.data();
  auto& open = scratch->open;  // per lexicon: {first candidate, last candidate, end}
  open.assign(num_lexicons_, {-1, -1, 0});
  for (uint32_t k = 0; k < num_candidates; ++k) {
    kept[k] = 1;
    next[k] = -1;
    auto& [head, tail, end] = open[entry_lexicon_[c[k].entry]];
    if (head >= 0 && c[k].first >= end) {
      if (head != tail) ResolveCluster(static_cast<uint32_t>(head), end, scratch);  // a lone candidate stays
      head = -1;
    }
    if (head < 0) {
      head = tail = static_cast<int32_t>(k);
      end = c[k].end;
    } else {
      next[tail] = static_cast<int32_t>(k);
      tail = static_cast<int32_t>(k);
      end = std::max<size_t>(end, c[k].end);
    }
  }
  for (const auto& [head, tail, end] : open)
    if (head != tail) ResolveCluster(static_cast<uint32_t>(head), end, scratch);
  // Ordered by first token, then entry: in first-token order already, so an insertion
  // sort only reorders the few that share a first token. Every candidate is written
  // and the kept ones counted, without a branch on which lost.
  const size_t out_begin = out->size();
  out->resize(out_begin + num_candidates);
  Match* const m = out->data() + out_begin;
  size_t n = 0;
  for (uint32_t k = 0; k < num_candidates; ++k) {
    m[n] = c[k];
    n += kept[k];
  }
  out->resize(out_begin + n);
  for (size_t k = 1; k < n; ++k) {
    const Match x = m[k];
    size_t i = k;
    for (; i > 0 && m[i - 1].first == x.first && m[i - 1].entry > x.entry; --i) m[i] = m[i - 1];
    m[i] = x;
  }
}

void Matcher::Find(std::string_view text, absl::Span<const Token> tokens, std::string_view folded,
                   const std::vector<bool>& sentence_start, MatchScratch* scratch, std::vector<Match>* out,
                   absl::Span<const std::pair<uint32_t, uint32_t>> paragraphs) const {
  scratch->candidates.clear();
  if (tokens.empty()) return;
  FindTrie(text, tokens, folded, sentence_start, scratch);
  if (regex_ != nullptr) {
    if (paragraphs.empty()) FindRegex(tokens, folded, 0, scratch);
    for (const auto& [first, end] : paragraphs)
      if (first < end) FindRegex(tokens.subspan(first, end - first), folded, first, scratch);
  }
  if (!scratch->candidates.empty()) Resolve(scratch, tokens.size(), out);
}

}  // namespace polytag::internal
