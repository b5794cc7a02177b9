#include "polytag/lexicon_writer.h"

#include "absl/strings/str_cat.h"
#include "weight_text.h"

namespace polytag {

absl::StatusOr<std::string> ToNativeFormat(const Lexicon& lexicon) {
  std::string out = absl::StrCat("@name ", lexicon.name(), "\n@version ", lexicon.version(), "\n@kind ",
                                 lexicon.kind() == LexiconKind::kThemes ? "themes" : "stance", "\n");
  if (!lexicon.description().empty()) {
    std::string description = lexicon.description();
    for (char& c : description)
      if (c == '\n' || c == '\r') c = ' ';
    absl::StrAppend(&out, "@description ", description, "\n");
  }
  const std::string* category = nullptr;
  for (const LexiconEntry& e : lexicon.entries()) {
    // AddEntry keeps out the other patterns a line cannot hold; these it lets in, since
    // they match well ("#metoo"), but a line reads them as a comment, header, category
    // or attributes.
    const bool regex = e.pattern[0] == '/';
    if (e.pattern[0] == '#' || e.pattern[0] == '@' || e.pattern[0] == '[' ||
        (!regex && e.pattern.find('|') != std::string::npos))
      return absl::InvalidArgumentError(
          absl::StrCat(lexicon.source(), ": entry '", e.pattern, "' cannot be written in the native format"));
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
