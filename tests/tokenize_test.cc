#include "tokenize.h"

#include <random>

#include "cpu_features.h"
#include "gtest/gtest.h"
#include "normalize.h"
#include "utf8.h"

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

TEST(TokenizeTest, WordsAndPunctuationOfScriptsWithoutCapitals) {
  // Each ideograph and hiragana is a word, katakana runs and Hangul words are whole,
  // and full-width and ideographic punctuation stands between words and marks clauses
  // and sentences, as ICU's word rules have it.
  const std::string text = "政府，部长：和平（危机）。ロシアの外交。정부는 대화를, 밝혔다.";
  EXPECT_EQ(Folded(text), (std::vector<std::string>{"政", "府", "部", "长", "和", "平", "危", "机", "ロシア", "の",
                                                    "外", "交", "정부는", "대화를", "밝혔다"}));
  std::vector<Token> tokens;
  std::string folded;
  Tokenize(text, 0, text.size(), &tokens, &folded);
  ASSERT_EQ(tokens.size(), 15u);
  EXPECT_TRUE(tokens[2].gap & kGapClause);   // ，
  EXPECT_TRUE(tokens[4].gap & kGapClause);   // ：
  EXPECT_TRUE(tokens[6].gap & kGapClause);   // （
  EXPECT_FALSE(tokens[7].gap);
  EXPECT_TRUE(tokens[8].gap & kGapClause);   // ）
  EXPECT_TRUE(tokens[8].gap & kGapTerminal);  // 。
  EXPECT_FALSE(tokens[9].gap);
  EXPECT_TRUE(tokens[12].gap & kGapTerminal);  // 。
  EXPECT_TRUE(tokens[14].gap & kGapClause);  // ,
  // Arabic's comma and question mark, and Devanagari's danda.
  const std::string other = "لا، إنها؟ نعم। हाँ";
  tokens.clear();
  Tokenize(other, 0, other.size(), &tokens, &folded);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].gap, kGapClause);
  EXPECT_EQ(tokens[2].gap, kGapTerminal);
  EXPECT_EQ(tokens[3].gap, kGapTerminal);
  // Punctuation the tokenizer does not list, by its sentence class in Unicode:
  // Armenian's comma and full stop, Ethiopic's full stop (after its word space, no
  // gap), Mongolian's comma and full stop, and Myanmar's full stop.
  const std::string more = "Հայաստան՝ խաղաղություն։ መንግሥት፡ሰላም። ᠮᠣᠩᠭᠣᠯ᠂ ᠤᠯᠤᠰ᠃ အစိုးရ။ ဆွေးနွေးပွဲ";
  tokens.clear();
  Tokenize(more, 0, more.size(), &tokens, &folded);
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[1].gap, kGapClause);    // ՝
  EXPECT_EQ(tokens[2].gap, kGapTerminal);  // ։
  EXPECT_EQ(tokens[3].gap, 0);             // ፡ separates words only
  EXPECT_EQ(tokens[4].gap, kGapTerminal);  // ።
  EXPECT_EQ(tokens[5].gap, kGapClause);    // ᠂
  EXPECT_EQ(tokens[6].gap, kGapTerminal);  // ᠃
  EXPECT_EQ(tokens[7].gap, kGapTerminal);  // ။
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

TEST(TokenizeTest, NonAsciiWordsFoldAsAloneWhereverTheyFall) {
  // Words that the general path folds through ICU, some longer once folded ("ŉ" is
  // "ʼn", "ǰ" a "j" and a combining caron), some shorter ("ﬀ"), many in a row and up to
  // the end of the text, where the folded text's room runs out.
  std::vector<std::string> kWords = {"\u0149", "\u01F0ai", "Stra\u00DFe", "\uFB00ect", "\u0391\u0398\u0397\u039D\u0391",
                                     "\u041C\u043E\u0441\u043A\u0432\u0430", "\u00C9lys\u00E9e", "Zu\u0308rich",
                                     "\u0130stanbul", "talks", "\uFF35\uFF2E", "\u1E9E\u1E9E\u1E9E",
                                     "\uB300\uD1B5\uB839", "\u30ED\u30B7\u30A2", "\uFF76\uFF9E", ""};
  for (int k = 0; k < 60; ++k) kWords.back() += "\u0149";  // 60 bytes more once folded
  size_t grown = 0;
  std::mt19937 rng(5);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    std::vector<std::string> expected;
    for (size_t k = 0, n = 1 + rng() % 120; k < n; ++k) {
      const std::string& word = kWords[rng() % kWords.size()];
      text += word;
      text += rng() % 4 == 0 ? ", " : " ";
      std::string folded;
      AppendFolded(word, &folded);
      grown += folded.size() > word.size();
      expected.push_back(folded);
    }
    ASSERT_EQ(Folded(text), expected) << text;
  }
  EXPECT_GT(grown, 1000u);  // words that outgrow their text were there to fold
}

