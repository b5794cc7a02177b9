// A lexicon: plain data that says which words and phrases signal which theme, or which
// cues frame a text as a risk or an opportunity.
//
// A Lexicon is built from a native lexicon file (docs/lexicon-format.md), from text in
// memory, or in code with AddEntry(). It is validated as it is built, so a Lexicon that
// exists is one the Tagger can compile. Lexicons are values: copy them, keep them, hand
// several to Tagger::Create().
//
//   absl::StatusOr<polytag::Lexicon> lex = polytag::Lexicon::ReadFile("desk.lexicon");
//   if (!lex.ok()) { std::cerr << lex.status() << "\n"; return 1; }  // file:line:col
//
//   polytag::Lexicon mine("desk-themes", "1.0", polytag::LexiconKind::kThemes);
//   polytag::LexiconEntry entry;
//   entry.pattern = "drone strike*";
//   entry.category = "armed_conflict";
//   absl::Status s = mine.AddEntry(entry);
#ifndef POLYTAG_LEXICON_H_
#define POLYTAG_LEXICON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "polytag/export.h"

namespace polytag {

// What a lexicon is for.
enum class LexiconKind {
  kThemes,  // categories are theme ids ("arms_control")
  kStance,  // categories are the stance roles below
};

// The categories of a stance lexicon. Their names in lexicon files are "risk",
// "opportunity", "negator", "hedge", "intensifier", "diminisher", "contrast",
// "concession", "neutral", "criticism" and "harm"; docs/lexicon-format.md says what
// each does.
enum class StanceRole {
  kRisk,
  kOpportunity,
  kNegator,
  kHedge,
  kIntensifier,
  kDiminisher,
  kContrast,
  kConcession,
  kNeutral,    // names and set phrases that hold a cue word but frame nothing
               // ("Cold War", "Crisis Group"): they only shadow the cues inside them
  kCriticism,  // reported criticism ("critics say"): a risk cue that also turns the
               // opportunity cues after it in its sentence into the critics' claims
  kHarm,       // harm done to something ("undermine", "threaten"): a risk cue that also
               // turns the opportunity cue it acts on into a risk ("undermine stability")
};

// The name of a role as written in lexicon files, and back. ParseStanceRole returns
// false for an unknown name.
POLYTAG_EXPORT std::string_view StanceRoleName(StanceRole role);
POLYTAG_EXPORT bool ParseStanceRole(std::string_view name, StanceRole* role);

// "risk, opportunity, ... or harm": every role name that ParseStanceRole accepts, in
// the order of StanceRole, for messages.
POLYTAG_EXPORT std::string StanceRoleList();

// Whether `id` can name a theme: one or more letters, digits, '_', '.', ':' or '-'.
POLYTAG_EXPORT bool IsValidThemeId(std::string_view id);

// Whether `name` can name a lexicon in a lexicon file (@name): one or more letters,
// digits, '_', '.' or '-'.
POLYTAG_EXPORT bool IsValidLexiconName(std::string_view name);

// The shape of a pattern, decided from how it is written.
enum class PatternKind {
  kWord,    // one token: "sanctions"
  kPhrase,  // several tokens: "arms control"
  kGlob,    // a word or phrase with a word ending in '*': "sanction*"
  kRegex,   // "/.../", RE2 syntax, matched against normalised paragraph text
};

// One entry of a lexicon.
struct LexiconEntry {
  // The pattern as written: a word, a phrase, a phrase with prefix globs, or a regex
  // between slashes. Reported back verbatim as the `term` of every hit. As in a lexicon
  // file, it is UTF-8 on one line without white space at either end, and a '/' inside
  // a regex is written '\/'.
  std::string pattern;

  // The theme id (themes lexicon) or role name (stance lexicon) it belongs to.
  std::string category;

  // Contribution to the theme score or the cue's strength; for hedges, intensifiers and
  // diminishers a multiplier. A value <= 0 means "the category's default" (1 for
  // themes, risk and opportunity; 0.5 for hedges and diminishers; 1.5 for
  // intensifiers).
  double weight = 0;

