// Importers: dictionaries in the formats political scientists already use, read into a
// Lexicon.
//
// Each format is one Importer. ImportFile() picks it from the format name, or else
// from the file's extension, or else from its content:
//
//   polytag::ImportOptions as_stance;
//   as_stance.kind = polytag::LexiconKind::kStance;
//   as_stance.roles = {{polytag::StanceRole::kRisk, "negative"},
//                      {polytag::StanceRole::kOpportunity, "positive"}};
//   absl::StatusOr<polytag::Lexicon> lsd = polytag::ImportFile("LSD2015.lc3", as_stance);
//
// Every importer reads a dictionary as (category path, pattern, weight) entries. Nested
// categories are joined with ImportOptions::separator ("CULTURE.CULTURE-HIGH"), and
// `*` wildcards become prefix globs. As themes, each category path is a theme id
// (characters a theme id cannot hold are replaced); as stance cues, ImportOptions::roles
// says which categories are risk, opportunity, and so on, and the others are left out.
#ifndef POLYTAG_IMPORTER_H_
#define POLYTAG_IMPORTER_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polytag/export.h"
#include "polytag/lexicon.h"

namespace polytag {

struct ImportOptions {
  // The lexicon's name; empty: the file name without directory and extension, with
  // characters a name cannot hold replaced by '-'. A name given here is kept as it is;
  // ToNativeFormat() cannot write one that IsValidLexiconName() rejects.
  std::string name;
  // The lexicon's version (third-party dictionaries rarely carry one).
  std::string version = "imported";
  // What the imported lexicon is for; unset: the format's default (stance for the
  // word/weight TSV, themes for the others). A native lexicon says so itself with
  // @kind: it fails to import when told another kind, and ignores `roles`.
  std::optional<LexiconKind> kind;
  // For kStance: which source categories play which role. A category is named by its
  // path as written (case-insensitive) and takes its subcategories with it. Empty means
  // the format's own mapping: the word/weight TSV maps positive weights to opportunity
  // and negative ones to risk; the other formats have none and need roles.
  std::vector<std::pair<StanceRole, std::string>> roles;
  // Joins nested category names into one theme id.
  std::string separator = ".";
};

// The most problems one import appends to its `problems`: past it, one more problem
// counts those left out, so that a file of millions of bad lines cannot fill memory
// with messages.
inline constexpr size_t kMaxImportProblems = 1000;

// A YAML dictionary's aliases (*name) are expanded, within a budget: walking the
// expanded document may reach at most this many nodes (patterns, lists and mappings,
// an alias counting as all it stands for) for each byte of the file, and never more
// than kMaxLexiconEntries. A file without aliases holds a few nodes a byte at most;
// nested aliases could otherwise make millions of entries out of a few hundred bytes.
inline constexpr size_t kMaxYamlNodesPerByte = 64;

// One problem found while importing. The line and column are those the message names:
// the character of the line, as the file has it, that the problem is about (in a
// pattern that the importer rewrote, such as "/foo*bar" read as "foo*bar", still the
// character of the line). Where the file's text is not the pattern's (a quoted YAML
// value with escapes, an XML attribute), they place the value or element instead.
struct ImportProblem {
  int line = 0;          // 1-based; 0 when not tied to a place
  int column = 0;        // 1-based, in code points
  std::string message;   // complete: "file:line:column: what is wrong"
};

// One dictionary format.
class POLYTAG_EXPORT Importer {
 public:
  virtual ~Importer() = default;

  // The format's name, as given to --lexicon-format: "native", "liwc", "wordstat",
  // "lexicoder", "lexicoder-xml", "yaml" or "tsv".
  virtual std::string_view Name() const = 0;

  // One line for help texts: the program the format comes from and its extensions.
  virtual std::string_view Description() const = 0;

  // Whether a file with this extension (lower case, with the dot: ".dic") is in this
  // format.
  virtual bool HandlesExtension(std::string_view extension) const = 0;

  // Whether `content` (the start of a file, BOM included) looks like this format. Used
  // only when the extension says nothing.
  virtual bool Sniff(std::string_view content) const = 0;

  // Reads `content`. `source` names it in messages ("file:line:column: what is wrong").
  // With `problems` null, the first bad entry fails the import; otherwise bad entries
  // are skipped and appended there (at most kMaxImportProblems, then one problem that
  // counts the rest), and only an unreadable file fails; in a native lexicon, so does
  // a bad header or category, which what follows depends on. Going over
  // kMaxLexiconEntries or kMaxYamlNodesPerByte fails the import with kResourceExhausted
  // either way: a lexicon cut short is what the limits promise never to give.
  virtual absl::StatusOr<Lexicon> Import(std::string_view content, std::string_view source,
                                         const ImportOptions& options,
                                         std::vector<ImportProblem>* problems = nullptr) const = 0;
};

// The built-in importers, the native format first.
POLYTAG_EXPORT const std::vector<const Importer*>& Importers();

// The importer called `name`, or kInvalidArgument naming the formats there are.
POLYTAG_EXPORT absl::StatusOr<const Importer*> FindImporter(std::string_view name);

// The importer for a file: by `path`'s extension, else by sniffing `content`. Fails
// with kInvalidArgument, asking for a format name, when neither tells.
POLYTAG_EXPORT absl::StatusOr<const Importer*> DetectImporter(std::string_view path, std::string_view content);

// Reads the file at `path` in `format` (an Importer::Name(); empty: detect it). A file
// that cannot be read fails as in Lexicon::ReadFile (a directory: kInvalidArgument).
POLYTAG_EXPORT absl::StatusOr<Lexicon> ImportFile(const std::string& path, const ImportOptions& options = ImportOptions(),
                                   std::string_view format = "",
                                   std::vector<ImportProblem>* problems = nullptr);

// Reads `content` in `format` (empty: detect it from `source`, a file name, and the
// content). `source` names the text in messages.
POLYTAG_EXPORT absl::StatusOr<Lexicon> ImportText(std::string_view content, std::string_view source,
                                                  const ImportOptions& options = ImportOptions(),
                                                  std::string_view format = "",
                                                  std::vector<ImportProblem>* problems = nullptr);

// Reads "themes", "stance" or "stance:ROLE=CATEGORY,ROLE=CATEGORY..." (the tool's
// --lexicon-as) into `options`' kind and roles. ROLE is any name ParseStanceRole
// accepts; the error for a bad spec lists them all (StanceRoleList()).
POLYTAG_EXPORT absl::Status ParseLexiconUse(std::string_view spec, ImportOptions* options);

}  // namespace polytag

#endif  // POLYTAG_IMPORTER_H_