TEST(FoldTest, WordsFoldAsIcuFoldsThemWhicheverPathTheyTake) {
  // Words of ASCII, two-byte characters and CJK ideographs are folded a character at a
  // time from tables; the result must be ICU's for the whole word, including where a
  // character composes with the one before it (combining marks, which the tables leave
  // to ICU).
  auto check = [](const std::string& word) {
    std::string fast, icu;
    AppendFolded(word, &fast);
    AppendFoldedByIcu(word, &icu);
    return fast == icu;
  };
  for (char32_t c = 0x80; c < 0x800; ++c) {
    const std::string ch = EncodeUtf8(c);
    for (const std::string& word : {ch, "a" + ch, "e" + ch + "s", ch + ch, "I" + ch + "\u0301", ch + "\u0130"})
      ASSERT_TRUE(check(word)) << "U+" << std::hex << static_cast<uint32_t>(c) << " in [" << word << "]";
  }
  // And every CJK Unified Ideograph, kana, Hangul syllable and character of U+0900 to
  // U+1FFF (Indic, Thai, ..., Georgian, Ethiopic, the jamo, Vietnamese), with the
  // ranges' neighbours, which mostly fold to themselves, alone and beside the marks
  // that would compose with a character before them: the voiced sound mark that makes
  // "が" of "か", a trailing jamo that makes "각" of "가", the vowel jamo that makes "가"
  // of "ᄀ", Devanagari's nukta, a Bengali vowel sign that composes with another, Thai's
  // SARA AM, and the acute accent and dot below of Vietnamese.
  for (const auto& [first, end] :
       {std::pair<char32_t, char32_t>{0x4DC0, 0xA040}, {0x3000, 0x3140}, {0xABC0, 0xD800}, {0x08C0, 0x2040}}) {
    for (char32_t c = first; c < end; ++c) {
      const std::string ch = EncodeUtf8(c);
      for (const std::string& word : {ch, ch + ch + "\u0301", "a" + ch, ch + "\u3099", ch + "\u11A8", "I" + ch + ch,
                                      ch + "\u093C", ch + "\u09BE", ch + "\u0E33", ch + "\u1161", ch + "\u0323"})
        ASSERT_TRUE(check(word)) << "U+" << std::hex << static_cast<uint32_t>(c) << " in [" << word << "]";
    }
  }
  std::mt19937 rng(29);
  const char32_t kOthers[] = {'A', 'z', 'I', 'i', '0', '\'', 0x300, 0x301, 0x308, 0x30C, 0x345, 0x2019, 0x1E9E,
                              0xFB01, 0x2BC, 0x3099, 0x309B, 0x309F, 0x30FF, 0x11A8, 0xF900, 0x4E00, 0x9FFF,
                              0x4E2D, 0xAC00, 0xD7A3, 0xFF76, 0xFF9E};
  for (int round = 0; round < 20000; ++round) {
    std::string word;
    for (size_t k = 0, n = 1 + rng() % 10; k < n; ++k) {
      const uint32_t pick = rng() % 7;
      word += EncodeUtf8(pick == 0   ? kOthers[rng() % std::size(kOthers)]
                         : pick == 1 ? 0x4E00 + rng() % (0xA000 - 0x4E00)
                         : pick == 2 ? 0x3040 + rng() % (0x3100 - 0x3040)
                         : pick == 3 ? 0xAC00 + rng() % (0xD7B0 - 0xAC00)
                         : pick == 4 ? 0x0900 + rng() % (0x2000 - 0x0900)
                                     : 0x80 + rng() % (0x800 - 0x80));
    }
    ASSERT_TRUE(check(word)) << "[" << word << "]";
  }
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

// The documented rules, one character at a time, for ASCII text and the typographic
// punctuation that the tokenizer's 64-byte windows settle too (’ ‘ – — ― “ ” …):
// what the windows must agree with wherever a word or a gap falls.
struct RefToken {
  size_t begin, end;
  std::string folded;
  uint8_t gap;
  bool capitalized;
  bool operator==(const RefToken& o) const {
    return begin == o.begin && end == o.end && folded == o.folded && gap == o.gap && capitalized == o.capitalized;
  }
};

std::vector<RefToken> Reference(std::string_view text, size_t begin, size_t end) {
  // The class of the character at k, and its length: L letter, D digit, J '_',
  // M ' . ’ ‘ (joins letters or digits), N , ; (joins digits), O anything else.
  const auto cls = [&](size_t k) -> std::pair<char, size_t> {
    const unsigned char c = static_cast<unsigned char>(text[k]);
    if (c == 0xE2 && k + 2 < end && static_cast<unsigned char>(text[k + 1]) == 0x80)
      return {text[k + 2] == '\x98' || text[k + 2] == '\x99' ? 'M' : 'O', 3};
    if (std::isalpha(c)) return {'L', 1};
    if (std::isdigit(c)) return {'D', 1};
    if (c == '_') return {'J', 1};
    if (c == '.' || c == '\'') return {'M', 1};
    if (c == ',' || c == ';') return {'N', 1};
    return {'O', 1};
  };
  const auto word = [](char c) { return c == 'L' || c == 'D' || c == 'J'; };
  std::vector<RefToken> out;
  uint8_t gap = 0;
  for (size_t i = begin; i < end;) {
    const auto [c, len] = cls(i);
    if (!word(c)) {
      const std::string_view ch = text.substr(i, len);
      if (ch.size() == 1 && std::string_view(",;:()[]").find(ch[0]) != std::string_view::npos) gap |= kGapClause;
      if (ch.size() == 1 && std::string_view(".!?").find(ch[0]) != std::string_view::npos) gap |= kGapTerminal;
      if (ch == "\n" || ch == "\r") gap |= kGapNewline;
      if (ch == "-" && i > begin && i + 1 < end && text[i - 1] == ' ' && text[i + 1] == ' ') gap |= kGapClause;
      if (ch == "\u2013" || ch == "\u2014" || ch == "\u2015") gap |= kGapClause;
      if (ch == "\u2026") gap |= kGapTerminal;
      i += len;
      continue;
    }
    char prev = c;
    size_t j = i + 1;
    while (j < end) {
      const auto [n, n_len] = cls(j);
      if (word(n)) {
        prev = n;
        ++j;
        continue;
      }
      if ((n == 'M' || n == 'N') && j + n_len < end) {
        const char a = cls(j + n_len).first;
        if ((prev == 'D' && a == 'D') || (n == 'M' && prev == 'L' && a == 'L')) {
          prev = a;
          j += n_len + 1;
          continue;
        }
      }
      break;
    }
    size_t e = j;
    const std::string_view w = text.substr(i, e - i);
    if (w.size() >= 3 && (w.back() == 's' || w.back() == 'S') && w[w.size() - 2] == '\'') e -= 2;
    else if (w.size() >= 5 && (w.back() == 's' || w.back() == 'S') && w.substr(w.size() - 4, 3) == "\u2019") e -= 4;
    std::string folded;
    for (size_t k = i; k < e; ++k) {
      if (cls(k).second == 3) {  // a typographic apostrophe folds to a plain one
        folded += '\'';
        k += 2;
        continue;
      }
      folded += static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
    }
    out.push_back({i, e, folded, gap, std::isupper(static_cast<unsigned char>(text[i])) != 0});
    gap = 0;
    i = j;
  }
  return out;
}

std::vector<RefToken> Tokens(std::string_view text, size_t begin, size_t end) {
  std::vector<Token> tokens;
  std::string folded = "x";  // appends after what is there
  Tokenize(text, begin, end, &tokens, &folded);
  std::vector<RefToken> out;
  for (const Token& t : tokens) {
    EXPECT_EQ(t.hash, HashBytes(folded.data() + t.fold_begin, t.fold_len));
    EXPECT_EQ(folded[t.fold_begin + t.fold_len], ' ');
    out.push_back({t.begin, t.end, folded.substr(t.fold_begin, t.fold_len), t.gap, t.capitalized});
  }
  return out;
}

TEST(TokenizeTest, AsciiWordsAgreeWithTheRulesWhereverTheyFall) {
  // Words, joiners and gap bytes at every offset of the 16- and 64-byte blocks the
  // tokenizer classifies at once, and ranges ending anywhere.
  constexpr std::string_view kPieces[] = {"a", "Z", "s", "S", "7", "0", "_", ".", "'", ",", ";", ":", " ", " ",
                                          " ", "-", " - ", "\n", "!", "?", "(", "]", "\"", "Britain's", "3.5",
                                          "2,000", "don't", "U.S.", "e-mail", "counterterrorism", "abcdefghijklmnopq"};
  std::mt19937 rng(20240611);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t length = rng() % 300;
    while (text.size() < length) text += kPieces[rng() % std::size(kPieces)];
    size_t begin = rng() % (text.size() + 1), end = rng() % (text.size() + 1);
    if (begin > end) std::swap(begin, end);
    if (round % 2 == 0) begin = 0, end = text.size();
    ASSERT_EQ(Tokens(text, begin, end), Reference(text, begin, end)) << "[" << text << "] " << begin << ".." << end;
  }
}

