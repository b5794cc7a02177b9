// Helpers shared by polytag's tests.
#ifndef POLYTAG_TESTS_TEST_UTIL_H_
#define POLYTAG_TESTS_TEST_UTIL_H_

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "polytag/polytag.h"

namespace polytag::testing {

// Parses lexicon text, failing the test on error.
inline Lexicon MustParse(std::string_view text, std::string_view name = "test.lexicon") {
  absl::StatusOr<Lexicon> lex = Lexicon::Parse(text, name);
  EXPECT_TRUE(lex.ok()) << lex.status();
  if (!lex.ok()) return Lexicon("broken", "0", LexiconKind::kThemes);
  return *std::move(lex);
}

inline std::unique_ptr<Tagger> MustCreate(std::vector<Lexicon> lexicons,
                                          const TaggerOptions& options = TaggerOptions()) {
  auto tagger = Tagger::Create(std::move(lexicons), options);
  EXPECT_TRUE(tagger.ok()) << tagger.status();
  return tagger.ok() ? *std::move(tagger) : nullptr;
}

inline DocumentTags MustTag(const Tagger& tagger, std::string_view text) {
  absl::StatusOr<DocumentTags> tags = tagger.Tag(text);
  EXPECT_TRUE(tags.ok()) << tags.status();
  return tags.ok() ? *std::move(tags) : DocumentTags();
}

inline std::string Slice(std::string_view text, Span s) {
  return std::string(text.substr(s.begin, s.end - s.begin));
}

// The themes of a paragraph as "id,id,..." in score order.
inline std::string ThemeList(const ParagraphTags& p) {
  std::string out;
  for (const ThemeTag& t : p.themes) out += (out.empty() ? "" : ",") + t.id;
  return out;
}

// A fixture whose tests share one Tagger with the default lexicons, compiled once per
// test suite: compiling takes longer than most of the tests that use it.
class DefaultTaggerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto tagger = Tagger::CreateDefault();
    ASSERT_TRUE(tagger.ok()) << tagger.status();
    tagger_ = *std::move(tagger);
  }
  static void TearDownTestSuite() { tagger_.reset(); }
  static inline std::unique_ptr<Tagger> tagger_;
};

inline std::string ReadTestFile(const std::string& relative) {
  std::ifstream in(std::string(POLYTAG_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open test data " << relative;
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace polytag::testing

#endif  // POLYTAG_TESTS_TEST_UTIL_H_
