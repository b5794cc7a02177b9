// Word/weight lists such as AFINN: "word<TAB>weight" per line, the weight's sign
// saying the side. The source categories are "positive" (weight > 0), "negative"
// (< 0) and "neutral" (0); as stance cues, positive ones are opportunity and negative
// ones risk, each weighing the magnitude of its weight.
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "import/builder.h"
#include "import/formats.h"
#include "string_views.h"

namespace polytag::internal {
namespace {

// "word<TAB>number": the pattern, the number and where it starts.
bool SplitRow(std::string_view line, std::string_view* pattern, double* weight, size_t* number_at) {
  const size_t tab = line.rfind('\t');
  if (tab == std::string_view::npos) return false;
  *pattern = Trim(line.substr(0, tab));
  const std::string_view number = Trim(line.substr(tab + 1));
  *number_at = line.find(number, tab + 1);
  return absl::SimpleAtod(AV(number), weight) && std::isfinite(*weight);
}

class TsvImporter : public Importer {
 public:
  std::string_view Name() const override { return "tsv"; }
  std::string_view Description() const override {
    return "word<TAB>weight list such as AFINN (.tsv; stance cues by default)";
  }
  bool HandlesExtension(std::string_view ext) const override { return ext == ".tsv"; }
  bool Sniff(std::string_view content) const override {
    int rows = 0;
    for (const SourceLine& l : SplitLines(content.substr(0, 4096))) {
      if (Trim(l.text).empty()) continue;
      std::string_view pattern;
      double weight;
      size_t at;
      if (!SplitRow(l.text, &pattern, &weight, &at) || pattern.empty()) return false;
      if (++rows == 5) break;
    }
    return rows > 0;
  }

  absl::StatusOr<Lexicon> Import(std::string_view content, std::string_view source, const ImportOptions& options,
                                 std::vector<ImportProblem>* problems) const override {
    LexiconBuilder b(source, Name(), options, problems, LexiconKind::kStance,
                     {{StanceRole::kOpportunity, "positive"}, {StanceRole::kRisk, "negative"}});
    for (const SourceLine& l : SplitLines(content)) {
      if (Trim(l.text).empty()) continue;
      std::string_view pattern;
      double weight;
      size_t at = 0;
      if (!SplitRow(l.text, &pattern, &weight, &at) || pattern.empty()) {
        if (!b.Problem(l.number, ColumnOf(l.text, at), "expected a pattern, a tab and a number")) return b.Finish();
        continue;
      }
      const char* category = weight > 0 ? "positive" : weight < 0 ? "negative" : "neutral";
      if (!b.Add({category}, pattern, std::fabs(weight), l.number, ColumnOf(l.text, l.text.find(pattern))))
        return b.Finish();
    }
    return b.Finish();
  }
};

}  // namespace

const Importer& TsvFormat() {
  static const TsvImporter importer;
  return importer;
}

}  // namespace polytag::internal
