#include "import/builder.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "pattern.h"
#include "string_views.h"

namespace polytag::internal {
namespace {

std::string NameFromSource(std::string_view source) {
  const size_t slash = source.find_last_of("/\\");
  std::string_view stem = slash == std::string_view::npos ? source : source.substr(slash + 1);
  if (const size_t dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0) stem = stem.substr(0, dot);
  std::string name;
  for (char c : stem) name += IsValidLexiconName(std::string_view(&c, 1)) ? c : '-';
  return name.empty() ? "imported" : name;
}

}  // namespace

std::vector<SourceLine> SplitLines(std::string_view content) {
  if (absl::StartsWith(AV(content), "\xEF\xBB\xBF")) content.remove_prefix(3);
  std::vector<SourceLine> lines;
  size_t pos = 0;
  int number = 0;
  while (pos < content.size()) {
    size_t e = pos;
    while (e < content.size() && content[e] != '\n' && content[e] != '\r') ++e;
    lines.push_back({content.substr(pos, e - pos), ++number});
    pos = e;
    if (pos < content.size()) pos += content.compare(pos, 2, "\r\n") == 0 ? 2 : 1;
  }
  return lines;
}

std::string_view Trim(std::string_view s) { return SV(absl::StripAsciiWhitespace(AV(s))); }

std::string_view FirstLine(std::string_view content, bool skip_hash_comments) {
  for (const SourceLine& l : SplitLines(content.substr(0, 4096))) {
    const std::string_view t = Trim(l.text);
    if (!t.empty() && !(skip_hash_comments && t[0] == '#')) return t;
  }
  return {};
}

int ColumnOf(std::string_view line, size_t offset) {
  int column = 1;
  for (size_t i = 0; i < offset && i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  return column;
}

std::string SanitizeThemeId(std::string_view id) {
  std::string out;
  for (char c : id) {
    if (IsValidThemeId(std::string_view(&c, 1))) out += c;
    else if (c == '+') out += "plus";
    else if (c == '=') out += "eq";
    else if (c == '&') out += "and";
    else out += '_';
  }
  return out;
}

std::string NativePattern(std::string_view pattern, std::vector<size_t>* origins) {
  auto space = [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); };
  std::string out;
  std::vector<size_t> from;  // from[i]: the byte of `pattern` that out[i] stands for
  auto pop = [&] {
    out.pop_back();
    from.pop_back();
  };
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*' && !out.empty() && out.back() == '*') continue;
    const bool line_break = c == '\r' || c == '\n';
    if (line_break && !out.empty() && out.back() == ' ') continue;  // CRLF: one space
    out += c == '|' || line_break ? ' ' : c;
    from.push_back(i);
  }
  size_t b = 0;
  while (b < out.size() && (out[b] == '/' || out[b] == '#' || out[b] == '@' || out[b] == '[' || space(out[b]))) ++b;
  out.erase(0, b);
  from.erase(from.begin(), from.begin() + b);
  auto trim_end = [&] {
    while (!out.empty() && space(out.back())) pop();
  };
  trim_end();
  // "fair-*" (LIWC: "fair-" and anything after) cannot be a glob, since the hyphen ends
  // the word: it becomes "fair", the word that text such as "fair-minded" starts with.
  // Other punctuation before '*' is dropped ("don'*" becomes "don*").
  if (out.size() >= 2 && out.back() == '*' && absl::ascii_ispunct(static_cast<unsigned char>(out[out.size() - 2]))) {
    const bool hyphen = out[out.size() - 2] == '-' || out[out.size() - 2] == '/';
    const size_t star = from.back();
    pop();
    pop();
    while (!out.empty() && absl::ascii_ispunct(static_cast<unsigned char>(out.back()))) pop();
    if (!hyphen && !out.empty()) {
      out += '*';
      from.push_back(star);
    }
  }
  trim_end();  // "fair -*" leaves "fair "
  if (origins != nullptr) {
    from.push_back(pattern.size());
    *origins = std::move(from);
  }
  return out;
}