TEST(TokenizeTest, KeepsWordsWholeAcrossBlocksAndAtTheEnd) {
  for (size_t at = 0; at < 140; ++at) {
    const std::string pad(at, ' ');
    for (const std::string& word : std::vector<std::string>{"Counterterrorism", "x", "3.5", "2,000", "don't", std::string(70, 'w')}) {
      const std::string text = pad + word;
      const std::vector<RefToken> t = Tokens(text, 0, text.size());
      ASSERT_EQ(t.size(), 1u) << at << " " << word;
      EXPECT_EQ(t[0].begin, at);
      EXPECT_EQ(t[0].end, text.size());
      if (!std::isalpha(static_cast<unsigned char>(word.back()))) continue;  // "3.5's" is two words
      const std::string possessive = text + "'s, more";
      ASSERT_EQ(Tokens(possessive, 0, possessive.size()).size(), 2u);
      EXPECT_EQ(Tokens(possessive, 0, possessive.size())[0].end, text.size());
    }
  }
}

TEST(TokenizeTest, PossessivesAndInnerJoinersWhereverTheyFall) {
  // Only a word with ' or . two bytes before its end may end in a possessive; the gap
  // bytes inside a word never count for the next one.
  const std::string words = "U.S's it's don't a.s x's 3.5's; end.";
  EXPECT_EQ(Folded(words), (std::vector<std::string>{"u.s", "it", "don't", "a.s", "x", "3.5", "s", "end"}));
  for (size_t at = 0; at < 140; ++at) {
    const std::string text = std::string(at, ' ') + words;
    ASSERT_EQ(Tokens(text, 0, text.size()), Reference(text, 0, text.size())) << at;
  }
}

