// quanteda-style YAML dictionaries: a mapping from category names to lists of
// patterns, nested mappings for subcategories:
//
//   economy:
//     - tax*
//     - interest rate
//   culture:
//     high: [art, opera*]
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "import/builder.h"
#include "import/formats.h"
#include "string_views.h"

namespace polytag::internal {
namespace {

// Where a node is: its line, its column in code points and its byte in `content`, the
// file as given. yaml-cpp counts columns in bytes and positions from after a byte
// order mark; importers count as editors and the other formats do.
struct Place {
  int line = 0, column = 0;
  size_t pos = 0;
};

Place PlaceOf(const YAML::Mark& mark, std::string_view content) {
  const size_t bom = absl::StartsWith(AV(content), "\xEF\xBB\xBF") ? 3 : 0;
  if (mark.pos < 0) return {mark.line + 1, mark.column + 1, content.size()};
  const size_t pos = std::min(static_cast<size_t>(mark.pos) + bom, content.size());
  size_t line_start = pos;
  while (line_start > bom && content[line_start - 1] != '\n' && content[line_start - 1] != '\r') --line_start;
  return {mark.line + 1, ColumnOf(content.substr(line_start), pos - line_start), pos};
}

// Walks the document into the builder; false when the import must stop. yaml-cpp
// shares an aliased node rather than copying it, so the walk is where aliases expand,
// and where they are bounded.
class Walker {
 public:
  Walker(std::string_view content, LexiconBuilder& b)
      : content_(content), b_(b), budget_(std::min(kMaxLexiconEntries, kMaxYamlNodesPerByte * content.size())) {}

  bool Walk(const YAML::Node& node) {
    const Place at = PlaceOf(node.Mark(), content_);
    if (++reached_ > budget_) {
      // No place: the node where the count runs out may stand anywhere in the file.
      return b_.Stop(absl::StatusCode::kResourceExhausted, 0, 0,
                     absl::StrCat("the dictionary is over the limit of ", budget_,
                                  " nodes (patterns, lists and mappings, an alias counting as all it stands for): ",
                                  kMaxYamlNodesPerByte, " for each byte of the file, and ", kMaxLexiconEntries,
                                  " in all"));
    }
    switch (node.Type()) {
      case YAML::NodeType::Map:
        for (const auto& kv : node) {
          if (!kv.first.IsScalar()) {
            const Place key = PlaceOf(kv.first.Mark(), content_);
            if (!b_.Problem(key.line, key.column, "a category name must be text")) return false;
            continue;
          }
          path_.push_back(kv.first.Scalar());
          const bool go_on = Walk(kv.second);
          path_.pop_back();
          if (!go_on) return false;
        }
        return true;
      case YAML::NodeType::Sequence:
        for (const YAML::Node& item : node)
          if (!Walk(item)) return false;
        return true;
      case YAML::NodeType::Scalar: {
        if (path_.empty()) return b_.Problem(at.line, at.column, "a pattern outside any category");
        // A quoted, escaped or folded value is not the text at its place.
        const std::string& value = node.Scalar();
        const bool verbatim = content_.compare(at.pos, value.size(), value) == 0;
        return b_.Add(path_, value, 0, at.line, at.column, verbatim);
      }
      default:
        return b_.Problem(at.line, at.column, "expected a pattern, a list of patterns or a mapping of subcategories");
    }
  }

 private:
  std::string_view content_;
  LexiconBuilder& b_;
  const size_t budget_;
  size_t reached_ = 0;
  std::vector<std::string> path_;
};

class YamlImporter : public Importer {
 public:
  std::string_view Name() const override { return "yaml"; }
  std::string_view Description() const override { return "quanteda-style YAML dictionary (.yml, .yaml)"; }
  bool HandlesExtension(std::string_view ext) const override { return ext == ".yml" || ext == ".yaml"; }
  bool Sniff(std::string_view content) const override {
    // A document marker, or a top-level key opening a block: "economy:".
    const std::string_view t = FirstLine(content, true);
    return t == "---" || (!t.empty() && t.back() == ':');
  }

  absl::StatusOr<Lexicon> Import(std::string_view content, std::string_view source, const ImportOptions& options,
                                 std::vector<ImportProblem>* problems) const override {
    LexiconBuilder b(source, Name(), options, problems);
    YAML::Node root;
    try {
      // yaml-cpp reports errors by exception; none leaves this function.
      root = YAML::Load(std::string(content));
    } catch (const YAML::Exception& e) {
      const Place at = PlaceOf(e.mark, content);
      b.Problem(at.line, at.column, absl::StrCat("not valid YAML: ", e.msg));
      return b.Finish();
    }
    if (!root.IsMap()) {
      const Place at = PlaceOf(root.Mark(), content);
      b.Problem(at.line, at.column, "expected a mapping from category names to lists of patterns");
      return b.Finish();
    }
    Walker(content, b).Walk(root);
    return b.Finish();
  }
};

}  // namespace

const Importer& YamlFormat() {
  static const YamlImporter importer;
  return importer;
}

}  // namespace polytag::internal
