// The native format (docs/lexicon-format.md) behind the Importer interface, so that
// every path that reads a lexicon file goes through one place.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "import/builder.h"
#include "import/formats.h"
#include "lexicon_parser.h"
#include "string_views.h"

namespace polytag::internal {
namespace {

// The line and column of a "source:line:column: what" message, or false.
bool PlaceOf(std::string_view message, std::string_view source, int* line, int* column) {
  if (!absl::StartsWith(AV(message), AV(source)) || message.size() <= source.size() + 1 ||
      message[source.size()] != ':')
    return false;
  std::string_view rest = message.substr(source.size() + 1);
  const size_t c1 = rest.find(':');
  if (c1 == std::string_view::npos || !absl::SimpleAtoi(AV(rest.substr(0, c1)), line)) return false;
  rest.remove_prefix(c1 + 1);
  const size_t c2 = rest.find(':');
  return c2 != std::string_view::npos && absl::SimpleAtoi(AV(rest.substr(0, c2)), column);
}

class NativeImporter : public Importer {
 public:
  std::string_view Name() const override { return "native"; }
  std::string_view Description() const override { return "polytag lexicon (.lexicon, docs/lexicon-format.md)"; }
  bool HandlesExtension(std::string_view ext) const override { return ext == ".lexicon"; }
  bool Sniff(std::string_view content) const override {
    return FirstLine(content, true).substr(0, 1) == "@";
  }

  absl::StatusOr<Lexicon> Import(std::string_view content, std::string_view source, const ImportOptions& options,
                                 std::vector<ImportProblem>* problems) const override {
    absl::StatusOr<Lexicon> lexicon = Parse(content, source, problems);
    if (lexicon.ok() && options.kind.has_value() && *options.kind != lexicon->kind())
      return absl::InvalidArgumentError(
          absl::StrCat(AV(source), ": the lexicon's @kind is ",
                       lexicon->kind() == LexiconKind::kThemes ? "themes" : "stance",
                       "; a native lexicon says what it is for itself (--lexicon-as is for imported formats)"));
    return lexicon;
  }

 private:
  static absl::StatusOr<Lexicon> Parse(std::string_view content, std::string_view source,
                                       std::vector<ImportProblem>* problems) {
    if (problems == nullptr) return Lexicon::Parse(content, source);
    // Every bad entry in one pass: parsing again after each had made a file of many
    // errors cost (errors x size).
    std::vector<absl::Status> entry_errors;
    absl::StatusOr<Lexicon> lexicon = ParseLexiconSkippingBadEntries(content, source, &entry_errors);
    auto add = [&](const absl::Status& error) {
      const std::string message(error.message());
      int line = 0, column = 0;
      PlaceOf(message, source, &line, &column);
      problems->push_back({line, column, message});
    };
    const size_t listed = std::min(entry_errors.size(), kMaxImportProblems);
    for (size_t i = 0; i < listed; ++i) add(entry_errors[i]);
    if (entry_errors.size() > listed) problems->push_back(UnlistedProblems(source, entry_errors.size() - listed));
    if (!lexicon.ok()) add(lexicon.status());
    return lexicon;
  }
};

}  // namespace

const Importer& NativeFormat() {
  static const NativeImporter importer;
  return importer;
}

}  // namespace polytag::internal