// Moves k forward to the start of a character.
size_t CharStart(std::string_view text, size_t k) {
  while (k < text.size() && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) ++k;
  return k;
}

TEST(TokenizeTest, TypographicPunctuationAgreesWithTheRulesWhereverItFalls) {
  // Edited text's apostrophes, dashes, quotes and ellipses, inside and between words,
  // at every offset of the windows and beside their ends.
  constexpr std::string_view kPieces[] = {
      "a", "Z", "s", "S", "7", " ", " ", " ", ".", "'", ",", "\n", "\u2019", "\u2018", "\u2013", "\u2014",
      "\u2015", "\u201C", "\u201D", "\u2026", "\u2019s", "Russia\u2019s", "didn\u2019t", "rock\u2019n\u2019roll",
      "DON\u2019T", "3\u20195", "\u201CTalks\u201D", "war\u2014peace", "1990\u2019s", "x\u2018s", "abcdefghijklmnopq"};
  std::mt19937 rng(20261126);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t length = rng() % 300;
    while (text.size() < length) text += kPieces[rng() % std::size(kPieces)];
    size_t begin = CharStart(text, rng() % (text.size() + 1)), end = CharStart(text, rng() % (text.size() + 1));
    if (begin > end) std::swap(begin, end);
    if (round % 2 == 0) begin = 0, end = text.size();
    ASSERT_EQ(Tokens(text, begin, end), Reference(text, begin, end)) << "[" << text << "] " << begin << ".." << end;
  }
  for (size_t at = 0; at < 140; ++at) {
    const std::string text = std::string(at, ' ') + "The minister\u2019s \u201Cdeal\u201D \u2013 didn\u2019t hold\u2026 ok";
    ASSERT_EQ(Tokens(text, 0, text.size()), Reference(text, 0, text.size())) << at;
    EXPECT_EQ(Folded(text), (std::vector<std::string>{"the", "minister", "deal", "didn't", "hold", "ok"})) << at;
  }
}

