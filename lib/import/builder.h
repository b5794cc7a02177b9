// What every importer shares: splitting a file into lines whatever its line ends, and
// turning (category path, pattern, weight) entries into a Lexicon under ImportOptions.
#ifndef POLYTAG_LIB_IMPORT_BUILDER_H_
#define POLYTAG_LIB_IMPORT_BUILDER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "polytag/importer.h"
#include "polytag/lexicon.h"

namespace polytag::internal {

struct SourceLine {
  std::string_view text;  // without its line end
  int number = 0;         // 1-based
};

// Splits at LF, CRLF and CR, after a UTF-8 byte order mark.
std::vector<SourceLine> SplitLines(std::string_view content);

// The start of a file, for sniffing: its first line that is not blank (nor, with
// `skip_hash_comments`, a '#' comment), trimmed; empty when there is none.
std::string_view FirstLine(std::string_view content, bool skip_hash_comments);

// `s` without surrounding ASCII white space.
std::string_view Trim(std::string_view s);

// 1-based column (in code points) of byte `offset` of `line`.
int ColumnOf(std::string_view line, size_t offset);

// `id` with the characters a theme id cannot hold replaced: space '_', '+' "plus",
// '=' "eq", '&' "and", anything else '_'.
std::string SanitizeThemeId(std::string_view id);

// The problem that ends a list cut at kMaxImportProblems: how many more there were.
ImportProblem UnlistedProblems(std::string_view source, size_t unlisted);

// A pattern from another format in native pattern syntax, one that Lexicon::AddEntry
// can take if its words are good: runs of '*' become one, '|' (the native attribute
// separator) and line breaks (which a YAML or XML value may hold) become a space,
// surrounding white space goes, and a leading '/', '#', '@' or '[' (native regex,
// comment, header, category) is dropped. None of these change which words the pattern
// matches. A glob after punctuation, which cannot end a word, loses the punctuation,
// and after a hyphen the glob too ("fair-*": "fair"). With `origins`, sets
// (*origins)[i] to the byte of `pattern` that byte i of the result stands for, and one
// more element, pattern.size(), for the end.
std::string NativePattern(std::string_view pattern, std::vector<size_t>* origins = nullptr);

class LexiconBuilder {
 public:
  // `format` names the importer in messages; `default_kind` is used when
  // `options.kind` is unset, and `default_roles` (the format's own mapping) for kStance
  // when `options.roles` is empty.
  LexiconBuilder(std::string_view source, std::string_view format, const ImportOptions& options,
                 std::vector<ImportProblem>* problems, LexiconKind default_kind = LexiconKind::kThemes,
                 std::vector<std::pair<StanceRole, std::string>> default_roles = {});

  // Adds one entry of the source category `path` (its parts joined by the separator).
  // `weight` <= 0 means the default. `line` and `column` place the pattern; when
  // `verbatim`, `pattern` is the text of the line from there on, so that a problem in
  // it points at its character, else (a quoted YAML value, an XML attribute) at
  // `column`. Returns false when the import must stop; Finish() then says why.
  bool Add(const std::vector<std::string>& path, std::string_view pattern, double weight, int line, int column,
           bool verbatim = true);

  // Records a problem not tied to one entry; stops the import when problems are not
  // collected. Past kMaxImportProblems, problems are only counted.
  bool Problem(int line, int column, std::string message);

  // Stops the import, problems or not, with `code` and the placed message: for going
  // over a limit. Returns false.
  bool Stop(absl::StatusCode code, int line, int column, std::string_view message);

  // The lexicon, or the first error. Appends the count of problems not listed.
  absl::StatusOr<Lexicon> Finish();

 private:
  std::optional<StanceRole> RoleOf(const std::string& joined) const;
  // "source:line:column: message", or "source: message" without a line.
  std::string Placed(int line, int column, std::string_view message) const;

  std::string source_;
  std::string format_;
  ImportOptions options_;
  LexiconKind kind_;
  std::vector<ImportProblem>* problems_;
  Lexicon lexicon_;
  absl::Status error_;
  size_t skipped_categories_ = 0;
  size_t listed_ = 0;    // problems appended
  size_t unlisted_ = 0;  // problems past kMaxImportProblems
};

}  // namespace polytag::internal

#endif  // POLYTAG_LIB_IMPORT_BUILDER_H_
