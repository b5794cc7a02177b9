// WordStat category dictionaries (.cat): a category is a line of its own, nested ones
// are indented one tab deeper than their parent, and entries are indented below their
// category with a weight in parentheses ("GALLER* (1)"). WordStat writes the words
// of a phrase joined by '_' ("WAR_IN_IRAQ"); they become a phrase.
#include "absl/strings/numbers.h"
#include "absl/strings/ascii.h"
#include "import/builder.h"
#include "import/formats.h"
#include "string_views.h"

namespace polytag::internal {
namespace {

// Splits "WORD (1)" into the pattern and its weight; false when there is no weight.
bool SplitWeight(std::string_view body, std::string_view* pattern, double* weight) {
  if (body.empty() || body.back() != ')') return false;
  const size_t open = body.rfind('(');
  if (open == std::string_view::npos) return false;
  if (!absl::SimpleAtod(AV(body.substr(open + 1, body.size() - open - 2)), weight)) return false;
  *pattern = SV(absl::StripTrailingAsciiWhitespace(AV(body.substr(0, open))));
  return true;
}

class WordStatImporter : public Importer {
 public:
  std::string_view Name() const override { return "wordstat"; }
  std::string_view Description() const override { return "WordStat categorization dictionary (.cat)"; }
  bool HandlesExtension(std::string_view ext) const override { return ext == ".cat"; }
  bool Sniff(std::string_view content) const override {
    // An unindented category followed by indented lines, some ending in "(N)".
    const std::vector<SourceLine> lines = SplitLines(content.substr(0, 4096));
    bool category = false;
    for (const SourceLine& l : lines) {
      if (Trim(l.text).empty()) continue;
      if (!category) {
        if (l.text[0] == '\t' || l.text[0] == ' ') return false;
        category = true;
        continue;
      }
      std::string_view pattern;
      double weight;
      if (l.text[0] == '\t' && SplitWeight(Trim(l.text), &pattern, &weight))
        return true;
    }
    return false;
  }

  absl::StatusOr<Lexicon> Import(std::string_view content, std::string_view source, const ImportOptions& options,
                                 std::vector<ImportProblem>* problems) const override {
    LexiconBuilder b(source, Name(), options, problems);
    std::vector<std::string> path;
    for (const SourceLine& l : SplitLines(content)) {
      size_t depth = 0;
      while (depth < l.text.size() && l.text[depth] == '\t') ++depth;
      const std::string_view body = Trim(l.text.substr(depth));
      if (body.empty()) continue;
      const size_t at = l.text.find(body);
      std::string_view pattern;
      double weight;
      if (SplitWeight(body, &pattern, &weight)) {
        if (depth == 0 || depth > path.size()) {
          if (!b.Problem(l.number, ColumnOf(l.text, at), "an entry must be indented below its category"))
            return b.Finish();
          continue;
        }
        std::string words(pattern);
        for (char& c : words)
          if (c == '_') c = ' ';
        if (!b.Add({path.begin(), path.begin() + depth}, words, weight, l.number, ColumnOf(l.text, at)))
          return b.Finish();
        continue;
      }
      if (depth > path.size()) {
        if (!b.Problem(l.number, ColumnOf(l.text, at), "a category is indented deeper than one below its parent"))
          return b.Finish();
        continue;
      }
      path.resize(depth);
      path.emplace_back(body);
    }
    return b.Finish();
  }
};

}  // namespace

const Importer& WordStatFormat() {
  static const WordStatImporter importer;
  return importer;
}

}  // namespace polytag::internal
