// LIWC dictionaries (.dic): a header between two '%' lines numbers the categories
// ("1<TAB>care.virtue"), then each line is a word or phrase followed by the numbers of
// its categories ("preserve<TAB><TAB>01 07 09").
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "import/builder.h"
#include "import/formats.h"
#include "string_views.h"

namespace polytag::internal {
namespace {

struct Field {
  std::string_view text;
  size_t at;
};

std::vector<Field> Fields(std::string_view line) {
  std::vector<Field> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > b) out.push_back({line.substr(b, i - b), b});
  }
  return out;
}

class LiwcImporter : public Importer {
 public:
  std::string_view Name() const override { return "liwc"; }
  std::string_view Description() const override { return "LIWC dictionary (.dic)"; }
  bool HandlesExtension(std::string_view ext) const override { return ext == ".dic"; }
  bool Sniff(std::string_view content) const override {
    return FirstLine(content, false) == "%";
  }

  absl::StatusOr<Lexicon> Import(std::string_view content, std::string_view source, const ImportOptions& options,
                                 std::vector<ImportProblem>* problems) const override {
    LexiconBuilder b(source, Name(), options, problems);
    const std::vector<SourceLine> lines = SplitLines(content);
    absl::flat_hash_map<std::string, std::string> categories;  // number -> name
    int percents = 0;
    for (const SourceLine& l : lines) {
      const std::string_view t = Trim(l.text);
      if (t.empty()) continue;
      if (percents < 2) {
        if (t == "%") {
          ++percents;
          continue;
        }
        if (percents == 0) {
          b.Problem(l.number, 1, "a LIWC dictionary starts with a '%' line, then its categories, then '%'");
          return b.Finish();
        }
        const std::vector<Field> f = Fields(l.text);
        int number;
        if (f.size() < 2 || !absl::SimpleAtoi(AV(f[0].text), &number)) {
          if (!b.Problem(l.number, ColumnOf(l.text, f[0].at), "expected a category line: NUMBER NAME")) return b.Finish();
          continue;
        }
        // Leading zeros are common ("01"): categories are keyed by value.
        categories[absl::StrCat(number)] = std::string(Trim(l.text.substr(f[1].at)));
        continue;
      }
      std::vector<Field> f = Fields(l.text);
      // The category numbers are the trailing numeric fields; the rest is the pattern.
      size_t first_id = f.size();
      while (first_id > 1) {
        int n;
        if (!absl::SimpleAtoi(AV(f[first_id - 1].text), &n)) break;
        --first_id;
      }
      if (first_id == f.size()) {
        if (!b.Problem(l.number, ColumnOf(l.text, f.back().at + f.back().text.size()),
                       "expected the word's category numbers after it"))
          return b.Finish();
        continue;
      }
      const size_t pattern_end = f[first_id - 1].at + f[first_id - 1].text.size();
      const std::string_view pattern = l.text.substr(f[0].at, pattern_end - f[0].at);
      for (size_t k = first_id; k < f.size(); ++k) {
        int n = 0;
        if (!absl::SimpleAtoi(AV(f[k].text), &n)) continue;  // never: the loop above parsed it
        auto it = categories.find(absl::StrCat(n));
        if (it == categories.end()) {
          if (!b.Problem(l.number, ColumnOf(l.text, f[k].at),
                         absl::StrCat("category ", internal::AV(f[k].text), " is not declared in the header")))
            return b.Finish();
          continue;
        }
        if (!b.Add({it->second}, pattern, 0, l.number, ColumnOf(l.text, f[0].at))) return b.Finish();
      }
    }
    if (percents < 2) b.Problem(0, 0, "the category header is not closed by a second '%' line");
    return b.Finish();
  }
};

}  // namespace

const Importer& LiwcFormat() {
  static const LiwcImporter importer;
  return importer;
}

}  // namespace polytag::internal
