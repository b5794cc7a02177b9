#include "pattern.h"

#include <re2/re2.h>

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tokenize.h"
#include "utf8.h"

namespace polytag::internal {

namespace {
constexpr char kMisplacedGlob[] = "glob '*' may only end a word (write 'sanction*', not '*sanction' or 'sanc*tion')";
}  // namespace

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
  // A lexicon file cannot hold these (it is UTF-8, its lines are split at line breaks
  // and trimmed), so neither does a Lexicon: then every one can be written out and read
  // back as it is.
  if (const size_t bad = FindInvalidUtf8(pattern); bad != std::string_view::npos) {
    *error_offset = bad;
    return absl::InvalidArgumentError("the pattern is not valid UTF-8");
  }
  if (const size_t line_break = pattern.find_first_of("\r\n"); line_break != std::string_view::npos) {
    *error_offset = line_break;
    return absl::InvalidArgumentError("a pattern is one line: it may not hold a line break");
  }
  if (absl::ascii_isspace(static_cast<unsigned char>(pattern.front())) ||
      absl::ascii_isspace(static_cast<unsigned char>(pattern.back()))) {
    *error_offset = absl::ascii_isspace(static_cast<unsigned char>(pattern.front())) ? 0 : pattern.size() - 1;
    return absl::InvalidArgumentError("white space at the start or end of a pattern: remove it");
  }
  if (pattern.front() == '/') {
    if (pattern.size() < 3 || pattern.back() != '/')
      return absl::InvalidArgumentError("a regex entry is written /expression/");
    // A lexicon file's regex ends at its first '/' that no '\' escapes.
    for (size_t i = 1; i + 1 < pattern.size(); ++i) {
      if (pattern[i] == '\\') {
        ++i;
      } else if (pattern[i] == '/') {
        *error_offset = i;
        return absl::InvalidArgumentError("a '/' inside a regex is written '\\/'");
      }
    }
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
  // Gaps ("*" or "*{m,n}" standing alone) are cut out before tokenizing, so that the
  // digits of "{0,4}" do not read as words, and put back among the words by offset.
  struct Gap {
    size_t offset;
    uint8_t min, max;
  };
  std::vector<Gap> gaps;
  std::string scrubbed(pattern);
  auto separator = [](char c) { return c == ' ' || c == '\t' || c == '-' || c == '/'; };
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '*' || (i > 0 && !separator(pattern[i - 1]))) continue;
    Gap g{i, 1, 1};
    size_t end = i + 1;
    if (end < pattern.size() && pattern[end] == '{') {
      const size_t close = pattern.find('}', end);
      int m = -1, n = -1;
      char tail = 0;
      const std::string inside(pattern.substr(end + 1, close == std::string_view::npos ? 0 : close - end - 1));
      if (close == std::string_view::npos || std::sscanf(inside.c_str(), "%d,%d%c", &m, &n, &tail) != 2 || m < 0 ||
          n < m || n > kMaxGapWords || n == 0) {
        *error_offset = i;
        return absl::InvalidArgumentError(absl::StrCat("a gap is written '*' (one word) or '*{m,n}' (m to n words, ",
                                                       "0 <= m <= n <= ", kMaxGapWords, ", n >= 1)"));
      }
      g.min = static_cast<uint8_t>(m);
      g.max = static_cast<uint8_t>(n);
      end = close + 1;
    }
    if (end < pattern.size() && !separator(pattern[end])) {
      *error_offset = i;
      return absl::InvalidArgumentError(kMisplacedGlob);
    }
    if (case_sensitive) {
      *error_offset = i;
      return absl::InvalidArgumentError("'case' does not apply to entries with a gap '*'");
    }
    gaps.push_back(g);
    for (size_t k = i; k < end; ++k) scrubbed[k] = ' ';
    i = end - 1;
  }
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(scrubbed, 0, scrubbed.size(), &tokens, &folded);
  // Every other '*' must directly follow a word and be followed by a non-word character.
  for (size_t i = 0; i < scrubbed.size(); ++i) {
    if (scrubbed[i] != '*') continue;
    bool ends_word = false;
    for (const Token& t : tokens) ends_word |= t.end == i;
    const bool word_after = i + 1 < scrubbed.size() && !separator(scrubbed[i + 1]) && scrubbed[i + 1] != '*';
    if (!ends_word || word_after) {
      *error_offset = i;
      return absl::InvalidArgumentError(kMisplacedGlob);
    }
  }
  if (tokens.empty() && !gaps.empty()) {
    *error_offset = gaps[0].offset;
    return absl::InvalidArgumentError("a gap '*' must stand between two words");
  }
  if (tokens.empty()) return absl::InvalidArgumentError("the pattern has no words after normalisation");
  if (tokens.size() + gaps.size() > kMaxPatternWords)
    return absl::InvalidArgumentError(absl::StrCat("the pattern has ", tokens.size() + gaps.size(),
                                                   " words, over the limit of ", kMaxPatternWords));
  bool any_glob = false;
  size_t next_gap = 0;
  auto add_gaps_before = [&](size_t offset) -> absl::Status {
    for (; next_gap < gaps.size() && gaps[next_gap].offset < offset; ++next_gap) {
      const Gap& g = gaps[next_gap];
      if (out->words.empty() || out->words.back().gap) {
        *error_offset = g.offset;
        return absl::InvalidArgumentError(out->words.empty() ? "a gap '*' must stand between two words, not first"
                                                             : "two gaps in a row: write one, '*{m,n}'");
      }
      PatternWord w;
      w.gap = true;
      w.gap_min = g.min;
      w.gap_max = g.max;
      w.folded = absl::StrCat("*{", g.min, ",", g.max, "}");
      w.surface = w.folded;
      out->words.push_back(std::move(w));
    }
    return absl::OkStatus();
  };
  for (const Token& t : tokens) {
    if (absl::Status s = add_gaps_before(t.begin); !s.ok()) return s;
    PatternWord w;
    w.folded.assign(folded, t.fold_begin, t.fold_len);
    w.surface.assign(pattern.substr(t.begin, t.end - t.begin));
    w.glob = t.end < pattern.size() && pattern[t.end] == '*';
    any_glob |= w.glob;
    out->words.push_back(std::move(w));
  }
  if (next_gap < gaps.size()) {
    *error_offset = gaps[next_gap].offset;
    return absl::InvalidArgumentError("a gap '*' must stand between two words, not last");
  }
  out->kind = any_glob ? PatternKind::kGlob
                       : out->words.size() == 1 ? PatternKind::kWord : PatternKind::kPhrase;
  return absl::OkStatus();
}

}  // namespace polytag::internal
