#include "matcher.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "normalize.h"

namespace polytag::internal {

struct Matcher::RegexEntries {
  explicit RegexEntries(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
  std::vector<std::unique_ptr<RE2>> regexes;
  std::vector<uint32_t> entry;  // regexes[i] belongs to entries_[entry[i]]
};

Matcher::~Matcher() = default;

absl::StatusOr<std::unique_ptr<Matcher>> Matcher::Build(std::vector<CompiledEntry> entries,
                                                        const std::vector<AnalyzedPattern>& patterns) {
  std::unique_ptr<Matcher> m(new Matcher());
  m->nodes_.emplace_back();  // the root
  std::vector<std::pair<uint32_t, uint32_t>> terminal_pairs;  // (node, entry)
  RE2::Options options;
  SetRegexOptions(kRegexMaxMem, &options);
  for (uint32_t id = 0; id < entries.size(); ++id) {
    const AnalyzedPattern& p = patterns[id];
    if (p.kind == PatternKind::kRegex) {
      if (m->regex_ == nullptr) {
        RE2::Options set_options;
        SetRegexOptions(kRegexMaxMem * 8, &set_options);
        m->regex_ = std::make_unique<RegexEntries>(set_options);
      }
      std::string error;
      if (m->regex_->set.Add(p.regex, &error) < 0)
        return absl::InvalidArgumentError(absl::StrCat("regex entry '", entries[id].term, "': ", error));
      auto re = std::make_unique<RE2>(p.regex, options);
      if (!re->ok())
        return absl::InvalidArgumentError(absl::StrCat("regex entry '", entries[id].term, "': ", re->error()));
      m->regex_->regexes.push_back(std::move(re));
      m->regex_->entry.push_back(id);
      continue;
    }
    uint32_t node = 0;
    for (const PatternWord& w : p.words) {
      const uint64_t hash = HashBytes(w.folded);
      EdgeKey probe{node, w.glob, w.folded, hash};
      auto it = m->edges_.find(probe);
      if (it == m->edges_.end()) {
        m->labels_.push_back(w.folded);
        const uint32_t child = static_cast<uint32_t>(m->nodes_.size());
        m->nodes_.emplace_back();
        m->edges_.emplace(EdgeKey{node, w.glob, m->labels_.back(), hash}, child);
        if (w.glob) {
          Node& n = m->nodes_[node];
          n.has_globs = true;
          if (w.folded.size() < 3) n.short_globs |= static_cast<uint8_t>(1u << w.folded.size());
          else m->glob_filter_[GlobFilterKey(node, w.folded)] |= uint64_t{1} << std::min<size_t>(w.folded.size(), 63);
        }
        node = child;
      } else {
        node = it->second;
      }
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
  std::sort(terminal_pairs.begin(), terminal_pairs.end());
  m->terminals_.reserve(terminal_pairs.size());
  for (size_t i = 0; i < terminal_pairs.size();) {
    Node& n = m->nodes_[terminal_pairs[i].first];
    n.terminals_begin = static_cast<uint32_t>(m->terminals_.size());
    const uint32_t node = terminal_pairs[i].first;
    for (; i < terminal_pairs.size() && terminal_pairs[i].first == node; ++i)
      m->terminals_.push_back(terminal_pairs[i].second);
    n.terminals_end = static_cast<uint32_t>(m->terminals_.size());
  }
  m->entries_ = std::move(entries);
  return m;
}

uint32_t Matcher::Child(uint32_t parent, bool glob, std::string_view label, uint64_t hash) const {
  auto it = edges_.find(EdgeKey{parent, glob, label, hash});
  return it == edges_.end() ? 0 : it->second;  // 0 (the root) is never a child
}

bool Matcher::CaseMatches(const CompiledEntry& e, std::string_view text,
                          const std::vector<Token>& tokens, uint32_t first) const {
  for (size_t w = 0; w < e.surfaces.size(); ++w) {
    const Token& t = tokens[first + w];
    const std::string_view surface = text.substr(t.begin, t.end - t.begin);
    if (e.globs[w] ? surface.substr(0, e.surfaces[w].size()) != e.surfaces[w] : surface != e.surfaces[w])
      return false;
  }
  return true;
}

void Matcher::FindTrie(std::string_view text, const std::vector<Token>& tokens, std::string_view folded,
                       const std::vector<bool>& sentence_start, MatchScratch* scratch) const {
  auto& stack = scratch->stack;
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    stack.clear();
    stack.emplace_back(0, i);
    while (!stack.empty()) {
      const auto [node_id, j] = stack.back();
      stack.pop_back();
      const Node& node = nodes_[node_id];
      for (uint32_t t = node.terminals_begin; t < node.terminals_end; ++t) {
        const CompiledEntry& e = entries_[terminals_[t]];
        if (!e.case_sensitive || CaseMatches(e, text, tokens, i))
          scratch->candidates.push_back(Match{terminals_[t], i, j});
      }
      if (j >= tokens.size()) continue;
      const Token& tok = tokens[j];
      // A phrase stops at a sentence or clause boundary.
      if (j > i && (sentence_start[j] || (tok.gap & kGapClause))) continue;
      const std::string_view word = folded.substr(tok.fold_begin, tok.fold_len);
      if (uint32_t c = Child(node_id, false, word, tok.hash)) stack.emplace_back(c, j + 1);
      if (!node.has_globs) continue;
      uint64_t lengths = node.short_globs;
      if (word.size() >= 3) {
        auto f = glob_filter_.find(GlobFilterKey(node_id, word));
        if (f != glob_filter_.end()) lengths |= f->second;
      }
      while (lengths != 0) {
        const int len = __builtin_ctzll(lengths);
        lengths &= lengths - 1;
        const size_t from = static_cast<size_t>(len), to = len == 63 ? word.size() : from;
        for (size_t l = from; l <= to && l <= word.size(); ++l) {
          const std::string_view prefix = word.substr(0, l);
          if (uint32_t c = Child(node_id, true, prefix, HashBytes(prefix))) stack.emplace_back(c, j + 1);
        }
      }
    }
  }
}

void Matcher::FindRegex(const std::vector<Token>& tokens, std::string_view folded,
                        MatchScratch* scratch) const {
  std::string& norm = scratch->normalized;
  auto& starts = scratch->word_starts;
  norm.clear();
  starts.clear();
  for (const Token& t : tokens) {
    if (!norm.empty()) norm.push_back(' ');
    starts.push_back(static_cast<uint32_t>(norm.size()));
    norm.append(folded.data() + t.fold_begin, t.fold_len);
  }
  scratch->set_hits.clear();
  if (!regex_->set.Match(norm, &scratch->set_hits)) return;
  auto token_at = [&](size_t offset) -> int64_t {  // the word starting at offset, or -1
    auto it = std::lower_bound(starts.begin(), starts.end(), offset);
    return it != starts.end() && *it == offset ? it - starts.begin() : -1;
  };
  for (int r : scratch->set_hits) {
    const RE2& re = *regex_->regexes[r];
    size_t pos = 0;
    re2::StringPiece m;
    while (pos < norm.size() &&
           re.Match(norm, pos, norm.size(), RE2::UNANCHORED, &m, 1)) {
      const size_t b = static_cast<size_t>(m.data() - norm.data()), e = b + m.size();
      const int64_t first = token_at(b);
      // The match must end where a word ends: at the end of the text or before a space.
      const bool ends_word = e == norm.size() || (e > b && norm[e] == ' ');
      if (first >= 0 && ends_word && e > b) {
        const uint32_t last = static_cast<uint32_t>(std::upper_bound(starts.begin(), starts.end(), e - 1) - starts.begin());
        scratch->candidates.push_back(Match{regex_->entry[r], static_cast<uint32_t>(first), last});
      }
      // Go on from the next word after the match's start, so that later and
      // overlapping matches at word boundaries are found too.
      auto next = std::upper_bound(starts.begin(), starts.end(), b);
      if (next == starts.end()) break;
      pos = *next;
    }
  }
}

void Matcher::Resolve(MatchScratch* scratch, size_t num_tokens, std::vector<Match>* out) const {
  auto& c = scratch->candidates;
  // Longest first, then leftmost, per lexicon.
  std::sort(c.begin(), c.end(), [this](const Match& a, const Match& b) {
    const uint32_t la = entries_[a.entry].lexicon, lb = entries_[b.entry].lexicon;
    if (la != lb) return la < lb;
    if (a.end - a.first != b.end - b.first) return a.end - a.first > b.end - b.first;
    if (a.first != b.first) return a.first < b.first;
    return a.entry < b.entry;
  });
  auto& owner = scratch->owner;  // per token: index into c of the accepted match, or -1
  const size_t out_begin = out->size();
  uint32_t lexicon = UINT32_MAX;
  for (size_t k = 0; k < c.size(); ++k) {
    const Match& m = c[k];
    if (entries_[m.entry].lexicon != lexicon) {
      lexicon = entries_[m.entry].lexicon;
      owner.assign(num_tokens, -1);
    }
    bool free = true, same_span = true;
    for (uint32_t t = m.first; t < m.end; ++t) {
      if (owner[t] < 0) continue;
      free = false;
      const Match& o = c[owner[t]];
      if (o.first != m.first || o.end != m.end) same_span = false;
    }
    if (!free && !same_span) continue;
    if (free)
      for (uint32_t t = m.first; t < m.end; ++t) owner[t] = static_cast<int32_t>(k);
    // The same entry found twice on one span (as two globs may) counts once; the sort
    // puts such twins next to each other.
    const bool twin = k > 0 && c[k - 1].entry == m.entry && c[k - 1].first == m.first && c[k - 1].end == m.end;
    if (!twin) out->push_back(m);
  }
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(out_begin), out->end(),
            [](const Match& a, const Match& b) {
              if (a.first != b.first) return a.first < b.first;
              return a.entry < b.entry;
            });
}

void Matcher::Find(std::string_view text, const std::vector<Token>& tokens, std::string_view folded,
                   const std::vector<bool>& sentence_start, MatchScratch* scratch,
                   std::vector<Match>* out) const {
  scratch->candidates.clear();
  if (tokens.empty()) return;
  FindTrie(text, tokens, folded, sentence_start, scratch);
  if (regex_ != nullptr) FindRegex(tokens, folded, scratch);
  if (!scratch->candidates.empty()) Resolve(scratch, tokens.size(), out);
}

}  // namespace polytag::internal
