#include "polytag/coverage.h"

#include <algorithm>
#include <limits>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "polytag/tagger.h"
#include "jsonl.h"
#include "string_views.h"

namespace polytag {
namespace {

// `text` around `span`, cut to whole code points, on one line.
std::string Context(std::string_view text, const Span& span, int bytes) {
  auto is_start = [&](size_t i) { return i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80; };
  size_t b = span.begin > static_cast<size_t>(bytes) ? span.begin - bytes : 0;
  while (b > 0 && !is_start(b)) --b;
  size_t e = std::min(text.size(), span.end + bytes);
  while (e < text.size() && !is_start(e)) ++e;
  std::string out = absl::StrCat(b > 0 ? "..." : "", internal::AV(text.substr(b, span.begin - b)), "[",
                                 internal::AV(text.substr(span.begin, span.end - span.begin)), "]",
                                 internal::AV(text.substr(span.end, e - span.end)), e < text.size() ? "..." : "");
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

}  // namespace

absl::StatusOr<CoverageReport> MeasureCoverage(const Lexicon& lexicon, std::string_view corpus_jsonl,
                                               std::string_view source, const CoverageOptions& options) {
  TaggerOptions tagging;
  tagging.theme_threshold = std::numeric_limits<double>::min();
  absl::StatusOr<std::unique_ptr<Tagger>> tagger = Tagger::Create({lexicon}, tagging);
  if (!tagger.ok()) return tagger.status();

  CoverageReport report;
  // A theme hit names its entry by theme and pattern as written (duplicates share the
  // first); a cue names its entry by index, the tagger's having only this lexicon's.
  absl::flat_hash_map<std::string, size_t> entry_of;
  for (size_t i = 0; i < lexicon.entries().size(); ++i) {
    const LexiconEntry& e = lexicon.entries()[i];
    entry_of.emplace(absl::StrCat(e.category, "\n", e.pattern), i);
    EntryCoverage c;
    c.entry = i;
    c.category = e.category;
    c.pattern = e.pattern;
    StanceRole role;
    c.measured = lexicon.kind() == LexiconKind::kThemes ||
                 (ParseStanceRole(e.category, &role) &&
                  (role == StanceRole::kRisk || role == StanceRole::kOpportunity || role == StanceRole::kHarm ||
                   role == StanceRole::kCriticism));
    report.entries.push_back(std::move(c));
  }
  absl::flat_hash_map<std::string, CategoryCoverage> categories;
  for (const std::string& c : lexicon.Categories()) categories[c].category = c;

  absl::Status read = internal::ForEachJsonRecord(corpus_jsonl, source, [&](int, const nlohmann::json& record) {
    const auto text_it = record.find("text");
    if (text_it == record.end() || !text_it->is_string()) {
      ++report.failed;
      return absl::OkStatus();
    }
    const std::string& text = text_it->get_ref<const std::string&>();
    absl::StatusOr<DocumentTags> tags = (*tagger)->Tag(text);
    if (!tags.ok()) {
      ++report.failed;
      return absl::OkStatus();
    }
    ++report.documents;
    const std::string_view tagged = tags->repaired_text.empty() ? std::string_view(text) : tags->repaired_text;
    absl::flat_hash_set<size_t> entries_here;
    absl::flat_hash_set<std::string> categories_here;
    auto count = [&](size_t entry, const Span& span) {
      EntryCoverage& c = report.entries[entry];
      ++c.hits;
      if (entries_here.insert(entry).second) ++c.documents;
      if (static_cast<int>(c.contexts.size()) < options.contexts_per_entry)
        c.contexts.push_back(Context(tagged, span, options.context_bytes));
      CategoryCoverage& cat = categories[c.category];
      ++cat.hits;
      if (categories_here.insert(c.category).second) ++cat.documents;
    };
    for (const ParagraphTags& p : tags->paragraphs) {
      for (const ThemeTag& t : p.themes) {
        for (const ThemeHit& h : t.hits) {
          auto it = entry_of.find(absl::StrCat(internal::AV(t.id), "\n", internal::AV(h.term)));
          if (it != entry_of.end()) count(it->second, h.span);
        }
      }
      for (const StanceCue& cue : p.stance.cues)
        if (cue.entry < report.entries.size()) count(cue.entry, cue.span);
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  for (auto& [name, c] : categories) report.categories.push_back(std::move(c));
  std::sort(report.categories.begin(), report.categories.end(), [](const CategoryCoverage& a, const CategoryCoverage& b) {
    return a.hits != b.hits ? a.hits > b.hits : a.category < b.category;
  });
  return report;
}

std::string CoverageToText(const CoverageReport& report, int top) {
  std::string out = absl::StrFormat("%d documents tagged, %d failed\n\n%-32s %8s %10s\n", report.documents,
                                    report.failed, "category", "hits", "documents");
  for (const CategoryCoverage& c : report.categories)
    absl::StrAppendFormat(&out, "%-32s %8d %10d\n", c.category, c.hits, c.documents);
  std::vector<const EntryCoverage*> fired;
  for (const EntryCoverage& e : report.entries)
    if (e.hits > 0) fired.push_back(&e);
  std::stable_sort(fired.begin(), fired.end(),
                   [](const EntryCoverage* a, const EntryCoverage* b) { return a->hits > b->hits; });
  absl::StrAppendFormat(&out, "\nmost frequent entries (%d of %d fired):\n", static_cast<int>(fired.size()),
                        static_cast<int>(report.entries.size()));
  for (int i = 0; i < top && i < static_cast<int>(fired.size()); ++i) {
    const EntryCoverage& e = *fired[i];
    absl::StrAppendFormat(&out, "  %-30s [%s] %d hits in %d documents\n", e.pattern, e.category, e.hits, e.documents);
    for (const std::string& c : e.contexts) absl::StrAppend(&out, "      ", c, "\n");
  }
  std::string never, unmeasured;
  int never_count = 0;
  for (const EntryCoverage& e : report.entries) {
    if (!e.measured) absl::StrAppend(&unmeasured, "  ", e.pattern, " [", e.category, "]\n");
    else if (e.hits == 0) {
      absl::StrAppend(&never, "  ", e.pattern, " [", e.category, "]\n");
      ++never_count;
    }
  }
  absl::StrAppendFormat(&out, "\nentries that never fired (%d):\n%s", never_count, never);
  if (!unmeasured.empty()) absl::StrAppend(&out, "\nstance modifiers (not counted one by one):\n", unmeasured);
  return out;
}

}  // namespace polytag
