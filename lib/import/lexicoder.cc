// Lexicoder dictionaries. The text form (.lc3): "+category" lines, optionally with a
// display colour ("+negative#FF0000"), each followed by its entries, one per indented
// line, with '*' wildcards. The XML form (.lcd): <cnode name="..."> categories, nested
// for subcategories, holding <pnode name="..."> patterns in which a space marks a word
// boundary: " BUDGET" matches words that start with "budget", " BUDGET " only the word.
// A pattern without its leading space (Lexicoder: anywhere inside a word) is read as
// starting a word, the closest the tokenised matcher can do.
#include <pugixml.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "import/builder.h"
#include "import/formats.h"
#include "string_views.h"

namespace polytag::internal {
namespace {

class LexicoderImporter : public Importer {
 public:
  std::string_view Name() const override { return "lexicoder"; }
  std::string_view Description() const override { return "Lexicoder dictionary, text form (.lc3)"; }
  bool HandlesExtension(std::string_view ext) const override { return ext == ".lc3"; }
  bool Sniff(std::string_view content) const override {
    return FirstLine(content, false).substr(0, 1) == "+";
  }

  absl::StatusOr<Lexicon> Import(std::string_view content, std::string_view source, const ImportOptions& options,
                                 std::vector<ImportProblem>* problems) const override {
    LexiconBuilder b(source, Name(), options, problems);
    std::string category;
    for (const SourceLine& l : SplitLines(content)) {
      const std::string_view body = Trim(l.text);
      if (body.empty()) continue;
      const int column = ColumnOf(l.text, l.text.find(body));
      if (l.text[0] == '+') {
        std::string_view name = body.substr(1, body.find('#') == std::string_view::npos ? std::string_view::npos
                                                                                        : body.find('#') - 1);
        category = std::string(Trim(name));
        if (category.empty() && !b.Problem(l.number, column, "empty category name after '+'")) return b.Finish();
        continue;
      }
      if (category.empty()) {
        if (!b.Problem(l.number, column, "entry before any '+category' line")) return b.Finish();
        continue;
      }
      if (!b.Add({category}, body, 0, l.number, column)) return b.Finish();
    }
    return b.Finish();
  }
};

class LexicoderXmlImporter : public Importer {
 public:
  std::string_view Name() const override { return "lexicoder-xml"; }
  std::string_view Description() const override { return "Lexicoder dictionary, XML form (.lcd)"; }
  bool HandlesExtension(std::string_view ext) const override { return ext == ".lcd" || ext == ".xml"; }
  bool Sniff(std::string_view content) const override {
    if (absl::StartsWith(AV(content), "\xEF\xBB\xBF")) content.remove_prefix(3);
    return absl::StartsWith(AV(Trim(content.substr(0, 64))), "<");
  }

  absl::StatusOr<Lexicon> Import(std::string_view content, std::string_view source, const ImportOptions& options,
                                 std::vector<ImportProblem>* problems) const override {
    LexiconBuilder b(source, Name(), options, problems);
    auto place = [content](ptrdiff_t offset, int* line, int* column) {
      *line = 1;
      size_t line_start = 0;
      for (size_t i = 0; i < static_cast<size_t>(offset) && i < content.size(); ++i) {
        if (content[i] == '\n' || (content[i] == '\r' && (i + 1 >= content.size() || content[i + 1] != '\n'))) {
          ++*line;
          line_start = i + 1;
        }
      }
      *column = ColumnOf(content.substr(line_start), offset - line_start);
    };
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(content.data(), content.size(), pugi::parse_default,
                                                          pugi::encoding_utf8);
    int line, column;
    if (!parsed) {
      place(parsed.offset, &line, &column);
      b.Problem(line, column, absl::StrCat("not well-formed XML: ", parsed.description()));
      return b.Finish();
    }
    const pugi::xml_node root = doc.child("dictionary");
    if (!root) {
      b.Problem(1, 1, "expected a <dictionary> element holding <cnode> categories");
      return b.Finish();
    }
    std::vector<std::string> path;
    Walk(root, &path, b, place);  // a stop is recorded in the builder
    return b.Finish();
  }

 private:
  template <typename Place>
  static bool Walk(const pugi::xml_node& node, std::vector<std::string>* path, LexiconBuilder& b, Place& place) {
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view tag = child.name();
      int line, column;
      place(child.offset_debug(), &line, &column);
      const std::string_view name = child.attribute("name").value();
      if (tag == "cnode") {
        path->emplace_back(Trim(name));
        if (!Walk(child, path, b, place)) return false;
        path->pop_back();
      } else if (tag == "pnode") {
        std::string pattern(Trim(name));
        // No space after the pattern: it may go on into a longer word.
        if (!pattern.empty() && !absl::EndsWith(AV(name), " ") && pattern.back() != '*') pattern += '*';
        if (!b.Add(*path, pattern, 0, line, column, /*verbatim=*/false)) return false;
      } else if (!b.Problem(line, column, absl::StrCat("unexpected element <", AV(tag), "> (expected cnode or pnode)"))) {
        return false;
      }
    }
    return true;
  }
};

}  // namespace

const Importer& LexicoderFormat() {
  static const LexicoderImporter importer;
  return importer;
}

const Importer& LexicoderXmlFormat() {
  static const LexicoderXmlImporter importer;
  return importer;
}

}  // namespace polytag::internal
