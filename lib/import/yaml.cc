// quanteda-style YAML dictionaries: a mapping from category names to lists of
// patterns, nested mappings for subcategories:
//
//   economy:
//     - tax*
//     - interest rate
//   culture:
//     high: [art, opera*]
#include <yaml-cpp/yaml.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "import/builder.h"
#include "import/formats.h"
#include "string_views.h"

namespace polytag::internal {
namespace {

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
      b.Problem(e.mark.line + 1, e.mark.column + 1, absl::StrCat("not valid YAML: ", e.msg));
      return b.Finish();
    }
    if (!root.IsMap()) {
      b.Problem(root.Mark().line + 1, root.Mark().column + 1,
                "expected a mapping from category names to lists of patterns");
      return b.Finish();
    }
    std::vector<std::string> path;
    Walk(root, &path, b);
    return b.Finish();
  }

 private:
  static bool Walk(const YAML::Node& node, std::vector<std::string>* path, LexiconBuilder& b) {
    const int line = node.Mark().line + 1, column = node.Mark().column + 1;
    switch (node.Type()) {
      case YAML::NodeType::Map:
        for (const auto& kv : node) {
          if (!kv.first.IsScalar()) {
            if (!b.Problem(kv.first.Mark().line + 1, kv.first.Mark().column + 1, "a category name must be text"))
              return false;
            continue;
          }
          path->push_back(kv.first.Scalar());
          const bool go_on = Walk(kv.second, path, b);
          path->pop_back();
          if (!go_on) return false;
        }
        return true;
      case YAML::NodeType::Sequence:
        for (const YAML::Node& item : node)
          if (!Walk(item, path, b)) return false;
        return true;
      case YAML::NodeType::Scalar:
        if (path->empty()) return b.Problem(line, column, "a pattern outside any category");
        return b.Add(*path, node.Scalar(), 0, line, column);
      default:
        return b.Problem(line, column, "expected a pattern, a list of patterns or a mapping of subcategories");
    }
  }
};

}  // namespace

const Importer& YamlFormat() {
  static const YamlImporter importer;
  return importer;
}

}  // namespace polytag::internal
