// Golden per-paragraph output for the project's own sample articles.
//
// Each golden file lists, per paragraph: index, kind, stance label, and the themes with
// their per-theme stance. A change to lexicons or rules that moves any tag shows up
// here as a diff to review. To accept new output after reviewing it, run the test with
// POLYTAG_UPDATE_GOLDEN=1 and commit the changed files under tests/golden/.
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace polytag {
namespace {

std::string Summary(const DocumentTags& tags) {
  std::string out;
  for (const ParagraphTags& p : tags.paragraphs) {
    out += absl::StrFormat("%d %s %s", p.index, std::string(ParagraphKindName(p.kind)),
                           std::string(StanceLabelName(p.stance.label)));
    for (const ThemeTag& t : p.themes)
      out += absl::StrFormat(" %s(%s)", t.id, std::string(StanceLabelName(t.stance)));
    out += "\n";
  }
  out += absl::StrFormat("document %s", std::string(StanceLabelName(tags.stance.label)));
  for (const DocumentTheme& t : tags.themes) out += absl::StrFormat(" %s:%d", t.id, t.paragraphs);
  out += "\n";
  return out;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesTheReviewedOutput) {
  auto tagger = Tagger::CreateDefault();
  ASSERT_TRUE(tagger.ok());
  const std::string article = testing::ReadTestFile(GetParam() + ".txt");
  const std::string actual = Summary(testing::MustTag(**tagger, article));
  std::string name = GetParam().substr(GetParam().find_last_of('/') + 1);
  const std::string golden_path = std::string(POLYTAG_TEST_DATA_DIR) + "/../golden/" + name + ".golden";
  if (std::getenv("POLYTAG_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path, std::ios::binary) << actual;
    GTEST_SKIP() << "updated " << golden_path;
  }
  std::ifstream in(golden_path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << golden_path << "; run with POLYTAG_UPDATE_GOLDEN=1";
  const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(actual, expected) << "tags of " << GetParam() << " changed; review and update the golden file";
}

INSTANTIATE_TEST_SUITE_P(Articles, GoldenTest,
                         ::testing::Values("../../examples/data/sample-article", "articles/eu-energy-migration",
                                           "articles/asia-tech-security", "articles/unicode-dispatch",
                                           "articles/domestic-uk"),
                         [](const auto& info) {
                           std::string n = info.param.substr(info.param.find_last_of('/') + 1);
                           for (char& c : n) if (c == '-') c = '_';
                           return n;
                         });

}  // namespace
}  // namespace polytag
