// The native format (docs/lexicon-format.md) behind the Importer interface, so that
// every path that reads a lexicon file goes through one place.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "import/builder.h"
#include "import/formats.h"
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
    absl::StatusOr<Lexicon> lexicon = Lexicon::Parse(content, source);
    if (lexicon.ok() || problems == nullptr) return lexicon;
    // The parser stops at the first error. To report every bad entry, blank the line it
    // names and parse again; errors in headers and categories end this, since what
    // follows them depends on them.
    std::string text(content);
    for (size_t rounds = 0; !lexicon.ok() && rounds < kMaxImportProblems; ++rounds) {
      const std::string message(lexicon.status().message());
      int line = 0, column = 0;
      const bool placed = PlaceOf(message, source, &line, &column);
      problems->push_back({line, column, message});
      if (!placed) return lexicon;
      const std::vector<SourceLine> lines = SplitLines(text);
      if (line < 1 || line > static_cast<int>(lines.size())) return lexicon;
      const std::string_view bad = Trim(lines[line - 1].text);
      if (bad.empty() || bad[0] == '@' || bad[0] == '[') return lexicon;
      const size_t at = lines[line - 1].text.data() - text.data();
      text.replace(at, lines[line - 1].text.size(), "");
      lexicon = Lexicon::Parse(text, source);
    }
    return lexicon;
  }
};

}  // namespace

const Importer& NativeFormat() {
  static const NativeImporter importer;
  return importer;
}

}  // namespace polytag::internal
