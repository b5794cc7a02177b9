// The matcher's first pass has two implementations, the portable one and an AVX-512
// kernel for eight words at a time (lib/matcher_avx512.cc). The kernel only speeds the
// pass up: on every input it must mark exactly the words, with exactly the filter
// bits, that the portable code marks. These tests hold it to that on the default
// lexicons over the test articles, and on random lexicons and texts built to pass
// every filter the kernel tests. Without AVX-512 on the processor they skip.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "matcher.h"
#include "pattern.h"
#include "polytag/lexicon.h"
#include "test_util.h"
#include "tokenize.h"

namespace polytag::internal {
namespace {

std::unique_ptr<Matcher> BuildMatcher(const std::vector<std::string>& patterns) {
  std::vector<CompiledEntry> entries;
  std::vector<AnalyzedPattern> analyzed;
  for (const std::string& pattern : patterns) {
    CompiledEntry e;
    e.term = pattern;
    AnalyzedPattern p;
    size_t offset = 0;
    const absl::Status status = AnalyzePattern(pattern, /*case_sensitive=*/false, &p, &offset);
    EXPECT_TRUE(status.ok()) << pattern << ": " << status;
    entries.push_back(std::move(e));
    analyzed.push_back(std::move(p));
  }
  auto matcher = Matcher::Build(std::move(entries), analyzed);
  EXPECT_TRUE(matcher.ok()) << matcher.status();
  return matcher.ok() ? std::move(*matcher) : nullptr;
}

struct FirstPasses {
  std::vector<uint64_t> portable, avx512;
};

// Both first passes over `text`, each cut to the entries it returned.
FirstPasses BothPasses(const Matcher& matcher, std::string_view text) {
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(text, 0, text.size(), &tokens, &folded);
  FirstPasses out;
  if (tokens.empty()) return out;
  // Filled with a value no entry has, so that an entry the kernel wrote past its
  // count cannot pass for one the portable code wrote.
  out.portable.assign(tokens.size() + Matcher::kFirstPassSlack, ~uint64_t{0});
  out.avx512.assign(tokens.size() + Matcher::kFirstPassSlack, ~uint64_t{0});
  out.portable.resize(matcher.FirstPass(tokens, folded, out.portable.data(), /*avx512=*/false));
  out.avx512.resize(matcher.FirstPass(tokens, folded, out.avx512.data(), /*avx512=*/true));
  return out;
}

class FirstPassTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HasAvx512Dq()) GTEST_SKIP() << "this processor has no AVX-512F and DQ: only the portable pass runs";
  }
};

TEST_F(FirstPassTest, Avx512MarksWhatThePortableCodeMarksOnTheDefaultLexicons) {
  std::vector<std::string> patterns;
  for (const Lexicon& lexicon : DefaultLexicons())
    for (const LexiconEntry& e : lexicon.entries()) patterns.push_back(e.pattern);
  const std::unique_ptr<Matcher> matcher = BuildMatcher(patterns);
  ASSERT_NE(matcher, nullptr);
  size_t marked = 0;
  for (const char* name : {"../../examples/data/sample-article.txt", "articles/eu-energy-migration.txt",
                           "articles/asia-tech-security.txt", "articles/unicode-dispatch.txt",
                           "articles/domestic-uk.txt"}) {
    const std::string article = polytag::testing::ReadTestFile(name);
    ASSERT_FALSE(article.empty()) << name;
    // The whole article, and the article cut at every length near the kernel's steps
    // of eight words and near its end, where the portable code takes over.
    for (size_t cut : {article.size(), article.size() / 2, article.size() / 3 + 1, size_t{200}, size_t{61},
                       size_t{40}}) {
      const FirstPasses passes = BothPasses(*matcher, std::string_view(article).substr(0, cut));
      EXPECT_EQ(passes.avx512, passes.portable) << name << ", first " << cut << " bytes";
      marked += passes.portable.size();
    }
  }
  EXPECT_GT(marked, 1000u);  // the articles do start walks
}

// Random lexicons of words, phrases (whose first words pass only beside the next),
// phrases after a lead word ("the ..."), and globs of four to nine bytes; random
// texts of their words, of prefixes of them, and of other words, of every length up
// to a few hundred words. Each kind of filter bit must turn up, or the test proves
// nothing about it.
TEST_F(FirstPassTest, Avx512MarksWhatThePortableCodeMarksOnRandomLexiconsAndTexts) {
  std::mt19937 rng(20261126);
  auto below = [&rng](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const std::string letters = "abcdef";  // few letters, so that words share prefixes
  auto random_word = [&](size_t min, size_t max) {
    std::string w;
    for (size_t k = 0, n = min + below(max - min + 1); k < n; ++k) w += letters[below(letters.size())];
    return w;
  };
  size_t word_bits = 0, glob4_bits = 0, glob6_bits = 0, entries_seen = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> vocabulary;
    for (int k = 0; k < 30; ++k) vocabulary.push_back(random_word(1, 12));
    std::vector<std::string> patterns;
    for (int k = 0; k < 25; ++k) {
      const std::string& w = vocabulary[below(vocabulary.size())];
      switch (below(4)) {
        case 0:
          patterns.push_back(w);
          break;
        case 1:
          patterns.push_back(w + " " + vocabulary[below(vocabulary.size())]);
          break;
        case 2:
          patterns.push_back("the " + w);
          break;
        default:
          // Globs of four bytes or more only: with shorter ones at the root the
          // portable code alone runs.
          if (w.size() >= 4) patterns.push_back(w.substr(0, 4 + below(w.size() - 3)) + "*");
          break;
      }
    }
    std::sort(patterns.begin(), patterns.end());
    patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
    if (patterns.empty()) continue;
    const std::unique_ptr<Matcher> matcher = BuildMatcher(patterns);
    ASSERT_NE(matcher, nullptr);
    std::string text;
    for (size_t w = 0, n = 1 + below(300); w < n; ++w) {
      if (w > 0) text += below(10) == 0 ? ", " : " ";
      const size_t kind = below(10);
      const std::string& v = vocabulary[below(vocabulary.size())];
      text += kind < 6 ? v : kind < 8 ? v + random_word(1, 4) : kind == 8 ? "the" : random_word(1, 14);
    }
    const FirstPasses passes = BothPasses(*matcher, text);
    ASSERT_EQ(passes.avx512, passes.portable)
        << "patterns:\n" << ::testing::PrintToString(patterns) << "\ntext: " << text;
    for (uint64_t entry : passes.portable) {
      ++entries_seen;
      word_bits += (entry & 1) != 0;
      glob4_bits += (entry & 4) != 0;
      glob6_bits += (entry & 16) != 0;
    }
  }
  EXPECT_GT(word_bits, 1000u);
  EXPECT_GT(glob4_bits, 1000u);
  EXPECT_GT(glob6_bits, 100u);
  EXPECT_GT(entries_seen, word_bits);  // some words pass a glob filter only
}

}  // namespace
}  // namespace polytag::internal
