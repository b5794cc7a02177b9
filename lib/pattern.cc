#include "pattern.h"

#include <re2/re2.h>

#include "absl/strings/str_cat.h"
#include "tokenize.h"

namespace polytag::internal {

void SetRegexOptions(size_t max_mem, void* re2_options) {
  auto* o = static_cast<RE2::Options*>(re2_options);
  o->set_encoding(RE2::Options::EncodingUTF8);
  o->set_case_sensitive(false);
  o->set_log_errors(false);
  o->set_max_mem(static_cast<int64_t>(max_mem));
}

absl::Status AnalyzePattern(std::string_view pattern, bool case_sensitive,
                            AnalyzedPattern* out, size_t* error_offset) {
  *out = AnalyzedPattern();
  *error_offset = 0;
  if (pattern.empty()) return absl::InvalidArgumentError("empty pattern");
  if (pattern.size() > kMaxPatternBytes)
    return absl::InvalidArgumentError(absl::StrCat("the pattern is ", pattern.size(), " bytes long, over the limit of ",
                                                   kMaxPatternBytes));
  if (pattern.front() == '/') {
    if (pattern.size() < 3 || pattern.back() != '/')
      return absl::InvalidArgumentError("a regex entry is written /expression/");
    if (case_sensitive) return absl::InvalidArgumentError("'case' does not apply to regex entries: they run on folded text");
    out->kind = PatternKind::kRegex;
    // "\/" stands for "/" between the slashes; RE2 reads "\/" as "/" too, so it is kept.
    out->regex = std::string(pattern.substr(1, pattern.size() - 2));
    RE2::Options options;
    SetRegexOptions(kRegexMaxMem, &options);
    RE2 re(out->regex, options);
    if (!re.ok()) {
      *error_offset = 1;
      return absl::InvalidArgumentError(absl::StrCat("RE2 rejects the regex: ", re.error()));
    }
    if (RE2::PartialMatch("", re)) {
      *error_offset = 1;
      return absl::InvalidArgumentError("the regex matches the empty string, so it would match everywhere");
    }
    return absl::OkStatus();
  }
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(pattern, 0, pattern.size(), &tokens, &folded);
  // Every '*' must directly follow a word and be followed by a non-word character.
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '*') continue;
    bool ends_word = false;
    for (const Token& t : tokens) ends_word |= t.end == i;
    const bool word_after = i + 1 < pattern.size() && pattern[i + 1] != ' ' && pattern[i + 1] != '*' &&
                            pattern[i + 1] != '-' && pattern[i + 1] != '/';
    if (!ends_word || word_after) {
      *error_offset = i;
      return absl::InvalidArgumentError("glob '*' may only end a word (write 'sanction*', not '*sanction' or 'sanc*tion')");
    }
  }
  if (tokens.empty()) return absl::InvalidArgumentError("the pattern has no words after normalisation");
  if (tokens.size() > kMaxPatternWords)
    return absl::InvalidArgumentError(absl::StrCat("the pattern has ", tokens.size(), " words, over the limit of ",
                                                   kMaxPatternWords));
  bool any_glob = false;
  for (const Token& t : tokens) {
    PatternWord w;
    w.folded.assign(folded, t.fold_begin, t.fold_len);
    w.surface.assign(pattern.substr(t.begin, t.end - t.begin));
    w.glob = t.end < pattern.size() && pattern[t.end] == '*';
    any_glob |= w.glob;
    out->words.push_back(std::move(w));
  }
  out->kind = any_glob ? PatternKind::kGlob
                       : out->words.size() == 1 ? PatternKind::kWord : PatternKind::kPhrase;
  return absl::OkStatus();
}

}  // namespace polytag::internal