LexiconBuilder::LexiconBuilder(std::string_view source, std::string_view format, const ImportOptions& options,
                               std::vector<ImportProblem>* problems, LexiconKind default_kind,
                               std::vector<std::pair<StanceRole, std::string>> default_roles)
    : source_(source),
      format_(format),
      options_(options),
      kind_(options.kind.value_or(default_kind)),
      problems_(problems),
      lexicon_(options.name.empty() ? NameFromSource(source) : options.name, options.version, kind_) {
  if (kind_ == LexiconKind::kStance && options_.roles.empty()) options_.roles = std::move(default_roles);
  lexicon_.set_source(std::string(source));
  lexicon_.set_description(absl::StrCat("imported from ", format_));
  if (kind_ == LexiconKind::kStance && options_.roles.empty()) {
    error_ = absl::InvalidArgumentError(absl::StrCat(
        source_, ": a ", format_, " dictionary used as stance cues needs roles: say which categories are "
        "risk and opportunity (--lexicon-as stance:risk=CATEGORY,opportunity=CATEGORY)"));
  }
}

std::optional<StanceRole> LexiconBuilder::RoleOf(const std::string& joined) const {
  for (const auto& [role, category] : options_.roles) {
    // A role takes the category and everything nested in it.
    if (absl::EqualsIgnoreCase(AV(joined), category) ||
        (joined.size() > category.size() + options_.separator.size() &&
         absl::StartsWithIgnoreCase(AV(joined), absl::StrCat(category, options_.separator))))
      return role;
  }
  return std::nullopt;
}

ImportProblem UnlistedProblems(std::string_view source, size_t unlisted) {
  return {0, 0, absl::StrCat(AV(source), ": ", unlisted, " more problems, not listed (only the first ",
                             kMaxImportProblems, " are)")};
}

std::string LexiconBuilder::Placed(int line, int column, std::string_view message) const {
  return line > 0 ? absl::StrCat(source_, ":", line, ":", column, ": ", AV(message))
                  : absl::StrCat(source_, ": ", AV(message));
}

bool LexiconBuilder::Problem(int line, int column, std::string message) {
  if (!error_.ok()) return false;
  std::string full = Placed(line, column, message);
  if (problems_ == nullptr) {
    error_ = absl::InvalidArgumentError(full);
    return false;
  }
  if (listed_ == kMaxImportProblems) {
    ++unlisted_;
    return true;
  }
  ++listed_;
  problems_->push_back({line, column, std::move(full)});
  return true;
}

bool LexiconBuilder::Stop(absl::StatusCode code, int line, int column, std::string_view message) {
  if (error_.ok()) error_ = absl::Status(code, Placed(line, column, message));
  return false;
}

bool LexiconBuilder::Add(const std::vector<std::string>& path, std::string_view pattern, double weight, int line,
                         int column, bool verbatim) {
  if (!error_.ok()) return false;
  if (path.empty()) return Problem(line, column, "entry before any category");
  const std::string joined = absl::StrJoin(path, options_.separator);
  LexiconEntry entry;
  if (kind_ == LexiconKind::kStance) {
    const std::optional<StanceRole> role = RoleOf(joined);
    if (!role) {
      ++skipped_categories_;
      return true;
    }
    entry.category = std::string(StanceRoleName(*role));
  } else {
    entry.category = SanitizeThemeId(joined);
  }
  std::vector<size_t> origins;
  entry.pattern = NativePattern(pattern, &origins);
  entry.weight = weight > 0 ? weight : 0;
  entry.line = line;
  entry.column = column;
  if (entry.pattern.empty()) return Problem(line, column, "empty pattern");
  if (lexicon_.AddEntry(entry).ok()) return true;
  // AddEntry would place the reason in the rewritten pattern; it belongs in the line.
  size_t offset = 0;
  const absl::Status why = CheckEntry(lexicon_, entry, &offset);
  const int at = verbatim ? column + ColumnOf(pattern, origins[std::min(offset, origins.size() - 1)]) - 1 : column;
  // Past a limit, every later entry would be a problem too, and a lexicon cut short is
  // what the limits promise never to give: the import stops, problems or not.
  if (absl::IsResourceExhausted(why)) return Stop(why.code(), line, at, SV(why.message()));
  return Problem(line, at, std::string(why.message()));
}

absl::StatusOr<Lexicon> LexiconBuilder::Finish() {
  if (unlisted_ > 0) problems_->push_back(UnlistedProblems(source_, unlisted_));
  if (!error_.ok()) return error_;
  if (lexicon_.entries().empty()) {
    std::string why = kind_ == LexiconKind::kStance
                          ? " for the roles given (check the category names against 'polytag lexicon stats')"
                          : "";
    return absl::InvalidArgumentError(absl::StrCat(source_, ": the ", format_, " dictionary has no entries", why));
  }
  return std::move(lexicon_);
}

}  // namespace polytag::internal
