#include "polytag/lexicon.h"

#include <cmath>
#include <cstdio>
#include <iterator>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "pattern.h"
#include "string_views.h"
#include "weight_text.h"

namespace polytag {
namespace {

constexpr std::string_view kRoleNames[] = {"risk",       "opportunity", "negator",    "hedge",   "intensifier",
                                           "diminisher", "contrast",    "concession", "neutral", "criticism", "harm"};

// Columns count code points, as editors do.
int ColumnAfter(std::string_view s, size_t bytes) {
  int n = 0;
  for (size_t i = 0; i < bytes && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

bool IsValidThemeId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsValidLexiconName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

std::string_view StanceRoleName(StanceRole role) { return kRoleNames[static_cast<int>(role)]; }

std::string StanceRoleList() {
  std::string out;
  for (size_t i = 0; i < std::size(kRoleNames); ++i)
    absl::StrAppend(&out, i == 0 ? "" : i + 1 == std::size(kRoleNames) ? " or " : ", ", internal::AV(kRoleNames[i]));
  return out;
}

bool ParseStanceRole(std::string_view name, StanceRole* role) {
  for (int i = 0; i < static_cast<int>(std::size(kRoleNames)); ++i) {
    if (kRoleNames[i] == name) {
      *role = static_cast<StanceRole>(i);
      return true;
    }
  }
  return false;
}

Lexicon::Lexicon(std::string name, std::string version, LexiconKind kind)
    : name_(std::move(name)), version_(std::move(version)), kind_(kind), source_("<code>") {}

namespace internal {

absl::Status CheckEntry(const Lexicon& lexicon, const LexiconEntry& entry, size_t* pattern_offset) {
  *pattern_offset = 0;
  if (lexicon.kind() == LexiconKind::kStance) {
    StanceRole role;
    if (!ParseStanceRole(entry.category, &role)) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown stance category '", entry.category, "' (expected ", StanceRoleList(), ")"));
    }
    if (entry.needs_support && role != StanceRole::kRisk && role != StanceRole::kOpportunity)
      return absl::InvalidArgumentError(
          "'needs-support' applies to theme entries and to risk and opportunity cues only");
  } else if (!IsValidThemeId(entry.category)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad theme id '", entry.category, "': use letters, digits and _ . : -"));
  }
  if (!std::isfinite(entry.weight) || entry.weight < 0 || entry.weight > 1000)
    return absl::InvalidArgumentError("weight must be a number between 0 and 1000 (0 means the default)");
  if (lexicon.entries().size() >= kMaxLexiconEntries)
    return absl::ResourceExhaustedError(
        absl::StrCat("the lexicon is over the limit of ", kMaxLexiconEntries, " entries"));
  AnalyzedPattern analyzed;
  return AnalyzePattern(entry.pattern, entry.case_sensitive, &analyzed, pattern_offset);
}

}  // namespace internal

absl::Status Lexicon::AddEntry(LexiconEntry entry) {
  size_t offset = 0;
  if (absl::Status why = internal::CheckEntry(*this, entry, &offset); !why.ok()) {
    if (entry.line > 0) {
      return absl::Status(why.code(), absl::StrCat(source_, ":", entry.line, ":",
                                                   entry.column + ColumnAfter(entry.pattern, offset), ": ",
                                                   why.message()));
    }
    return absl::Status(why.code(), absl::StrCat(source_, ": entry '", entry.pattern, "': ", why.message()));
  }
  entries_.push_back(std::move(entry));
  return absl::OkStatus();
}

std::vector<std::string> Lexicon::Categories() const {
  std::vector<std::string> out;
  absl::flat_hash_set<std::string_view> seen;
  for (const LexiconEntry& e : entries_)
    if (seen.insert(e.category).second) out.push_back(e.category);
  return out;
}

std::string Lexicon::Fingerprint() const {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a: stable across platforms and runs
  auto add = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    h ^= 0xff;  // field separator that no UTF-8 text contains
    h *= 0x100000001b3ull;
  };
  add(name_);
  add(version_);
  add(kind_ == LexiconKind::kThemes ? "themes" : "stance");
  for (const LexiconEntry& e : entries_) {
    add(e.pattern);
    add(e.category);
    add(internal::WeightText(e.weight));
    add(e.needs_support ? "s" : "-");
    add(e.case_sensitive ? "c" : "-");
  }
  return absl::StrFormat("%016x", h);
}

}  // namespace polytag
