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

// An entry as code builds one, without a place in a file.
inline LexiconEntry Entry(std::string pattern, std::string category = "t", double weight = 0) {
  LexiconEntry e;
  e.pattern = std::move(pattern);
  e.category = std::move(category);
  e.weight = weight;
  return e;
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
  for (const ThemeTag& t : p.themes) {
    if (!out.empty()) out += ",";
    out += t.id;
  }
  return out;
}

// The first field in which two results differ, as "paragraphs[2].themes[0].hits[1].term",
// or "" when they are the same in every field (numbers compared exactly).
inline std::string FirstDifference(const DocumentTags& a, const DocumentTags& b) {
  std::string where;
  auto differs = [&where](bool same, const std::string& field) {
    if (!same && where.empty()) where = field;
    return !same;
  };
  auto same_stance = [&](const Stance& x, const Stance& y, const std::string& at) {
    differs(x.label == y.label && x.score == y.score && x.risk == y.risk && x.opportunity == y.opportunity,
            at + ".stance");
    if (differs(x.cues.size() == y.cues.size(), at + ".stance.cues.size")) return;
    for (size_t c = 0; c < x.cues.size(); ++c) {
      const StanceCue &u = x.cues[c], &v = y.cues[c];
      const std::string cue = at + ".stance.cues[" + std::to_string(c) + "]";
      differs(u.span == v.span && u.term == v.term && u.polarity == v.polarity &&
                  u.lexicon_polarity == v.lexicon_polarity && u.lexicon_weight == v.lexicon_weight &&
                  u.weight == v.weight && u.modifiers == v.modifiers && u.entry == v.entry,
              cue);
      if (differs(u.rules.size() == v.rules.size(), cue + ".rules.size")) continue;
      for (size_t r = 0; r < u.rules.size(); ++r)
        differs(u.rules[r].rule == v.rules[r].rule && u.rules[r].by == v.rules[r].by,
                cue + ".rules[" + std::to_string(r) + "]");
    }
  };
  differs(a.repaired_text == b.repaired_text, "repaired_text");
  same_stance(a.stance, b.stance, "document");
  if (!differs(a.themes.size() == b.themes.size(), "themes.size")) {
    for (size_t t = 0; t < a.themes.size(); ++t) {
      const DocumentTheme &x = a.themes[t], &y = b.themes[t];
      differs(x.id == y.id && x.score == y.score && x.paragraphs == y.paragraphs && x.share == y.share &&
                  x.stance == y.stance,
              "themes[" + std::to_string(t) + "]");
    }
  }
  if (differs(a.paragraphs.size() == b.paragraphs.size(), "paragraphs.size")) return where;
  for (size_t i = 0; i < a.paragraphs.size(); ++i) {
    const ParagraphTags &p = a.paragraphs[i], &q = b.paragraphs[i];
    const std::string at = "paragraphs[" + std::to_string(i) + "]";
    differs(p.index == q.index && p.span == q.span && p.kind == q.kind && p.section == q.section, at);
    differs(p.sentences == q.sentences, at + ".sentences");
    same_stance(p.stance, q.stance, at);
    if (differs(p.themes.size() == q.themes.size(), at + ".themes.size")) continue;
    for (size_t t = 0; t < p.themes.size(); ++t) {
      const ThemeTag &x = p.themes[t], &y = q.themes[t];
      const std::string theme = at + ".themes[" + std::to_string(t) + "]";
      differs(x.id == y.id && x.score == y.score && x.stance == y.stance && x.stance_score == y.stance_score, theme);
      if (differs(x.hits.size() == y.hits.size(), theme + ".hits.size")) continue;
      for (size_t h = 0; h < x.hits.size(); ++h) {
        const ThemeHit &u = x.hits[h], &v = y.hits[h];
        differs(u.span == v.span && u.term == v.term && u.lexicon == v.lexicon && u.weight == v.weight,
                theme + ".hits[" + std::to_string(h) + "]");
      }
    }
  }
  return where;
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