// The tagger has no validation pass of its own: the tokenizer must stop at exactly the
// first ill-formed byte that FindInvalidUtf8 finds, wherever it falls in the windows,
// inside or between words, beside typographic punctuation or cut off at the end; and
// return npos for well-formed text.
TEST(TokenizeTest, StopsAtTheFirstIllFormedByteWhereverItFalls) {
  constexpr std::string_view kValid[] = {
      "a", "Z", "s", "7", " ", " ", " ", ".", "'", ",", "\n", "Russia\u2019s", "\u2013", "\u201C", "caf\u00E9",
      "\u4E2D", "\U0001F600", "abcdefghijklmnopq"};
  // A lone continuation byte, a truncated sequence, an overlong form, a surrogate, a
  // code point above U+10FFFF, a byte that never occurs, and what looks like
  // typographic punctuation but is cut short.
  constexpr std::string_view kIllFormed[] = {"\x80",         "\xC3", "\xC0\x80",     "\xED\xA0\x80",
                                             "\xF4\x90\x80\x80", "\xFF", "\xE2\x80", "\xE2\x80 "};
  constexpr size_t kAll = std::size(kValid) + std::size(kIllFormed);
  std::mt19937 rng(20261127);
  size_t ill_formed = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const size_t length = rng() % 300;
    // One piece in eight is drawn from all of them, the rest from the well-formed ones:
    // ill-formed pieces are few, and the first can fall anywhere.
    while (text.size() < length) {
      const size_t k = rng() % (rng() % 8 == 0 ? kAll : std::size(kValid));
      text += k < std::size(kValid) ? kValid[k] : kIllFormed[k - std::size(kValid)];
    }
    std::vector<Token> tokens;
    std::string folded;
    const size_t stopped = Tokenize(text, 0, text.size(), &tokens, &folded);
    ASSERT_EQ(stopped, FindInvalidUtf8(text)) << "[" << text << "]";
    ill_formed += stopped != std::string_view::npos;
    for (const Token& t : tokens) ASSERT_LE(t.end, stopped) << "[" << text << "]";  // only words before it
  }
  EXPECT_GT(ill_formed, 1000u);
  // At every offset of a window, and as the text's last byte.
  for (size_t at = 0; at < 140; ++at) {
    for (std::string_view bad : {"\x80", "\xE2\x80", "\xE2\x80\x99\xFF"}) {
      const std::string text = std::string(at, 'x') + std::string(bad);
      std::vector<Token> tokens;
      std::string folded;
      EXPECT_EQ(Tokenize(text, 0, text.size(), &tokens, &folded), FindInvalidUtf8(text)) << at;
    }
  }
}

