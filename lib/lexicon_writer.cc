#include "polytag/lexicon_writer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "string_views.h"
#include "utf8.h"
#include "weight_text.h"

namespace polytag {
namespace {

// The parser strips a header's value and reads it to the line's end, so only a value
// without surrounding white space or line breaks reads back as it was.
bool FitsAHeaderLine(std::string_view value) {
  return !value.empty() && !absl::ascii_isspace(static_cast<unsigned char>(value.front())) &&
         !absl::ascii_isspace(static_cast<unsigned char>(value.back())) &&
         value.find_first_of("\r\n") == std::string_view::npos &&
         internal::FindInvalidUtf8(value) == std::string_view::npos;
}

absl::Status CannotWrite(const Lexicon& lexicon, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(lexicon.source(), ": ", internal::AV(what)));
}

}  // namespace

absl::StatusOr<std::string> ToNativeFormat(const Lexicon& lexicon) {
  // The name and version are fingerprinted, so they are written as they are or not at
  // all; the constructor takes any string, hence the checks here.
  if (!IsValidLexiconName(lexicon.name()))
    return CannotWrite(lexicon, absl::StrCat("the lexicon's name '", lexicon.name(),
                                             "' cannot be written: a lexicon file's @name is one or more letters, "
                                             "digits, '_', '.' or '-'; give the lexicon such a name"));
  if (!FitsAHeaderLine(lexicon.version()))
    return CannotWrite(lexicon, absl::StrCat("the lexicon's version '", lexicon.version(),
                                             "' cannot be written: a lexicon file's @version is valid UTF-8 on one "
                                             "line, not empty and without white space at either end; give the "
                                             "lexicon such a version"));
  if (lexicon.entries().empty())
    return CannotWrite(lexicon, "the lexicon has no entries, and a lexicon file needs at least one");
  std::string out = absl::StrCat("@name ", lexicon.name(), "\n@version ", lexicon.version(), "\n@kind ",
                                 lexicon.kind() == LexiconKind::kThemes ? "themes" : "stance", "\n");
  // The description is free text that the fingerprint leaves out: made to fit a line
  // rather than refused.
  std::string description = internal::RepairUtf8(lexicon.description());
  for (char& c : description)
    if (c == '\n' || c == '\r') c = ' ';
  absl::StripAsciiWhitespace(&description);
  if (!description.empty()) absl::StrAppend(&out, "@description ", description, "\n");
  const std::string* category = nullptr;
  for (const LexiconEntry& e : lexicon.entries()) {
    // AddEntry keeps out the other patterns a line cannot hold.
    const bool regex = e.pattern[0] == '/';
    if (e.pattern[0] == '#' || e.pattern[0] == '@' || e.pattern[0] == '[' ||
        (!regex && e.pattern.find('|') != std::string::npos))
      return CannotWrite(lexicon, absl::StrCat("entry '", e.pattern, "' of [", e.category,
                                               "] cannot be written: a lexicon file reads a line that starts with "
                                               "'#', '@' or '[', or a '|' outside a regex, as other than a pattern; "
                                               "no word holds these characters, so the entry matches the same "
                                               "without them"));
    if (category == nullptr || *category != e.category) {
      absl::StrAppend(&out, "\n[", e.category, "]\n");
      category = &e.category;
    }
    std::string attrs;
    if (e.weight > 0) absl::StrAppend(&attrs, " weight=", internal::WeightText(e.weight));
    if (e.needs_support) absl::StrAppend(&attrs, " needs-support");
    if (e.case_sensitive) absl::StrAppend(&attrs, " case");
    absl::StrAppend(&out, e.pattern, attrs.empty() ? "" : " |", attrs, "\n");
  }
  return out;
}

}  // namespace polytag