  // Themes: the entry counts only when another entry of the same theme matches in the
  // same paragraph. For ambiguous words ("strike", "bond").
  // Risk and opportunity cues: the cue counts only when the paragraph also holds a
  // cue, of either side, without this mark. For words that describe events rather
  // than frame them ("attack", "arrested", "agreement"): a factual report of an arrest
  // frames nothing, a report that warns about arrests does.
  bool needs_support = false;

  // The words must also match with the case written here ("US", "WHO").
  bool case_sensitive = false;

  // Where the entry came from, for messages: 1-based line and column in `source` of
  // the owning lexicon, or 0 when built in code.
  int line = 0;
  int column = 0;
};

// Limits that keep a broken or hostile lexicon from exhausting memory or time; going
// over one is an error that names it, never a silent truncation (kResourceExhausted for
// the file and entry limits, kInvalidArgument for a pattern's). Regex entries also
// have RE2 memory budgets: 8 MiB for each entry and 64 MiB for all the regex entries
// of one Tagger (Tagger::Create fails with kResourceExhausted beyond that).
inline constexpr size_t kMaxLexiconFileBytes = size_t{256} << 20;  // one lexicon file
inline constexpr size_t kMaxLexiconEntries = size_t{4} << 20;      // entries in one lexicon
inline constexpr size_t kMaxPatternBytes = 1024;                   // one pattern as written
inline constexpr size_t kMaxPatternWords = 32;                     // words of one phrase

class POLYTAG_EXPORT Lexicon {
 public:
  // An empty lexicon. `name` identifies it in output; use letters, digits, '_', '.'
  // and '-' (IsValidLexiconName), or ToNativeFormat() cannot write it.
  Lexicon(std::string name, std::string version, LexiconKind kind);

  // Parses a lexicon in the native format. `source` names the text in error messages,
  // which read "source:line:column: what is wrong".
  static absl::StatusOr<Lexicon> Parse(std::string_view text, std::string_view source);

  // Reads and parses a native lexicon file. Errors name the path: kNotFound when it
  // cannot be opened, kInvalidArgument when it is a directory or does not parse,
  // kResourceExhausted over kMaxLexiconFileBytes, kDataLoss on a read error.
  static absl::StatusOr<Lexicon> ReadFile(const std::string& path);

  // Validates and adds one entry: the pattern must yield at least one word after
  // normalisation, globs may only end a word, a regex must compile in RE2 and must not
  // match the empty string, a stance category must be a known role, a theme id must
  // use letters, digits and "_.:-". The pattern must also be one a lexicon file can
  // hold (valid UTF-8, no line break, no white space at either end, no unescaped '/'
  // inside a regex), so that ToNativeFormat() can write the entry and Parse() read it
  // back as it was. The error names the entry's line and column when it has them, else
  // its pattern; it is kResourceExhausted when the lexicon already holds
  // kMaxLexiconEntries entries, else kInvalidArgument. Nothing is added on error.
  absl::Status AddEntry(LexiconEntry entry);

  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  LexiconKind kind() const { return kind_; }
  const std::string& description() const { return description_; }
  void set_description(std::string d) { description_ = std::move(d); }

  // Where the lexicon came from ("<built-in>", a path, or what Parse() was given).
  const std::string& source() const { return source_; }
  void set_source(std::string s) { source_ = std::move(s); }

  // Entries in the order added.
  const std::vector<LexiconEntry>& entries() const { return entries_; }

  // The categories in order of first appearance.
  std::vector<std::string> Categories() const;

  // A stable 64-bit hash of the lexicon's content (name, version, kind, entries with
  // their attributes), as 16 hex digits. Equal content gives an equal fingerprint on
  // every platform and run, so outputs can say exactly which lexicon made them. Weights
  // count exactly: two that differ in any digit give different fingerprints (0 and -0,
  // both the default, do not).
  std::string Fingerprint() const;

 private:
  std::string name_;
  std::string version_;
  LexiconKind kind_;
  std::string description_;
  std::string source_;
  std::vector<LexiconEntry> entries_;
};

// The lexicons built into the library: the default themes lexicon (the 22 theme ids of
// the default taxonomy) and the default risk/opportunity stance lexicon. They are
// compiled in, so nothing is read from disk.
POLYTAG_EXPORT std::vector<Lexicon> DefaultLexicons();

}  // namespace polytag

#endif  // POLYTAG_LEXICON_H_