// Where the processor has AVX-512BW, each window's bytes are classified with it; the
// SSE2 classification must give the same tokens, folded words, gaps and stopping
// point on any text: random mixes of every class the windows tell apart (letters of
// both cases, digits, '_', the joiners . ' , ;, spaces and tabs, punctuation, line
// breaks, typographic punctuation and apostrophes, other non-ASCII letters and
// ideographs, ill-formed bytes), at every length around the windows' 64 bytes and
// beyond.
TEST(TokenizeTest, Avx512AndSse2ClassificationsTokenizeAlike) {
  if (!HasAvx512Bw()) GTEST_SKIP() << "this processor has no AVX-512F and BW: only the SSE2 code runs";
  constexpr std::string_view kAscii[] = {"a", "Z", "q", "s", "Word", "7", "1990", "0", "_", ".", "'", ",", ";",
                                         " ", " ", " ", "  ", "\t", "\n", "-", " - ", "(", ")", "!", "?", ":",
                                         "\"", "'s"};
  constexpr std::string_view kOther[] = {"\u2019", "\u2018", "\u201C", "\u201D", "\u2013", "\u2014",
                                         "\u2026", "\u2019s", "caf\u00E9", "\u0416", "\u4E2D", "\u30AB",
                                         "\u00A0", "\xE2\x80", "\x80"};
  std::mt19937 rng(20261126);
  size_t words = 0;
  auto same = [&](const std::string& text) {
    std::vector<Token> sse2_tokens, avx512_tokens;
    std::string sse2_folded, avx512_folded;
    const size_t sse2_stop = Tokenize(text, 0, text.size(), &sse2_tokens, &sse2_folded, /*avx512=*/false);
    const size_t avx512_stop = Tokenize(text, 0, text.size(), &avx512_tokens, &avx512_folded, /*avx512=*/true);
    EXPECT_EQ(avx512_stop, sse2_stop) << "[" << text << "]";
    EXPECT_EQ(avx512_folded, sse2_folded) << "[" << text << "]";
    ASSERT_EQ(avx512_tokens.size(), sse2_tokens.size()) << "[" << text << "]";
    for (size_t k = 0; k < sse2_tokens.size(); ++k) {
      const Token &a = avx512_tokens[k], &b = sse2_tokens[k];
      ASSERT_TRUE(a.begin == b.begin && a.end == b.end && a.fold_begin == b.fold_begin && a.fold_len == b.fold_len &&
                  a.hash == b.hash && a.gap == b.gap && a.capitalized == b.capitalized)
          << "token " << k << " of [" << text << "]";
    }
    words += sse2_tokens.size();
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t length = rng() % 400;
    // Mostly ASCII, as news text is, so that most windows take the fast path.
    while (text.size() < length)
      text += rng() % 4 == 0 ? kOther[rng() % std::size(kOther)] : kAscii[rng() % std::size(kAscii)];
    same(text);
  }
  for (size_t n = 0; n < 200; ++n) same(std::string(n, 'x') + " Don\u2019t stop. " + std::string(n % 70, 'Y'));
  EXPECT_GT(words, 20000u);
}

TEST(TokenizeTest, AsciiWordsMeetingNonAsciiLettersStayWhole) {
  // Wherever an ASCII run meets a non-ASCII letter or a joiner before one, the word
  // is one word through the general rules.
  for (size_t at = 0; at < 140; ++at) {
    const std::string pad(at, ' ');
    EXPECT_EQ(Folded(pad + "Zürich’s talks"), (std::vector<std::string>{"zürich", "talks"})) << at;
    EXPECT_EQ(Folded(pad + "abc.é x"), (std::vector<std::string>{"abc.é", "x"})) << at;
    EXPECT_EQ(Folded(pad + std::string(70, 'A') + "é"), std::vector<std::string>{std::string(70, 'a') + "é"}) << at;
    EXPECT_EQ(Folded(pad + "war— peace"), (std::vector<std::string>{"war", "peace"})) << at;
  }
}

TEST(HashTest, PaddedAndShortHashesAgreeWithHashBytes) {
  std::mt19937 rng(7);
  for (size_t n = 0; n <= 40; ++n) {
    std::string bytes(n + 24, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    const uint64_t want = HashBytes(bytes.data(), n);
    EXPECT_EQ(HashPadded(bytes.data(), n), want) << n;  // the bytes after n differ
    if (n <= 16) {
      std::string padded(bytes, 0, n);
      padded.resize(16, '\0');
      EXPECT_EQ(HashShort(LoadWord(padded.data()), LoadWord(padded.data() + 8), n), want) << n;
    }
  }
  EXPECT_NE(HashBytes("and"), HashBytes("or"));
  EXPECT_NE(HashBytes(std::string_view("a\0", 2)), HashBytes("a"));  // the length is hashed
}

}  // namespace
}  // namespace polytag::internal
