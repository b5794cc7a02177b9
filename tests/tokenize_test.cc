#include "tokenize.h"

#include "gtest/gtest.h"
#include "normalize.h"

namespace polytag::internal {
namespace {

struct Word {
  std::string original;
  std::string folded;
};

std::vector<Word> Words(std::string_view text) {
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(text, 0, text.size(), &tokens, &folded);
  std::vector<Word> out;
  for (const Token& t : tokens) {
    // Offsets must point at the original bytes, whatever folding did.
    EXPECT_LE(t.begin, t.end);
    EXPECT_LE(t.end, text.size());
    EXPECT_EQ(t.hash, HashBytes(folded.data() + t.fold_begin, t.fold_len));
    out.push_back({std::string(text.substr(t.begin, t.end - t.begin)), folded.substr(t.fold_begin, t.fold_len)});
  }
  return out;
}

std::vector<std::string> Folded(std::string_view text) {
  std::vector<std::string> out;
  for (const Word& w : Words(text)) out.push_back(w.folded);
  return out;
}


TEST(TokenizeTest, SplitsOnWordBoundariesAndFoldsCase) {
  EXPECT_EQ(Folded("The Kremlin SAID, on Monday: talks resume."),
            (std::vector<std::string>{"the", "kremlin", "said", "on", "monday", "talks", "resume"}));
}

TEST(TokenizeTest, KeepsApostrophesDotsAndNumbersInsideWords) {
  EXPECT_EQ(Folded("don't U.S. officials 2,000 troops 3.5% e-mail"),
            (std::vector<std::string>{"don't", "u.s", "officials", "2,000", "troops", "3.5", "e", "mail"}));
}

TEST(TokenizeTest, DropsPossessivesWithEitherApostrophe) {
  const std::vector<Word> w = Words("Russia’s plan and Britain's bid");
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0].original, "Russia");
  EXPECT_EQ(w[0].folded, "russia");
  EXPECT_EQ(w[3].original, "Britain");
}

TEST(TokenizeTest, TypographicApostrophesFoldToPlainOnes) {
  EXPECT_EQ(Folded("didn’t won’t"), (std::vector<std::string>{"didn't", "won't"}));
}

TEST(TokenizeTest, NonAsciiWordsKeepExactOffsets) {
  const std::string text = "In Zürich — and İstanbul — “talks” went on; 中华 ＵＮ.";
  const std::vector<Word> w = Words(text);
  ASSERT_EQ(w.size(), 10u);
  EXPECT_EQ(w[1].original, "Zürich");
  EXPECT_EQ(w[1].folded, "zürich");
  EXPECT_EQ(w[3].original, "İstanbul");
  EXPECT_EQ(w[3].folded, "istanbul");  // the dotted capital I folds to plain i
  EXPECT_EQ(w[4].original, "talks");   // curly quotes are not part of the word
  EXPECT_EQ(w[7].original, "中");      // each ideograph is a word
  EXPECT_EQ(w[8].original, "华");
  EXPECT_EQ(w[9].original, "ＵＮ");
  EXPECT_EQ(w[9].folded, "un");        // full-width letters fold to ASCII
  const size_t zurich = text.find("Zürich");
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(text, 0, text.size(), &tokens, &folded);
  EXPECT_EQ(tokens[1].begin, zurich);
  EXPECT_EQ(tokens[1].end, zurich + std::string("Zürich").size());
}

TEST(TokenizeTest, CombiningMarksStayWithTheirLetter) {
  // "é" written as e + U+0301 is one word with the precomposed one's folding.
  EXPECT_EQ(Folded("Cafe\xCC\x81 policy"), Folded("Café policy"));
}

TEST(TokenizeTest, TokenizesASubrangeWithDocumentOffsets) {
  const std::string text = "First paragraph.\n\nSecond one here.";
  std::vector<Token> tokens;
  std::string folded;
  const size_t b = text.find("Second");
  Tokenize(text, b, text.size(), &tokens, &folded);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].begin, b);
  EXPECT_TRUE(tokens[0].capitalized);
}

TEST(TokenizeTest, RecordsClauseAndSentenceGaps) {
  const std::string text = "war, peace; truce. Talks — again";
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(text, 0, text.size(), &tokens, &folded);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[1].gap & kGapClause);
  EXPECT_TRUE(tokens[2].gap & kGapClause);
  EXPECT_TRUE(tokens[3].gap & kGapTerminal);
  EXPECT_TRUE(tokens[4].gap & kGapClause);  // the em dash
}

TEST(TokenizeTest, FoldedWordsOfPatterns) {
  EXPECT_EQ(FoldedWords("Counter-Terrorism"), (std::vector<std::string>{"counter", "terrorism"}));
  EXPECT_EQ(FoldedWords("  "), std::vector<std::string>{});
}

}  // namespace
}  // namespace polytag::internal
