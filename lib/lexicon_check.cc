#include "polytag/lexicon_check.h"

#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "pattern.h"
#include "string_views.h"

namespace polytag {
namespace {

// How an entry reads after normalisation: its words with glob marks, or its regex.
std::string NormalForm(const internal::AnalyzedPattern& p, bool case_sensitive) {
  if (p.kind == PatternKind::kRegex) return absl::StrCat("/", p.regex);
  std::string out = case_sensitive ? "c" : "-";
  for (const internal::PatternWord& w : p.words)
    absl::StrAppend(&out, " ", case_sensitive ? w.surface : w.folded, w.glob ? "*" : "");
  return out;
}

std::string Where(const Lexicon& lexicon, const LexiconEntry& e) {
  if (e.line > 0) return absl::StrCat(lexicon.source(), ":", e.line, ":", e.column);
  return absl::StrCat(lexicon.source(), ": entry '", e.pattern, "'");
}

std::string Named(const LexiconEntry& e) {
  return e.line > 0 ? absl::StrCat("'", e.pattern, "' (line ", e.line, ")") : absl::StrCat("'", e.pattern, "'");
}

// Why a regex can never match the normalised text (words folded and joined by single
// spaces, a match starting and ending on a word), or "".
std::string RegexNeverMatches(const std::string& re) {
  if (re.empty()) return "";
  if (re[0] == ' ') return "it starts with a space, but a match must start at a word";
  if (re.back() == ' ' && (re.size() < 2 || re[re.size() - 2] != '\\'))
    return "it ends with a space, but a match must end at a word";
  if (re.find("  ") != std::string::npos) return "it needs two spaces in a row, but words are joined by one";
  for (const char* ws : {"\t", "\n", "\r", "\\t", "\\n", "\\r"})
    if (re.find(ws) != std::string::npos)
      return "it needs a tab or line break, but words are joined by single spaces";
  return "";
}

}  // namespace

std::vector<LexiconFinding> CheckLexicon(const Lexicon& lexicon) {
  const std::vector<LexiconEntry>& entries = lexicon.entries();
  std::vector<internal::AnalyzedPattern> patterns(entries.size());
  std::vector<bool> valid(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    size_t offset;
    valid[i] = internal::AnalyzePattern(entries[i].pattern, entries[i].case_sensitive, &patterns[i], &offset).ok();
  }
  std::map<size_t, std::vector<LexiconFinding>> by_entry;
  auto add = [&](size_t i, LexiconFinding::Severity severity, const std::string& what) {
    const char* label = severity == LexiconFinding::Severity::kWarning ? "warning" : "note";
    by_entry[i].push_back({severity, i, absl::StrCat(Where(lexicon, entries[i]), ": ", label, ": ", what)});
  };

  absl::flat_hash_map<std::string, size_t> first;  // category + normal form -> entry
  absl::flat_hash_map<std::string, int> per_theme;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!valid[i]) continue;
    ++per_theme[entries[i].category];
    const auto [it, inserted] =
        first.emplace(absl::StrCat(entries[i].category, "\n", NormalForm(patterns[i], entries[i].case_sensitive)), i);
    if (!inserted)
      add(i, LexiconFinding::Severity::kWarning,
          absl::StrCat("'", entries[i].pattern, "' duplicates ", Named(entries[it->second]), " in [", entries[i].category,
                       "]: both match the same words"));
    if (patterns[i].kind == PatternKind::kRegex) {
      if (std::string why = RegexNeverMatches(patterns[i].regex); !why.empty())
        add(i, LexiconFinding::Severity::kWarning,
            absl::StrCat("'", entries[i].pattern, "' can never match: ", why));
    }
  }
  if (lexicon.kind() == LexiconKind::kThemes) {
    for (size_t i = 0; i < entries.size(); ++i)
      if (valid[i] && entries[i].needs_support && per_theme[entries[i].category] == 1)
        add(i, LexiconFinding::Severity::kWarning,
            absl::StrCat("'", entries[i].pattern, "' never counts: it needs support from another entry of [", entries[i].category,
                         "], which has no other"));
  }

  // Shadowing: index the words of every phrase, then look each entry's first word up.
  absl::flat_hash_map<std::string, std::vector<std::pair<size_t, size_t>>> phrase_words;  // word -> (entry, at)
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!valid[i] || patterns[i].words.size() < 2) continue;
    for (size_t k = 0; k < patterns[i].words.size(); ++k) {
      const internal::PatternWord& w = patterns[i].words[k];
      phrase_words[absl::StrCat(w.folded, w.glob ? "*" : "")].emplace_back(i, k);
    }
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!valid[i] || patterns[i].words.empty()) continue;
    const std::vector<internal::PatternWord>& mine = patterns[i].words;
    auto it = phrase_words.find(absl::StrCat(mine[0].folded, mine[0].glob ? "*" : ""));
    if (it == phrase_words.end()) continue;
    for (const auto& [j, at] : it->second) {
      const std::vector<internal::PatternWord>& longer = patterns[j].words;
      if (longer.size() <= mine.size() || at + mine.size() > longer.size() ||
          entries[j].category == entries[i].category)
        continue;
      bool inside = true;
      for (size_t k = 0; k < mine.size() && inside; ++k)
        inside = mine[k].folded == longer[at + k].folded && mine[k].glob == longer[at + k].glob;
      if (!inside) continue;
      add(i, LexiconFinding::Severity::kNote,
          absl::StrCat("'", entries[i].pattern, "' is shadowed by the longer ", Named(entries[j]), " of [", entries[j].category,
                       "]: where that matches, this entry does not count for [", entries[i].category, "]"));
      break;
    }
  }
  std::vector<LexiconFinding> out;
  for (auto& [i, findings] : by_entry)
    for (LexiconFinding& f : findings) out.push_back(std::move(f));
  return out;
}

}  // namespace polytag
